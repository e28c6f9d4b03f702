/**
 * `npm run bench:audit`: seeds ROWS (default 1,000,000) keyed audit rows into a scratch database
 * (AUDIT_BENCH_DATABASE, default <database of DATABASE_URL>_audit_bench, made and dropped here),
 * runs the verifier on them in a child process (chain, checkpoints, duplicates; no Temporal
 * cross-check: the seeded cases have no histories) and prints rows/s and the child's peak RSS.
 * Asserts nothing. Env: DATABASE_URL, ROWS, AUDIT_VERIFY_BATCH (5000).
 */
import 'reflect-metadata';
import { fork } from 'child_process';
import { randomBytes } from 'crypto';
import { mkdtempSync, rmSync } from 'fs';
import { cpus, loadavg, tmpdir } from 'os';
import { join } from 'path';
import { DataSource } from 'typeorm';
import { formatAuditReport, verifyAudit } from '../../apps/api/src/audit/verify-audit';
import { AuditCheckpointer } from '../../libs/persistence/audit-checkpoints';
import { AuditRowContent, keyedRowHash } from '../../libs/persistence/audit-log';
import { settings } from '../../libs/config/settings';
import { createDataSource } from '../../libs/persistence/data-source';
import { migrate } from '../../libs/persistence/setup-database';

const ROWS = Number(process.env.ROWS ?? 1_000_000);
const BATCH = Number(process.env.AUDIT_VERIFY_BATCH ?? 5000);
const INSERT_BATCH = 5000;

function scratchUrl(): { admin: string; scratch: string; name: string } {
  const url = new URL(settings().DATABASE_URL);
  const name = process.env.AUDIT_BENCH_DATABASE ?? `${url.pathname.slice(1)}_audit_bench`;
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`bad scratch database name ${name}`);
  const scratch = new URL(url.toString());
  scratch.pathname = `/${name}`;
  return { admin: url.toString(), scratch: scratch.toString(), name };
}

const ACTIONS = ['login', 'claim', 'decision', 'decision-accepted', 'process-started', 'refusal', 'replay', 'query'];

function seedRow(i: number): AuditRowContent {
  const action = ACTIONS[i % ACTIONS.length];
  const processId = action === 'login' ? null : `objection-bench-${Math.floor(i / 40)}`;
  return {
    at: new Date(Date.UTC(2026, 0, 1) + i * 1000),
    actor: `service_clerk_${i % 7}`,
    action,
    processId,
    // a task of its own per decision row, so the seeded log has no duplicate decisions
    taskId: processId && action !== 'process-started' ? `${processId}:step-${i}:1` : null,
    detail: action === 'login' ? { clientAddress: '127.0.0.1' } : { decision: 'accept', step: 'review', comment: i % 3 ? null : '材料齐全，同意受理' },
  };
}

async function seed(ds: DataSource, key: Buffer): Promise<void> {
  const [head] = await ds.query(`SELECT chain_id, last_id::text AS last_id, hash FROM audit_chain_head`);
  let prev: string = head.hash;
  let id = BigInt(head.last_id);
  for (let done = 0; done < ROWS; ) {
    const n = Math.min(INSERT_BATCH, ROWS - done);
    const cols: unknown[][] = [[], [], [], [], [], [], [], [], []];
    for (let k = 0; k < n; k++) {
      id += 1n;
      const row = seedRow(done + k);
      const hash = keyedRowHash(key, head.chain_id, id, prev, row);
      [String(id), row.at, row.actor, row.action, row.processId, row.taskId, JSON.stringify(row.detail), prev, hash].forEach((v, c) => cols[c].push(v));
      prev = hash;
    }
    await ds.query(
      `INSERT INTO audit_log (id, version, at, actor, action, process_id, task_id, detail, prev_hash, hash)
       SELECT id, 2, at, actor, action, process_id, task_id, detail::jsonb, prev_hash, hash
         FROM unnest($1::bigint[], $2::timestamptz[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[])
           AS t(id, at, actor, action, process_id, task_id, detail, prev_hash, hash)`,
      cols,
    );
    done += n;
    if (done % 100_000 === 0 || done === ROWS) process.stdout.write(`  seeded ${done} rows\r`);
  }
  await ds.query(`UPDATE audit_chain_head SET last_id = $1, row_count = row_count + $2, prev_hash = '', hash = $3`, [String(id), ROWS, prev]);
  process.stdout.write('\n');
}

/** The child: only the verifier runs in it, so its peak RSS is the verifier's. */
async function child(): Promise<void> {
  const ds = await createDataSource(process.env.BENCH_SCRATCH_URL).initialize();
  try {
    const report = await verifyAudit(ds, null, { batchSize: BATCH, checkpointFile: process.env.BENCH_CHECKPOINTS });
    const cpu = process.cpuUsage();
    process.send?.({ report, maxRssKb: process.resourceUsage().maxRSS, cpuSeconds: (cpu.user + cpu.system) / 1e6 });
  } finally {
    await ds.destroy();
  }
}

async function main(): Promise<void> {
  const { admin, scratch, name } = scratchUrl();
  const key = randomBytes(32).toString('hex');
  process.env.AUDIT_HMAC_KEY = key;
  const dir = mkdtempSync(join(tmpdir(), 'audit-bench-'));
  const checkpoints = join(dir, 'checkpoints.log');
  const adminDs = await createDataSource(admin).initialize();
  await adminDs.query(`DROP DATABASE IF EXISTS ${name}`);
  await adminDs.query(`CREATE DATABASE ${name}`);
  try {
    const ds = await createDataSource(scratch).initialize();
    try {
      await migrate(ds);
      console.log(`audit bench: seeding ${ROWS} keyed rows into ${name}`);
      const t0 = Date.now();
      await seed(ds, Buffer.from(key, 'utf8'));
      console.log(`  seeded in ${((Date.now() - t0) / 1000).toFixed(1)} s; checkpoint: ${JSON.stringify(await new AuditCheckpointer(ds, { file: checkpoints, everyRows: 0, everySeconds: 0 }).checkpointNow()).slice(0, 80)}…`);
      await ds.query(`VACUUM ANALYZE audit_log`);
    } finally {
      await ds.destroy();
    }
    const result = await new Promise<{ report: Awaited<ReturnType<typeof verifyAudit>>; maxRssKb: number; cpuSeconds: number }>((resolve, reject) => {
      const proc = fork(__filename, ['--verify'], { env: { ...process.env, BENCH_SCRATCH_URL: scratch, BENCH_CHECKPOINTS: checkpoints } });
      proc.once('message', (m) => resolve(m as never));
      proc.once('exit', (code) => code && reject(new Error(`verifier exited ${code}`)));
    });
    console.log('verifier:');
    formatAuditReport(result.report).forEach((line) => console.log(`  ${line}`));
    const perMillion = (result.report.seconds / result.report.rows) * 1e6;
    console.log(`figures: ${result.report.rows} rows in ${result.report.seconds.toFixed(2)} s = ${result.report.rowsPerSecond} rows/s (${perMillion.toFixed(1)} s per million), batch ${BATCH}, peak RSS ${Math.round(result.maxRssKb / 1024)} MB, verifier CPU ${result.cpuSeconds.toFixed(1)} s; load average ${loadavg()[0].toFixed(1)} on ${cpus().length} cores`);
  } finally {
    await adminDs.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch((e) => console.error(`could not drop ${name}: ${e.message}`));
    await adminDs.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv.includes('--verify')) {
  child().catch((error) => {
    console.error(error);
    process.exit(1);
  });
} else {
  main().catch((error) => {
    console.error('audit bench failed:', error);
    process.exit(1);
  });
}

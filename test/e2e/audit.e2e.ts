/**
 * The keyed audit chain against the real Postgres (HMAC computed by pgcrypto in the append
 * statement, recomputed in Node by the verifier) and the real Temporal histories. Tampering is
 * done on a copy of the tables in a scratch schema, so the suite's own chain stays intact.
 */
import { createHash, randomBytes } from 'crypto';
import { mkdtempSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { DataSource } from 'typeorm';
import { auditClean, verifyAudit } from '../../apps/api/src/audit/verify-audit';
import { TemporalService } from '../../apps/api/src/temporal/temporal.service';
import { verifyChain } from '../../libs/persistence/audit-chain';
import { AuditCheckpointer, auditCheckpointer, readCheckpoints } from '../../libs/persistence/audit-checkpoints';
import { auditCheckpointFile } from '../../libs/persistence/audit-key';
import { appendAudit, auditRowHash, keyedRowHash } from '../../libs/persistence/audit-log';
import { dataSourceOptions } from '../../libs/persistence/data-source';
import { ApiHarness, startApiHarness, until } from '../support/api-harness';
import { createTestSubject } from '../support/database';
import { inboxDriver } from '../support/inbox-driver';
import { INITIAL_REVIEW_PASSED, objectionInput } from '../support/objection-input';

let h: ApiHarness;
const { start, complete } = inboxDriver(() => h);
let processId: string;
const auditRows = async (ds: DataSource, sql = '') => Number((await ds.query(`SELECT count(*) AS n FROM audit_log ${sql}`))[0].n);

beforeAll(async () => {
  h = await startApiHarness();
  const subject = await createTestSubject(h.dataSource);
  processId = await start('service_clerk_1', 'objection', objectionInput(subject), { policy: 'center' });
  await complete('service_clerk_1', processId, 'accept', 'accept', INITIAL_REVIEW_PASSED);
  await complete('service_reviewer_1', processId, 'confirm', 'confirm', INITIAL_REVIEW_PASSED);
  await until(async () => (await auditRows(h.dataSource, `WHERE process_id = '${processId}' AND action = 'decision-accepted'`)) === 2, 'both decisions accepted');
});
afterAll(async () => {
  await h?.close();
});

describe('the keyed chain in Postgres', () => {
  it('appends keyed rows whose HMAC (pgcrypto, in the append statement) the verifier recomputes in Node', async () => {
    const report = await verifyChain((sql, params) => h.dataSource.query(sql, params));
    expect(report).toMatchObject({ breakCount: 0, missingIds: 0, legacyRows: 0 });
    expect(report.keyedRows).toBe(report.rows);
    expect(report.rows).toBeGreaterThan(5);
  });

  it('keeps the chain whole under concurrent appends from two connections pools (dense ids, one successor per row)', async () => {
    const app = h.app.get(DataSource);
    await Promise.all(Array.from({ length: 30 }, (_, i) => appendAudit((i % 2 ? app : h.dataSource).manager, { actor: 'audit_e2e', action: 'login', detail: { i } })));
    const report = await verifyChain((sql, params) => h.dataSource.query(sql, params));
    expect(report).toMatchObject({ breakCount: 0, missingIds: 0 });
  });

  it('no longer chains reads of a case: they go to case_reads', async () => {
    const supervisor = await h.as('supervisor_1'); // (logging in is chained; reading is not)
    const clerk = await h.as('service_clerk_1');
    const before = await auditRows(h.dataSource);
    await supervisor.get(`/processes/${processId}`).expect(200);
    await supervisor.get(`/processes/${processId}/history`).expect(200);
    await supervisor.get(`/processes/${processId}/history?format=temporal`).expect(200);
    await supervisor.get(`/processes?pageSize=5`).expect(200);
    await clerk.get(`/tasks?view=pending`).expect(200);
    expect(await auditRows(h.dataSource)).toBe(before);
    const reads = await h.dataSource.query(`SELECT read FROM case_reads WHERE actor = 'supervisor_1' AND (process_id = $1 OR process_id IS NULL) ORDER BY id DESC LIMIT 4`, [processId]);
    expect(reads.map((r: { read: string }) => r.read).sort()).toEqual(['history', 'process', 'processes', 'temporal-history']);
  });

  it('writes signed checkpoints of the head outside the table, and the whole check passes', async () => {
    const written = await auditCheckpointer(h.dataSource).checkpointNow();
    const [head] = await h.dataSource.query(`SELECT chain_id, last_id::text AS last_id, hash FROM audit_chain_head`);
    if (written) expect(written).toMatchObject({ chain: head.chain_id, lastId: head.last_id, hash: head.hash });
    const lines = [];
    for await (const line of readCheckpoints(auditCheckpointFile())) lines.push(line);
    expect(lines.some((l) => 'checkpoint' in l && l.checkpoint.lastId === head.last_id)).toBe(true);

    const report = await verifyAudit(h.dataSource, h.app.get(TemporalService).client);
    expect(report).toMatchObject({ breakCount: 0, missingIds: 0, duplicates: [], mismatches: [] });
    expect(report.headBehindCheckpoint).toBeUndefined();
    expect(report.checkpoints.problems).toEqual([]);
    expect(report.decisionsChecked).toBeGreaterThanOrEqual(2);
    expect(auditClean(report)).toBe(true);
  });
});

describe('a database writer without the key', () => {
  const schema = `audit_scratch_${process.pid}`;
  let scratch: DataSource;
  let file: string;

  /** The chain, the head and the cases copied into a schema of their own, with a checkpoint file of their own. */
  beforeEach(async () => {
    await h.dataSource.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE; CREATE SCHEMA ${schema}`);
    for (const table of ['audit_log', 'audit_chain_head', 'processes']) {
      await h.dataSource.query(`CREATE TABLE ${schema}.${table} (LIKE public.${table} INCLUDING ALL); INSERT INTO ${schema}.${table} SELECT * FROM public.${table}`);
    }
    scratch = await new DataSource({ ...dataSourceOptions(), extra: { max: 2, options: `-c search_path=${schema},public` } }).initialize();
    file = join(mkdtempSync(join(tmpdir(), 'audit-e2e-')), 'checkpoints.log');
    expect(await auditCheckpointer(scratch, { file, everyRows: 0, everySeconds: 0 }).checkpointNow()).toBeDefined();
  });
  afterEach(async () => {
    await scratch?.destroy();
    await h.dataSource.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  });
  const check = () => verifyAudit(scratch, h.app.get(TemporalService).client, { checkpointFile: file, batchSize: 50 });

  it('starts from a clean copy', async () => {
    expect(readFileSync(file, 'utf8').trim().split('\n')).toHaveLength(1);
    const report = await check();
    expect(auditClean(report)).toBe(true);
  });

  it('cannot delete the newest rows unnoticed: the head is behind the signed checkpoint', async () => {
    const [{ last_id: lastId }] = await scratch.query(`SELECT last_id::text AS last_id FROM audit_chain_head`);
    await scratch.query(`DELETE FROM audit_log WHERE id > $1 - 3`, [lastId]);
    // …and sets the writers' head row back to what is left, so the chain looks whole.
    await scratch.query(`UPDATE audit_chain_head SET last_id = l.id, row_count = row_count - 3, hash = l.hash FROM (SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1) l`);
    const report = await check();
    expect(report.breakCount).toBe(0);
    expect(report.headBehindCheckpoint).toMatchObject({ checkpointLastId: lastId, lastId: String(BigInt(lastId) - 3n) });
    expect(auditClean(report)).toBe(false);
    // The writer refuses to sign the shortened head.
    const alarms: string[] = [];
    const fresh = new AuditCheckpointer(scratch, { file, log: (m) => alarms.push(m) });
    expect(await fresh.checkpointNow()).toBeUndefined();
    expect(alarms).toEqual([expect.stringMatching(/AUDIT ALARM.*behind checkpoint/)]);
  });

  it('cannot edit a row and re-hash it: without the key its HMAC is wrong', async () => {
    const [row] = await scratch.query(`SELECT id::text AS id, at, actor, action, process_id, task_id, detail, prev_hash FROM audit_log WHERE action = 'decision' AND process_id = $1 ORDER BY id LIMIT 1`, [processId]);
    const content = { at: row.at, actor: 'someone_else', action: row.action, processId: row.process_id, taskId: row.task_id, detail: row.detail };
    const [head] = await scratch.query(`SELECT chain_id FROM audit_chain_head`);
    for (const forged of [auditRowHash(row.prev_hash, content), keyedRowHash(randomBytes(32), head.chain_id, row.id, row.prev_hash, content), createHash('sha256').update(JSON.stringify(content)).digest('hex')]) {
      await scratch.query(`UPDATE audit_log SET actor = 'someone_else', hash = $2 WHERE id = $1`, [row.id, forged]);
      const report = await check();
      expect(report.breaks).toEqual(expect.arrayContaining([{ id: row.id, problem: 'hmac' }]));
      expect(report.chainBrokenAt).toBe(row.id);
      expect(auditClean(report)).toBe(false);
    }
  });

  it('reports a duplicate decision row (two decision rows for one task), even a validly chained one', async () => {
    const [row] = await scratch.query(`SELECT task_id, actor, detail FROM audit_log WHERE action = 'decision' AND process_id = $1 ORDER BY id LIMIT 1`, [processId]);
    await appendAudit(scratch.manager, { actor: row.actor, action: 'decision', processId, taskId: row.task_id, detail: row.detail });
    const report = await check();
    expect(report.breakCount).toBe(0);
    expect(report.duplicates).toEqual([{ taskId: row.task_id, action: 'decision', rows: 2 }]);
    expect(auditClean(report)).toBe(false);
  });

  it('reports a missing decision row: an accepted decision in the history without its audit row', async () => {
    const [row] = await scratch.query(`SELECT id::text AS id, task_id, actor FROM audit_log WHERE action = 'decision-accepted' AND process_id = $1 ORDER BY id DESC LIMIT 1`, [processId]);
    await scratch.query(`DELETE FROM audit_log WHERE process_id = $1 AND action = 'decision-accepted'`, [processId]);
    const report = await check();
    expect(report.mismatches).toEqual(expect.arrayContaining([`${processId}: accepted in history, no decision-accepted row: ${row.task_id}|${row.actor}|confirm`]));
    expect(report.gaps).toEqual(expect.arrayContaining([{ from: row.id, to: row.id }]));
    expect(auditClean(report)).toBe(false);
  });

  it('reports a decision row for a decision the history does not have', async () => {
    const [row] = await scratch.query(`SELECT task_id FROM audit_log WHERE action = 'decision-accepted' AND process_id = $1 ORDER BY id DESC LIMIT 1`, [processId]);
    await appendAudit(scratch.manager, { actor: 'service_reviewer_2', action: 'decision-accepted', processId, taskId: row.task_id, detail: { decision: 'reject' } });
    const report = await check();
    expect(report.mismatches).toEqual(expect.arrayContaining([`${processId}: decision-accepted row, not accepted in history: ${row.task_id}|service_reviewer_2|reject`]));
    expect(report.duplicates).toEqual([{ taskId: row.task_id, action: 'decision-accepted', rows: 2 }]);
  });
});

/**
 * Verifies the audit chain in one pass over the table, in batches by id (keyset: WHERE id > $last
 * ORDER BY id LIMIT $batch), so memory stays constant however long the table is. Reports:
 *   - breaks: a row whose prev_hash is not the previous row's hash, or whose hash is not the
 *     SHA-256 (version 1) / HMAC (version 2) of its content, or an unkeyed row after a keyed one;
 *   - gaps: missing ids among keyed rows (their ids are dense; before the cut-over ids came from a
 *     sequence, whose gaps are rolled-back inserts, counted apart as legacyIdGaps);
 *   - checkpoints: a signed checkpoint whose row is gone or differs, a bad signature, an
 *     unreadable line, a row count that differs at the newest checkpoint, and a head behind it.
 */
import { timingSafeEqual } from 'crypto';
import type { EntityManager } from 'typeorm';
import { GENESIS_HASH, KEYED_VERSION, LEGACY_VERSION, auditRowHash, keyedRowHash } from './audit-log';
import { auditCheckpointFile, auditKey } from './audit-key';
import { checkpointSignatureValid, readChainHead, readCheckpoints, SignedCheckpoint } from './audit-checkpoints';

/** A raw SQL row, as pg returns it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type SqlRow = Record<string, any>;
export type Query = (sql: string, params?: unknown[]) => Promise<SqlRow[]>;

export interface ChainBreak {
  id: string;
  problem: 'prev-hash' | 'hash' | 'hmac' | 'version' | 'head';
}

export interface ChainReport {
  rows: number;
  legacyRows: number;
  keyedRows: number;
  lastId?: string;
  /** The first broken row (compatibility with the first report). */
  brokenAt?: string;
  breaks: ChainBreak[];
  breakCount: number;
  /** Missing ids among the keyed rows, as ranges. */
  gaps: Array<{ from: string; to: string }>;
  missingIds: number;
  legacyIdGaps: number;
  checkpoints: {
    file: string;
    read: number;
    /** Lines of other chains (another database, or one made again) — ignored. */
    otherChains: number;
    newest?: { rows: number; lastId: string; at: string };
    problems: string[];
  };
  /** The table ends before the newest signed checkpoint: rows were deleted from its end. */
  headBehindCheckpoint?: { checkpointRows: number; checkpointLastId: string; rows: number; lastId?: string };
  batches: number;
}

export interface ChainOptions {
  batchSize?: number;
  key?: Buffer;
  checkpointFile?: string;
  /** Most breaks and gaps listed one by one (all are counted). */
  listLimit?: number;
}

// `at` as epoch milliseconds: the rows were written from a JS Date (milliseconds), and a number is
// much cheaper to read back than a timestamp string.
const SELECT_BATCH = `SELECT id::text AS id, version, (extract(epoch FROM at) * 1000)::float8 AS at_ms, actor, action, process_id, task_id, detail, prev_hash, hash FROM audit_log WHERE id > $1 ORDER BY audit_log.id LIMIT $2`;

function sameHex(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  return timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

export async function verifyChain(query: Query, options: ChainOptions = {}): Promise<ChainReport> {
  const batchSize = options.batchSize ?? 5000;
  const listLimit = options.listLimit ?? 100;
  const key = options.key ?? auditKey();
  const file = options.checkpointFile ?? auditCheckpointFile();
  const head = await readChainHead({ query }).catch(() => undefined);
  const chainId = head?.chainId ?? '';

  const report: ChainReport = {
    rows: 0,
    legacyRows: 0,
    keyedRows: 0,
    breaks: [],
    breakCount: 0,
    gaps: [],
    missingIds: 0,
    legacyIdGaps: 0,
    checkpoints: { file, read: 0, otherChains: 0, problems: [] },
    batches: 0,
  };
  const problem = (text: string) => {
    if (report.checkpoints.problems.length < listLimit) report.checkpoints.problems.push(text);
  };
  const broken = (id: string, kind: ChainBreak['problem']) => {
    report.breakCount += 1;
    report.brokenAt ??= id;
    if (report.breaks.length < listLimit) report.breaks.push({ id, problem: kind });
  };

  // 1. The checkpoints: signatures, and the checkpointed rows still there with the same hash.
  let newest: SignedCheckpoint | undefined;
  let lookups: SignedCheckpoint[] = [];
  const lookUp = async () => {
    if (!lookups.length) return;
    const ids = [...new Set(lookups.map((c) => c.lastId))];
    const rows = await query(`SELECT id::text AS id, hash FROM audit_log WHERE id = ANY($1::bigint[])`, [ids]);
    const hashes = new Map(rows.map((r) => [r.id, r.hash]));
    for (const cp of lookups) {
      const hash = hashes.get(cp.lastId);
      if (hash === undefined) {
        if (!head || BigInt(cp.lastId) <= BigInt(head.lastId)) problem(`checkpoint of ${cp.at}: row ${cp.lastId} is missing`);
        // (rows past the table's end are reported once, as headBehindCheckpoint)
      } else if (hash !== cp.hash) problem(`checkpoint of ${cp.at}: row ${cp.lastId} has another hash than the one signed`);
    }
    lookups = [];
  };
  for await (const entry of readCheckpoints(file)) {
    if ('error' in entry) {
      problem(`checkpoint file line ${entry.line}: ${entry.error}`);
      continue;
    }
    const cp = entry.checkpoint;
    if (cp.chain !== chainId) {
      report.checkpoints.otherChains += 1;
      continue;
    }
    report.checkpoints.read += 1;
    if (!checkpointSignatureValid(key, cp)) {
      problem(`checkpoint file line ${entry.line}: bad signature`);
      continue;
    }
    if (!newest || BigInt(cp.lastId) > BigInt(newest.lastId)) newest = cp;
    lookups.push(cp);
    if (lookups.length >= 1000) await lookUp();
  }
  await lookUp();
  if (newest) report.checkpoints.newest = { rows: newest.rows, lastId: newest.lastId, at: newest.at };

  // 2. The walk.
  let prevHash = GENESIS_HASH;
  let prevId: bigint | undefined;
  let seenKeyed = false;
  const cursor = '0';
  let rowsUpToNewest = 0;
  // The next batch is fetched while this one is hashed: two batches in memory at most.
  let next: Promise<SqlRow[]> | undefined = query(SELECT_BATCH, [cursor, batchSize]);
  while (next) {
    const batch: SqlRow[] = await next;
    report.batches += 1;
    next = batch.length < batchSize ? undefined : query(SELECT_BATCH, [batch[batch.length - 1].id, batchSize]);
    for (const r of batch) {
      const id = BigInt(r.id);
      const version = Number(r.version);
      const content = { at: new Date(Math.round(Number(r.at_ms))), actor: r.actor, action: r.action, processId: r.process_id, taskId: r.task_id, detail: r.detail ?? {} };
      report.rows += 1;
      if (newest && id <= BigInt(newest.lastId)) rowsUpToNewest += 1;
      if (r.prev_hash !== prevHash) broken(r.id, 'prev-hash');
      const expectedId = prevId === undefined ? 1n : prevId + 1n;
      if (version === KEYED_VERSION) {
        // Keyed rows take their ids from the chain head: every id is there.
        report.keyedRows += 1;
        if (id !== expectedId) {
          report.missingIds += Number(id - expectedId);
          if (report.gaps.length < listLimit) report.gaps.push({ from: String(expectedId), to: String(id - 1n) });
        }
        seenKeyed = true;
        if (!sameHex(keyedRowHash(key, chainId, r.id, r.prev_hash, content), r.hash)) broken(r.id, 'hmac');
      } else if (version === LEGACY_VERSION) {
        report.legacyRows += 1;
        if (id !== expectedId) report.legacyIdGaps += 1;
        if (seenKeyed) broken(r.id, 'version');
        else if (auditRowHash(r.prev_hash, content) !== r.hash) broken(r.id, 'hash');
      } else broken(r.id, 'version');
      prevHash = r.hash;
      prevId = id;
    }
  }
  report.lastId = prevId === undefined ? undefined : String(prevId);

  // 3. The end of the table against the newest checkpoint (and the writers' head row).
  if (newest) {
    if (prevId === undefined || prevId < BigInt(newest.lastId)) {
      report.headBehindCheckpoint = { checkpointRows: newest.rows, checkpointLastId: newest.lastId, rows: report.rows, lastId: report.lastId };
    } else if (rowsUpToNewest !== newest.rows) {
      problem(`newest checkpoint (${newest.at}) counted ${newest.rows} rows up to row ${newest.lastId}; the table has ${rowsUpToNewest}`);
    }
  }
  const headAfter = await readChainHead({ query }).catch(() => undefined);
  if (headAfter && prevId !== undefined && seenKeyed && BigInt(headAfter.lastId) < prevId) {
    // The writers' head row was set back below the table's end: the next append would fork the chain.
    broken(String(prevId), 'head');
  }
  return report;
}

export function chainIntact(report: ChainReport): boolean {
  return report.breakCount === 0 && report.missingIds === 0 && report.checkpoints.problems.length === 0 && !report.headBehindCheckpoint;
}

/** The first form of the check, kept for its callers: rows walked, and the first broken row. */
export async function verifyAuditChain(manager: EntityManager, options: ChainOptions = {}): Promise<{ rows: number; brokenAt?: string }> {
  const report = await verifyChain((sql, params) => manager.query(sql, params), options);
  const brokenAt = report.brokenAt ?? report.gaps[0]?.to ?? (report.headBehindCheckpoint ? report.lastId ?? '0' : undefined);
  return brokenAt === undefined ? { rows: report.rows } : { rows: report.rows, brokenAt };
}

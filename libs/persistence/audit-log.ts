/**
 * The audit log (ARCHITECTURE.md mechanism 7): an append-only table in which every row carries
 * the hash of the previous one.
 *
 * Since migration 1795800000000 the chain is KEYED (version 2): a row's hash is
 *   HMAC-SHA256(key, chainId | id | prevHash | canonical content)
 * with a key kept outside the database (libs/persistence/audit-key.ts). Someone who can write to
 * Postgres can still edit or delete rows, but cannot compute the hash an edited row needs, and ids
 * are dense (taken from the chain head, never from a sequence), so a deleted row leaves a gap.
 * Deleting the newest rows leaves a shorter, valid-looking chain: signed checkpoints kept outside
 * the table (audit-checkpoints.ts) catch that.
 *
 * Rows written before the cut-over keep version 1 (plain SHA-256 over prevHash + content) and are
 * verified as they were, NOT re-hashed: re-hashing them with the key would launder any tampering
 * that happened before. They stay protected from the cut-over on, because the first keyed row's
 * HMAC covers the last unkeyed row's hash, which covers the whole unkeyed prefix.
 */
import { createHash, createHmac } from 'crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { auditKey } from './audit-key';
import { noteAuditAppend } from './audit-checkpoints';

export type AuditAction =
  | 'login'
  | 'login-failed'
  | 'password-changed'
  | 'process-started'
  | 'claim'
  | 'release'
  | 'decision'
  | 'decision-accepted'
  | 'refusal'
  | 'escalation'
  /** A read of credit data (the query log); reads of a case are in case_reads, outside the chain. */
  | 'query'
  | 'replay';

export interface AuditEntry {
  actor: string;
  action: AuditAction;
  processId?: string;
  taskId?: string;
  detail?: Record<string, unknown>;
  at?: Date;
}

export const GENESIS_HASH = '0'.repeat(64);
/** Unkeyed SHA-256 chain, before the cut-over. */
export const LEGACY_VERSION = 1;
/** HMAC-SHA256 chain with the key outside the database. */
export const KEYED_VERSION = 2;

/** JSON with object keys sorted at every level: jsonb does not keep key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

export interface AuditRowContent {
  at: Date;
  actor: string;
  action: string;
  processId: string | null;
  taskId: string | null;
  detail: Record<string, unknown>;
}

/** The row's content as hashed: the same string at write time (Node) and at verify time. */
export function auditRowContent(row: AuditRowContent): string {
  return canonicalJson([row.at.toISOString(), row.actor, row.action, row.processId, row.taskId, row.detail]);
}

/** Version 1 (before the cut-over): SHA-256 without a key. */
export function auditRowHash(prevHash: string, row: AuditRowContent): string {
  const canonical = canonicalJson([prevHash, row.at.toISOString(), row.actor, row.action, row.processId, row.taskId, row.detail]);
  return createHash('sha256').update(canonical).digest('hex');
}

/** Version 2: the string the HMAC is taken over (the SQL in appendAudit builds the same one). */
export function keyedMessage(chainId: string, id: string | number | bigint, prevHash: string, content: string): string {
  return `${chainId}|${id}|${prevHash}|${content}`;
}

export function keyedRowHash(key: Buffer, chainId: string, id: string | number | bigint, prevHash: string, row: AuditRowContent): string {
  return createHmac('sha256', key).update(keyedMessage(chainId, id, prevHash, auditRowContent(row)), 'utf8').digest('hex');
}

/**
 * One statement: the UPDATE of the single head row takes the row lock (a concurrent append waits
 * for it and then re-reads the new head), advances id and hash — the HMAC is computed by pgcrypto
 * from the previous head inside the statement — and the INSERT writes the row. Without a caller's
 * transaction the lock is held for this statement only; inside one, until that transaction ends
 * (so a rolled-back caller rolls the head back too and leaves no gap).
 */
const APPEND_SQL = `
WITH head AS (
  UPDATE audit_chain_head h
     SET last_id = h.last_id + 1,
         row_count = h.row_count + 1,
         prev_hash = h.hash,
         hash = encode(hmac(convert_to(h.chain_id::text || '|' || (h.last_id + 1)::text || '|' || h.hash || '|' || $1, 'UTF8'), $2::bytea, 'sha256'), 'hex')
   WHERE h.id = 1
   RETURNING h.last_id, h.prev_hash, h.hash
)
INSERT INTO audit_log (id, version, at, actor, action, process_id, task_id, detail, prev_hash, hash)
SELECT head.last_id, ${KEYED_VERSION}, $3, $4, $5, $6, $7, $8::jsonb, head.prev_hash, head.hash FROM head
RETURNING id`;

/** Appends one row, chained to the previous one; in the caller's transaction when it has one. */
export async function appendAudit(manager: EntityManager, entry: AuditEntry): Promise<void> {
  // Postgres keeps microseconds, a Date milliseconds: hash what will be read back.
  const row: AuditRowContent = {
    at: new Date((entry.at ?? new Date()).getTime()),
    actor: entry.actor,
    action: entry.action,
    processId: entry.processId ?? null,
    taskId: entry.taskId ?? null,
    detail: entry.detail ?? {},
  };
  const inserted: Array<{ id: string }> = await manager.query(APPEND_SQL, [
    auditRowContent(row),
    auditKey(),
    row.at,
    row.actor,
    row.action,
    row.processId,
    row.taskId,
    JSON.stringify(row.detail),
  ]);
  if (inserted.length !== 1) throw new Error('audit_chain_head is missing: run the migrations');
  noteAuditAppend(manager.connection as DataSource);
}

export { verifyAuditChain } from './audit-chain';

import { createHash } from 'crypto';
import { EntityManager } from 'typeorm';
import { AuditLogEntity } from './entities';

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

/** Any fixed key serialises writers so the chain has exactly one successor per row. */
const AUDIT_CHAIN_LOCK = 7_240_001;
export const GENESIS_HASH = '0'.repeat(64);

/** JSON with object keys sorted at every level: jsonb does not keep key order. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

export function auditRowHash(prevHash: string, row: Pick<AuditLogEntity, 'at' | 'actor' | 'action' | 'processId' | 'taskId' | 'detail'>): string {
  const canonical = canonicalJson([prevHash, row.at.toISOString(), row.actor, row.action, row.processId, row.taskId, row.detail]);
  return createHash('sha256').update(canonical).digest('hex');
}

/** Appends one row in the caller's transaction, chained to the previous row. */
export async function appendAudit(manager: EntityManager, entry: AuditEntry): Promise<void> {
  const run = async (tx: EntityManager) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_CHAIN_LOCK]);
    const [last] = await tx.query('SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1');
    const row = tx.create(AuditLogEntity, {
      at: entry.at ?? new Date(),
      actor: entry.actor,
      action: entry.action,
      processId: entry.processId ?? null,
      taskId: entry.taskId ?? null,
      detail: entry.detail ?? {},
      prevHash: last?.hash ?? GENESIS_HASH,
    });
    // Round-trip through Postgres keeps microseconds only; hash what will be read back.
    row.at = new Date(row.at.getTime());
    row.hash = auditRowHash(row.prevHash, row);
    await tx.save(row);
  };
  if (manager.queryRunner?.isTransactionActive) await run(manager);
  else await manager.transaction(run);
}

/** Walks the whole chain; returns the first broken row, if any. */
export async function verifyAuditChain(manager: EntityManager): Promise<{ rows: number; brokenAt?: string }> {
  const rows = await manager.find(AuditLogEntity, { order: { id: 'ASC' } });
  let prev = GENESIS_HASH;
  for (const row of rows) {
    if (row.prevHash !== prev || auditRowHash(prev, row) !== row.hash) return { rows: rows.length, brokenAt: row.id };
    prev = row.hash;
  }
  return { rows: rows.length };
}

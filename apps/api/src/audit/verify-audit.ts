/**
 * The audit check (ARCHITECTURE.md mechanism 7): the hash chain is unbroken, and every decision
 * a workflow accepted is in the audit log exactly as its Temporal history records it.
 */
import type { Client } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';
import type { DataSource } from 'typeorm';
import { verifyAuditChain } from '../../../../libs/persistence/audit-log';

export interface AuditReport {
  rows: number;
  chainBrokenAt?: string;
  processesChecked: number;
  decisionsChecked: number;
  /** Closed cases whose history Temporal no longer keeps (past the namespace's retention). */
  historiesGone: string[];
  mismatches: string[];
}

export async function verifyAudit(dataSource: DataSource, client: Client): Promise<AuditReport> {
  const chain = await verifyAuditChain(dataSource.manager);
  const audited: Array<{ process_id: string; task_id: string; actor: string; decision: string }> = await dataSource.query(
    `SELECT process_id, task_id, actor, detail->>'decision' AS decision FROM audit_log WHERE action = 'decision-accepted' ORDER BY id`,
  );
  const byProcess = new Map<string, Set<string>>();
  for (const row of audited) {
    const keys = byProcess.get(row.process_id) ?? new Set<string>();
    keys.add(`${row.task_id}|${row.actor}|${row.decision}`);
    byProcess.set(row.process_id, keys);
  }
  const mismatches: string[] = [];
  const historiesGone: string[] = [];
  let decisionsChecked = 0;
  for (const [processId, auditKeys] of byProcess) {
    const history = await client.workflow
      .getHandle(processId)
      .fetchHistory()
      .catch((error: { code?: number; name?: string }) => {
        if (error.code === 5 || error.name === 'WorkflowNotFoundError') return undefined;
        throw error;
      });
    if (!history) {
      historiesGone.push(processId);
      continue;
    }
    const historyKeys = new Set<string>();
    for (const event of history.events ?? []) {
      const attrs = event.activityTaskScheduledEventAttributes;
      if (attrs?.activityType?.name !== 'acceptDecision' || !attrs.input?.payloads?.[0]) continue;
      const input = defaultPayloadConverter.fromPayload<{ taskId: string; username: string; decision: string }>(attrs.input.payloads[0]);
      historyKeys.add(`${input.taskId}|${input.username}|${input.decision}`);
    }
    decisionsChecked += historyKeys.size;
    for (const key of historyKeys) if (!auditKeys.has(key)) mismatches.push(`${processId}: in history, not in audit log: ${key}`);
    for (const key of auditKeys) if (!historyKeys.has(key)) mismatches.push(`${processId}: in audit log, not in history: ${key}`);
  }
  return { rows: chain.rows, chainBrokenAt: chain.brokenAt, processesChecked: byProcess.size - historiesGone.length, decisionsChecked, historiesGone, mismatches };
}

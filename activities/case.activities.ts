/** The case projection (processes table) and the archive. */
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import type { RoleRef } from '../libs/domain/roles';
import { appendAudit } from '../libs/persistence/audit-log';
import { ArchiveRecordEntity, ProcessEntity } from '../libs/persistence/entities';
import { TaskProjection } from '../libs/persistence/task-projection';
import type { ActivityDeps } from './index';
import { notifyRoles } from './notify';

export function createCaseActivities({ dataSource }: ActivityDeps) {
  return {
    /** Business status, due time and data (merged, jsonb ||) as the case moves. */
    async updateCase(input: { processId: string; businessStatus?: string; data?: Record<string, unknown>; dueAt?: string; dueProvisional?: boolean }): Promise<void> {
      await dataSource
        .createQueryBuilder()
        .update(ProcessEntity)
        .set({
          ...(input.businessStatus !== undefined && { businessStatus: input.businessStatus }),
          ...(input.dueAt !== undefined && { dueAt: new Date(input.dueAt), dueProvisional: input.dueProvisional ?? false }),
          ...(input.data && { data: () => `data || :patch::jsonb` }),
        })
        .where('process_id = :processId', { processId: input.processId })
        .setParameter('patch', JSON.stringify(input.data ?? {}))
        .execute();
    },

    /** The case's overall SLA passed while it is still open. */
    async escalateCase(input: { processId: string; escalateTo: RoleRef; dueAt: string }): Promise<void> {
      await dataSource.transaction(async (tx) => {
        await tx.update(ProcessEntity, { processId: input.processId, status: 'running' }, { slaBreached: true });
        const process = await tx.findOneByOrFail(ProcessEntity, { processId: input.processId });
        const recipients = await notifyRoles(tx, [input.escalateTo], {
          kind: 'escalation',
          title: `案件超期督办：${process.title}`,
          body: `办理时限 ${input.dueAt} 已过，案件仍在办理中（${process.businessStatus}）`,
          processId: input.processId,
          dedupeKey: `case-escalation:${input.processId}`,
        });
        await appendAudit(tx, { actor: 'system', action: 'escalation', processId: input.processId, detail: { case: true, escalateTo: input.escalateTo, recipients, dueAt: input.dueAt } });
      });
    },

    /** A child case gets its own projection row, linked to its parent (idempotent). */
    async registerChildCase(input: { processId: string; processType: string; parentId: string; startedBy: string; startedAt: string; title: string; input: Record<string, unknown>; policy?: string }): Promise<void> {
      await dataSource
        .createQueryBuilder()
        .insert()
        .into(ProcessEntity)
        .values({ ...input, startedAt: new Date(input.startedAt), status: 'running', businessStatus: 'started', data: {} } as QueryDeepPartialEntity<ProcessEntity>)
        .orIgnore()
        .execute();
    },

    /** "Notify all departments": one notice to every department head, once per case and subject. */
    async notifyDepartments(input: { processId: string; title: string; body: string; key: string }): Promise<string[]> {
      return dataSource.transaction((tx) =>
        notifyRoles(tx, ['dept_head'], { kind: 'info', title: input.title, body: input.body, processId: input.processId, dedupeKey: `departments:${input.processId}:${input.key}` }),
      );
    },

    /** The case ended: recorded with its outcome, and any of its tasks still open is cancelled. */
    async closeCase(input: { processId: string; outcome: string; data: Record<string, unknown>; closedAt: string }): Promise<void> {
      await dataSource.transaction(async (tx) => {
        await TaskProjection.in(tx).cancelOpenOf(input.processId, new Date(input.closedAt));
        await tx
          .createQueryBuilder()
          .update(ProcessEntity)
          .set({ status: 'completed', outcome: input.outcome, businessStatus: 'closed', closedAt: new Date(input.closedAt), data: () => `data || :patch::jsonb` })
          .where('process_id = :processId', { processId: input.processId })
          .setParameter('patch', JSON.stringify({ ...input.data, outcome: input.outcome }))
          .execute();
      });
    },

    async fileArchive(input: { processId: string; processType: string; documents: Array<{ name: string; ref?: string }>; receivedBy: string; receiptNo: string; filedAt: string }): Promise<void> {
      await dataSource
        .createQueryBuilder()
        .insert()
        .into(ArchiveRecordEntity)
        .values({ ...input, filedAt: new Date(input.filedAt) })
        .orIgnore()
        .execute();
    },
  };
}

/** The workflow's side of the task projection (libs/persistence/task-projection.ts): open, accept, refuse, escalate, expire. */
import { Clock, DueTime, parseBusinessHours } from '../libs/calendar/working-day-calendar';
import type { RoleGrant, RoleRef } from '../libs/domain/roles';
import type { FieldError } from '../libs/forms/form-registry';
import { validateTaskForm } from '../libs/procedures/registry';
import { appendAudit } from '../libs/persistence/audit-log';
import { ProcessEntity, UserEntity } from '../libs/persistence/entities';
import { TaskProjection } from '../libs/persistence/task-projection';
import type { ActivityDeps } from './index';
import { notifyRoles } from './notify';

export interface OpenTaskInput {
  taskId: string;
  processId: string;
  rootProcessId: string;
  processType: string;
  step: string;
  round: number;
  title: string;
  candidateRoles: RoleRef[];
  /** When not empty, only these users may take the task (absent in histories recorded before it existed). */
  candidateUsers?: string[];
  excludedUsers: string[];
  decisions: string[];
  reasonRequired: string[];
  formKey: string | null;
  prefill: Record<string, unknown>;
  createdAt: string;
  dueAt: string | null;
  dueProvisional: boolean;
  expires: boolean;
  /** The case's business status and data as this step opens, written in the same transaction. */
  businessStatus: string | null;
  caseData: Record<string, unknown> | null;
}

export function createTaskActivities({ dataSource, calendar }: ActivityDeps) {
  return {
    /** Due times are computed here, not in the workflow, so a later calendar update never changes a replay. */
    async computeDue(input: { from: string; clock: Clock }): Promise<DueTime> {
      return calendar.due(new Date(input.from), input.clock);
    },

    /** The next non-business-hours window for production changes (MAINTENANCE_WINDOW = the business hours). */
    async nextMaintenanceWindow(input: { from: string }): Promise<string> {
      return calendar.nextMaintenanceWindow(new Date(input.from), parseBusinessHours(process.env.MAINTENANCE_WINDOW)).toISOString();
    },

    /** Opening of business (or another time) on the N-th working day after an instant. */
    async workingDayAt(input: { from: string; n: number; time: string }): Promise<DueTime> {
      return calendar.nthWorkingDayAt(new Date(input.from), input.n, input.time);
    },

    /** Idempotent on the task id (process + step + round): a retry or a replay never opens two tasks. */
    async openTask({ businessStatus, caseData, ...input }: OpenTaskInput): Promise<void> {
      await dataSource.transaction(async (tx) => {
        if (businessStatus || caseData) {
          await tx.query(`UPDATE processes SET business_status = coalesce($2, business_status), data = data || $3::jsonb WHERE process_id = $1`, [
            input.processId,
            businessStatus,
            JSON.stringify(caseData ?? {}),
          ]);
        }
        const opened = await TaskProjection.in(tx).open({
          ...input,
          candidateUsers: input.candidateUsers ?? [],
          createdAt: new Date(input.createdAt),
          dueAt: input.dueAt ? new Date(input.dueAt) : null,
        });
        if (!opened) return;
        const process = await tx.findOneBy(ProcessEntity, { processId: input.processId });
        await notifyRoles(
          tx,
          input.candidateRoles,
          { kind: 'new-task', title: `新待办：${input.title}`, body: process?.title ?? input.processId, processId: input.processId, taskId: input.taskId, dedupeKey: `new-task:${input.taskId}` },
          input.excludedUsers,
          input.candidateUsers,
        );
      });
    },

    /** The workflow's own check of the actor: roles as they are now, and the form payload. */
    async verifyDecision(input: { username: string; formKey: string | null; data: Record<string, unknown>; decision?: string }): Promise<{ active: boolean; roles: RoleGrant[]; formErrors: FieldError[] }> {
      const user = await dataSource.getRepository(UserEntity).findOne({ where: { username: input.username } });
      const formErrors = await validateTaskForm(input.formKey, input.data, input.decision);
      return {
        active: !!user?.active,
        roles: (user?.roles ?? []).map((r) => (r.department ? { role: r.role, department: r.department } : { role: r.role })),
        formErrors,
      };
    },

    /** The workflow took the decision: the projection shows it completed by that person. */
    async acceptDecision(input: { taskId: string; processId: string; username: string; decision: string; comment: string | null; data: Record<string, unknown>; decidedAt: string }): Promise<void> {
      await dataSource.transaction(async (tx) => {
        await TaskProjection.in(tx).accept(input.taskId, {
          username: input.username,
          decision: input.decision,
          comment: input.comment,
          data: input.data,
          decidedAt: new Date(input.decidedAt),
        });
        // The API gate records the decision with the take; should that record have been lost (the
        // database failed after the signal was delivered), it is written here, once.
        const decidedAt = new Date(input.decidedAt);
        const [recorded] = await tx.query(`SELECT 1 FROM audit_log WHERE task_id = $1 AND action = 'decision' AND actor = $2 AND at = $3 LIMIT 1`, [input.taskId, input.username, decidedAt]);
        if (!recorded) {
          const task = await TaskProjection.in(tx).find(input.taskId);
          await appendAudit(tx, { actor: input.username, action: 'decision', processId: input.processId, taskId: input.taskId, at: decidedAt, detail: { step: task?.step, decision: input.decision, comment: input.comment, recordedBy: 'workflow' } });
        }
        await appendAudit(tx, { actor: input.username, action: 'decision-accepted', processId: input.processId, taskId: input.taskId, detail: { decision: input.decision } });
      });
    },

    /** A decision the workflow refused (e.g. sent around the API): recorded, and the task is open again. */
    async recordRefusal(input: { processId: string; taskId: string; username: string; decision: string; code: string; reason: string }): Promise<void> {
      await dataSource.transaction(async (tx) => {
        await TaskProjection.in(tx).reopenRefused(input.taskId, input.username);
        await appendAudit(tx, { actor: input.username, action: 'refusal', processId: input.processId, taskId: input.taskId, detail: { by: 'workflow', decision: input.decision, code: input.code, reason: input.reason } });
      });
    },

    /** The task's SLA passed: visible as overdue, and the responsible head is told. Never a silent expiry. */
    async escalateTask(input: { taskId: string; processId: string; escalateTo: RoleRef; dueAt: string; at: string }): Promise<void> {
      await dataSource.transaction(async (tx) => {
        const tasks = TaskProjection.in(tx);
        const task = await tasks.find(input.taskId);
        if (!task) throw new Error(`no task ${input.taskId}`);
        await tasks.markEscalated(input.taskId, new Date(input.at));
        const recipients = await notifyRoles(tx, [input.escalateTo], {
          kind: 'escalation',
          title: `超时督办：${task.title}`,
          body: `任务已于 ${input.dueAt} 到期仍未办理`,
          processId: input.processId,
          taskId: input.taskId,
          dedupeKey: `escalation:${input.taskId}`,
        });
        await appendAudit(tx, { actor: 'system', action: 'escalation', processId: input.processId, taskId: input.taskId, detail: { escalateTo: input.escalateTo, recipients, dueAt: input.dueAt } });
      });
    },

    /**
     * A hard deadline passed first: the task closes without a decision. (The API refuses
     * decisions on a task past its deadline, so no accepted decision is overwritten here.)
     */
    async expireTask(input: { taskId: string; processId: string; at: string }): Promise<void> {
      await dataSource.transaction(async (tx) => {
        await TaskProjection.in(tx).expire(input.taskId, new Date(input.at));
        await appendAudit(tx, { actor: 'system', action: 'escalation', processId: input.processId, taskId: input.taskId, detail: { expired: true, at: input.at } });
      });
    },
  };
}

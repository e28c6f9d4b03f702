import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { decisionSignal } from '../../../../libs/contracts/workflow-contract';
import { actorViolations, decisionViolations, describeViolations, TaskRule, Violation } from '../../../../libs/domain/decision-rule';
import { holdsAnyRole, readsAllCases, refsSatisfiedBy } from '../../../../libs/domain/roles';
import { validateTaskForm } from '../../../../libs/procedures/registry';
import { appendAudit, AuditEntry } from '../../../../libs/persistence/audit-log';
import { TaskEntity } from '../../../../libs/persistence/entities';
import { TakenDecision, TaskProjection } from '../../../../libs/persistence/task-projection';
import { ApiErrorCode, ApiException } from '../common/api-exception';
import type { CurrentUser } from '../common/current-user';
import { isUnavailableError } from '../common/api-exception.filter';
import type { Page } from '../common/page.dto';
import { TemporalService } from '../temporal/temporal.service';
import type { CompleteTaskDto, TaskListQuery } from './tasks.dto';
import { toTaskView, TaskView } from './task-view';

const OPEN = ['open', 'claimed'];

/** The inbox and the API gate in front of every human decision (ARCHITECTURE.md mechanism 1). */
@Injectable()
export class TasksService {
  private readonly tasks: TaskProjection;
  private readonly logger = new Logger('TasksService');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly temporal: TemporalService,
  ) {
    this.tasks = new TaskProjection(dataSource.manager);
  }

  async list(user: CurrentUser, query: TaskListQuery): Promise<Page<TaskView>> {
    const qb = this.dataSource.getRepository(TaskEntity).createQueryBuilder('t');
    const pending = `((t.status = 'open' AND t.candidate_roles && :refs AND NOT (:me = ANY(t.excluded_users)) AND (cardinality(t.candidate_users) = 0 OR :me = ANY(t.candidate_users))) OR (t.status = 'claimed' AND t.assignee = :me))`;
    const handled = `(t.completed_by = :me AND t.status = 'completed')`;
    qb.where(query.view === 'pending' ? pending : query.view === 'handled' ? handled : `(${pending} OR ${handled})`, {
      refs: refsSatisfiedBy(user.roles),
      me: user.username,
    });
    if (query.type) qb.andWhere('t.process_type = :type', { type: query.type });
    if (query.processId) qb.andWhere('(t.process_id = :pid OR t.root_process_id = :pid)', { pid: query.processId });
    if (query.overdue !== undefined) {
      qb.andWhere(query.overdue ? `t.status IN ('open','claimed') AND t.due_at < now()` : `NOT (t.status IN ('open','claimed') AND coalesce(t.due_at < now(), false))`);
    }
    qb.orderBy('t.due_at', 'ASC', 'NULLS LAST').addOrderBy('t.created_at', 'ASC');
    const [rows, total] = await qb.skip((query.page - 1) * query.pageSize).take(query.pageSize).getManyAndCount();
    const now = new Date();
    return { items: rows.map((row) => toTaskView(row, now)), total };
  }

  /** A task is readable by its candidates, whoever worked on it or started its case, and the readers of all cases. */
  async get(user: CurrentUser, taskId: string): Promise<TaskView> {
    const task = await this.load(taskId);
    const readsAll = readsAllCases(user.roles);
    const involved = holdsAnyRole(user.roles, task.candidateRoles) || task.completedBy === user.username || task.assignee === user.username;
    const starter = !involved && !readsAll && (await this.dataSource.query(`SELECT 1 FROM processes WHERE process_id = $1 AND started_by = $2`, [task.rootProcessId, user.username])).length > 0;
    if (!readsAll && !involved && !starter) throw new ApiException(ApiErrorCode.FORBIDDEN, `you have no part in task ${taskId}`);
    return toTaskView(task);
  }

  async claim(user: CurrentUser, taskId: string): Promise<TaskView> {
    const task = await this.load(taskId);
    await this.assertMayAct(user, task, 'claim');
    if (!(await this.tasks.claim(taskId, user.username))) throw new ApiException(ApiErrorCode.CONFLICT, `task ${taskId} is not open (${task.status}${task.assignee ? `, claimed by ${task.assignee}` : ''})`);
    await appendAudit(this.dataSource.manager, { actor: user.username, action: 'claim', processId: task.processId, taskId });
    return toTaskView(await this.load(taskId));
  }

  async release(user: CurrentUser, taskId: string): Promise<TaskView> {
    const task = await this.load(taskId);
    if (!(await this.tasks.release(taskId, user.username))) throw new ApiException(ApiErrorCode.CONFLICT, `task ${taskId} is not claimed by you`);
    await appendAudit(this.dataSource.manager, { actor: user.username, action: 'release', processId: task.processId, taskId });
    return toTaskView(await this.load(taskId));
  }

  /**
   * The gate: check everything against the projection, then in one transaction take the task
   * with one conditional UPDATE (of two racing completions exactly one wins; the row stays locked),
   * signal the workflow, and append the `decision` audit row. If the signal cannot be delivered the
   * transaction rolls back: the task is as it was and no `decision` row exists, so the 503 is
   * true. 200 only once the decision is delivered and recorded.
   */
  async complete(user: CurrentUser, taskId: string, body: CompleteTaskDto): Promise<TaskView> {
    const task = await this.load(taskId);
    await this.assertMayAct(user, task, 'complete', body.decision);

    const incomplete = decisionViolations(task, { username: user.username, decision: body.decision, comment: body.comment }, await validateTaskForm(task.formKey, body.data ?? {}, body.decision));
    if (incomplete.length) {
      const { code, reason } = describeViolations(incomplete);
      await this.refuse(user, task, code, reason, body.decision);
      throw ApiException.validation(incomplete.map((v) => ({ field: v.field ?? 'decision', message: v.message })));
    }
    if (task.expires && task.dueAt && task.dueAt.getTime() < Date.now()) {
      throw new ApiException(ApiErrorCode.CONFLICT, `the deadline of task ${taskId} has passed; the process has taken its deadline branch`);
    }

    const decidedAt = new Date();
    const taken = { username: user.username, decision: body.decision, comment: body.comment ?? null, data: body.data ?? {}, decidedAt };
    const audit = {
      actor: user.username,
      action: 'decision' as const,
      processId: task.processId,
      taskId,
      at: decidedAt,
      detail: { step: task.step, decision: body.decision, comment: body.comment ?? null },
    };
    let delivered = false;
    try {
      await this.dataSource.transaction(async (tx) => {
        if (!(await TaskProjection.in(tx).take(taskId, taken))) {
          throw new ApiException(ApiErrorCode.CONFLICT, `task ${taskId} is no longer open to you (${task.status}${task.assignee ? `, claimed by ${task.assignee}` : ''})`);
        }
        try {
          await this.temporal.withDeadline(() =>
            this.temporal.client.workflow.getHandle(task.processId).signal(decisionSignal, {
              taskId,
              username: user.username,
              decision: body.decision,
              comment: body.comment,
              data: body.data ?? {},
              decidedAt: decidedAt.toISOString(),
            }),
          );
        } catch (error) {
          if (TemporalService.isNotFound(error)) throw new ApiException(ApiErrorCode.CONFLICT, `process ${task.processId} has ended`);
          if (isUnavailableError(error)) throw new ApiException(ApiErrorCode.UNAVAILABLE, 'the decision could not be delivered to the process; nothing was changed, try again');
          throw error;
        }
        delivered = true;
        await appendAudit(tx, audit);
      });
    } catch (error) {
      if (!delivered) throw error;
      // The process has the decision but our record of it was lost with the transaction (the
      // database failed just now). Record it again; if that fails too, the workflow's
      // acceptDecision records it when it takes the decision (activities/task.activities.ts).
      await this.recordDelivered(taskId, taken, audit).catch((again) => {
        this.logger.error(`decision on ${taskId} delivered but not recorded yet (${again instanceof Error ? again.message : again}); the workflow will record it`);
        throw new ApiException(ApiErrorCode.UNAVAILABLE, 'the decision was delivered to the process but could not be recorded yet; it is recorded when the process takes it — do not decide again', { delivered: true });
      });
    }
    return toTaskView(await this.load(taskId));
  }

  /** After a delivered signal whose transaction failed: the take and the audit row, once. */
  private async recordDelivered(taskId: string, taken: TakenDecision, audit: AuditEntry): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      await TaskProjection.in(tx).take(taskId, taken);
      const [recorded] = await tx.query(`SELECT 1 FROM audit_log WHERE task_id = $1 AND action = 'decision' AND actor = $2 AND at = $3 LIMIT 1`, [taskId, audit.actor, audit.at]);
      if (!recorded) await appendAudit(tx, audit);
    });
  }

  private async load(taskId: string): Promise<TaskEntity> {
    const task = await this.tasks.find(taskId);
    if (!task) throw new ApiException(ApiErrorCode.NOT_FOUND, `no task ${taskId}`);
    return task;
  }

  /** Who may act on the task (claim or decide), by the rule the workflow applies again (libs/domain/decision-rule.ts). */
  private async assertMayAct(user: CurrentUser, task: TaskEntity, action: string, decision?: string): Promise<void> {
    const rule: TaskRule = task;
    const [violation]: Violation[] = actorViolations(rule, user.username, { active: true, roles: user.roles });
    if (violation) {
      await this.refuse(user, task, violation.code, `${action}: ${violation.message}`, decision);
      throw new ApiException(violation.code === 'FOUR_EYES' ? ApiErrorCode.FOUR_EYES : ApiErrorCode.FORBIDDEN, violation.message);
    }
    if (!OPEN.includes(task.status)) {
      throw new ApiException(ApiErrorCode.CONFLICT, `task ${task.taskId} is ${task.status}`);
    }
  }

  private async refuse(user: CurrentUser, task: TaskEntity, code: string, reason: string, decision?: string): Promise<void> {
    await appendAudit(this.dataSource.manager, { actor: user.username, action: 'refusal', processId: task.processId, taskId: task.taskId, detail: { by: 'api', code, reason, decision } });
  }
}

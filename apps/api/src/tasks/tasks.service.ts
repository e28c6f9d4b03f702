import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { decisionSignal } from '../../../../libs/contracts/workflow-contract';
import { holdsAnyRole, readsAllCases, refsSatisfiedBy } from '../../../../libs/domain/roles';
import { validateTaskForm } from '../../../../libs/procedures/registry';
import { appendAudit } from '../../../../libs/persistence/audit-log';
import { TaskEntity } from '../../../../libs/persistence/entities';
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
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly temporal: TemporalService,
  ) {}

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
    const claimed = await this.dataSource.query(
      `UPDATE tasks SET status = 'claimed', assignee = $2 WHERE task_id = $1 AND status = 'open' RETURNING task_id`,
      [taskId, user.username],
    );
    if (claimed[0].length === 0) throw new ApiException(ApiErrorCode.CONFLICT, `task ${taskId} is not open (${task.status}${task.assignee ? `, claimed by ${task.assignee}` : ''})`);
    await appendAudit(this.dataSource.manager, { actor: user.username, action: 'claim', processId: task.processId, taskId });
    return toTaskView(await this.load(taskId));
  }

  async release(user: CurrentUser, taskId: string): Promise<TaskView> {
    const task = await this.load(taskId);
    const released = await this.dataSource.query(
      `UPDATE tasks SET status = 'open', assignee = NULL WHERE task_id = $1 AND status = 'claimed' AND assignee = $2 RETURNING task_id`,
      [taskId, user.username],
    );
    if (released[0].length === 0) throw new ApiException(ApiErrorCode.CONFLICT, `task ${taskId} is not claimed by you`);
    await appendAudit(this.dataSource.manager, { actor: user.username, action: 'release', processId: task.processId, taskId });
    return toTaskView(await this.load(taskId));
  }

  /**
   * The gate: check everything against the projection, take the task with one conditional
   * UPDATE (of two racing completions exactly one wins), then signal the workflow. If the
   * signal cannot be delivered the task is given back and nothing changed.
   */
  async complete(user: CurrentUser, taskId: string, body: CompleteTaskDto): Promise<TaskView> {
    const task = await this.load(taskId);
    await this.assertMayAct(user, task, 'complete', body.decision);

    const fieldErrors = [
      ...(task.decisions.includes(body.decision) ? [] : [{ field: 'decision', message: `decision must be one of: ${task.decisions.join(', ')}` }]),
      ...(task.reasonRequired.includes(body.decision) && !body.comment?.trim() ? [{ field: 'comment', message: `a reason (comment) is required for ${body.decision}` }] : []),
      ...(await validateTaskForm(task.formKey, body.data ?? {}, body.decision)),
    ];
    if (fieldErrors.length) {
      await this.refuse(user, task, 'VALIDATION_FAILED', fieldErrors.map((e) => `${e.field}: ${e.message}`).join('; '), body.decision);
      throw ApiException.validation(fieldErrors);
    }
    if (task.expires && task.dueAt && task.dueAt.getTime() < Date.now()) {
      throw new ApiException(ApiErrorCode.CONFLICT, `the deadline of task ${taskId} has passed; the process has taken its deadline branch`);
    }

    const decidedAt = new Date();
    const taken = await this.dataSource.query(
      `UPDATE tasks SET status = 'completed', assignee = $2, completed_by = $2, completed_at = $3, decision = $4, comment = $5, data = $6
        WHERE task_id = $1 AND accepted_at IS NULL AND (status = 'open' OR (status = 'claimed' AND assignee = $2))
          AND EXISTS (SELECT 1 FROM processes p WHERE p.process_id = tasks.process_id AND p.status = 'running')
        RETURNING task_id`,
      [taskId, user.username, decidedAt, body.decision, body.comment ?? null, JSON.stringify(body.data ?? {})],
    );
    if (taken[0].length === 0) {
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
      await this.dataSource.query(
        `UPDATE tasks SET status = $3, assignee = $4, completed_by = NULL, completed_at = NULL, decision = NULL, comment = NULL, data = NULL
          WHERE task_id = $1 AND completed_by = $2 AND accepted_at IS NULL`,
        [taskId, user.username, task.status, task.assignee],
      );
      if (TemporalService.isNotFound(error)) throw new ApiException(ApiErrorCode.CONFLICT, `process ${task.processId} has ended`);
      if (isUnavailableError(error)) throw new ApiException(ApiErrorCode.UNAVAILABLE, 'the decision could not be delivered to the process; nothing was changed, try again');
      throw error;
    }
    await appendAudit(this.dataSource.manager, {
      actor: user.username,
      action: 'decision',
      processId: task.processId,
      taskId,
      at: decidedAt,
      detail: { step: task.step, decision: body.decision, comment: body.comment ?? null },
    });
    return toTaskView(await this.load(taskId));
  }

  private async load(taskId: string): Promise<TaskEntity> {
    const task = await this.dataSource.getRepository(TaskEntity).findOneBy({ taskId });
    if (!task) throw new ApiException(ApiErrorCode.NOT_FOUND, `no task ${taskId}`);
    return task;
  }

  private async assertMayAct(user: CurrentUser, task: TaskEntity, action: string, decision?: string): Promise<void> {
    if (!holdsAnyRole(user.roles, task.candidateRoles)) {
      await this.refuse(user, task, 'FORBIDDEN', `${action}: needs one of ${task.candidateRoles.join(', ')}`, decision);
      throw new ApiException(ApiErrorCode.FORBIDDEN, `this step needs one of the roles ${task.candidateRoles.join(', ')}`);
    }
    if (task.candidateUsers.length > 0 && !task.candidateUsers.includes(user.username)) {
      await this.refuse(user, task, 'FORBIDDEN', `${action}: assigned to ${task.candidateUsers.join(', ')}`, decision);
      throw new ApiException(ApiErrorCode.FORBIDDEN, `this step is assigned to ${task.candidateUsers.join(', ')}`);
    }
    if (task.excludedUsers.includes(user.username)) {
      await this.refuse(user, task, 'FOUR_EYES', `${action}: already acted on an earlier step of this case`, decision);
      throw new ApiException(ApiErrorCode.FOUR_EYES, 'four-eyes rule: this step must be done by someone other than who did the earlier step');
    }
    if (!OPEN.includes(task.status)) {
      throw new ApiException(ApiErrorCode.CONFLICT, `task ${task.taskId} is ${task.status}`);
    }
  }

  private async refuse(user: CurrentUser, task: TaskEntity, code: string, reason: string, decision?: string): Promise<void> {
    await appendAudit(this.dataSource.manager, { actor: user.username, action: 'refusal', processId: task.processId, taskId: task.taskId, detail: { by: 'api', code, reason, decision } });
  }
}

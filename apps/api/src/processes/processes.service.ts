import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { randomUUID } from 'crypto';
import { DataSource, SelectQueryBuilder } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { newProcessId, ProcessStart, SEARCH_ATTRIBUTES } from '../../../../libs/contracts/workflow-contract';
import { holdsAnyRole, readsAllCases, refsSatisfiedBy } from '../../../../libs/domain/roles';
import { validatePayload } from '../../../../libs/forms/form-registry';
import { ALL_PROCESS_TYPES, inputSchemaOf, labelsOf, PROCESS_TYPES, processTypeOf } from '../../../../libs/procedures/registry';
import { appendAudit } from '../../../../libs/persistence/audit-log';
import { AuditLogEntity, CaseReadEntity, ProcessEntity, TaskEntity } from '../../../../libs/persistence/entities';
import { ApiErrorCode, ApiException } from '../common/api-exception';
import { isUnavailableError } from '../common/api-exception.filter';
import type { CurrentUser } from '../common/current-user';
import type { Page } from '../common/page.dto';
import { toTaskView } from '../tasks/task-view';
import { TemporalService } from '../temporal/temporal.service';
import type { ProcessListQuery, ProcessTypeDto, StartProcessDto } from './processes.dto';
import { buildTimeline, timelineFromHistory, TimelineEvent } from './timeline';

const TEMPORAL_STATUS: Record<string, ProcessEntity['status']> = {
  COMPLETED: 'completed',
  FAILED: 'failed',
  TERMINATED: 'terminated',
  CANCELLED: 'terminated',
  TIMED_OUT: 'failed',
};

@Injectable()
export class ProcessesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly temporal: TemporalService,
  ) {}

  /**
   * Every type, startable ones first (the start page offers those with `startable: true`); a
   * child-only type is listed too, for the labels of its cases and tasks, with no start roles
   * and an empty input schema.
   */
  processTypes(): ProcessTypeDto[] {
    const startable = PROCESS_TYPES.map((t) => ({
      type: t.type,
      title: t.title.en,
      titleZh: t.title.zh,
      policies: t.policies && [...t.policies],
      startRoles: [...t.startRoles],
      startable: true,
      inputSchema: inputSchemaOf(t),
      labels: labelsOf(t.type)!,
    }));
    const childOnly = ALL_PROCESS_TYPES.flatMap((e) =>
      e.child && !processTypeOf(e.type)
        ? [{ type: e.type, title: e.child.title.en, titleZh: e.child.title.zh, startRoles: [], startable: false, inputSchema: { type: 'object', properties: {} }, labels: labelsOf(e.type)! }]
        : [],
    );
    return [...startable, ...childOnly];
  }

  async start(user: CurrentUser, body: StartProcessDto, idempotencyKey?: string) {
    const definition = processTypeOf(body.type);
    if (!definition) throw new ApiException(ApiErrorCode.NOT_FOUND, `no process type ${body.type}`);
    if (!holdsAnyRole(user.roles, definition.startRoles)) {
      await appendAudit(this.dataSource.manager, { actor: user.username, action: 'refusal', detail: { by: 'api', code: 'FORBIDDEN', start: body.type } });
      throw new ApiException(ApiErrorCode.FORBIDDEN, `starting ${body.type} needs one of the roles ${definition.startRoles.join(', ')}`);
    }
    const errors = [
      ...(definition.policies && !definition.policies.includes(body.policy ?? '') ? [{ field: 'policy', message: `policy must be one of: ${definition.policies.join(', ')}` }] : []),
      ...(!definition.policies && body.policy ? [{ field: 'policy', message: `${body.type} has no policies` }] : []),
      ...(await validatePayload(definition.input, body.input, 'input')),
    ];
    if (errors.length === 0) errors.push(...(definition.crossCheck?.(body.policy, body.input) ?? []));
    if (errors.length) throw ApiException.validation(errors);

    if (idempotencyKey) {
      const earlier = await this.dataSource.getRepository(ProcessEntity).findOneBy({ startedBy: user.username, idempotencyKey });
      if (earlier) return { processId: earlier.processId, type: earlier.processType, status: earlier.status };
    }

    const processId = newProcessId(definition.type, randomUUID());
    const startedAt = new Date();
    try {
      await this.dataSource.getRepository(ProcessEntity).insert({
        processId,
        processType: definition.type,
        policy: body.policy ?? null,
        status: 'running',
        businessStatus: 'started',
        title: definition.describe(body.input),
        startedBy: user.username,
        startedAt,
        idempotencyKey: idempotencyKey ?? null,
        input: body.input,
        data: {},
      } as QueryDeepPartialEntity<ProcessEntity>);
    } catch (error) {
      // A concurrent retry with the same key won the insert: answer with its process.
      const earlier = idempotencyKey && (await this.dataSource.getRepository(ProcessEntity).findOneBy({ startedBy: user.username, idempotencyKey }));
      if (earlier) return { processId: earlier.processId, type: earlier.processType, status: earlier.status };
      throw error;
    }

    const start: ProcessStart<object> = { processId, processType: definition.type, policy: body.policy, startedBy: user.username, input: body.input };
    try {
      await this.temporal.withDeadline(() =>
        this.temporal.client.workflow.start(definition.workflow, {
          workflowId: processId,
          taskQueue: this.temporal.settings.taskQueue,
          args: [start],
          typedSearchAttributes: [{ key: SEARCH_ATTRIBUTES.processType, value: definition.type }],
        }),
      );
    } catch (error) {
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) {
        await this.dataSource.getRepository(ProcessEntity).delete({ processId });
        if (isUnavailableError(error)) throw new ApiException(ApiErrorCode.UNAVAILABLE, 'the process could not be started: Temporal is unreachable; nothing was created');
        throw error;
      }
    }
    await appendAudit(this.dataSource.manager, { actor: user.username, action: 'process-started', processId, detail: { type: definition.type, policy: body.policy } });
    return { processId, type: definition.type, status: 'running' as const };
  }

  async list(user: CurrentUser, query: ProcessListQuery): Promise<Page<ReturnType<typeof toProcessSummary>>> {
    const qb = this.visibleTo(user, this.dataSource.getRepository(ProcessEntity).createQueryBuilder('p'));
    if (query.type) qb.andWhere('p.process_type = :type', { type: query.type });
    if (query.status) qb.andWhere('p.status = :status', { status: query.status });
    if (query.slaBreached !== undefined) qb.andWhere('p.sla_breached = :breached', { breached: query.slaBreached });
    if (query.from) qb.andWhere('p.started_at >= :from', { from: new Date(query.from) });
    if (query.to) qb.andWhere('p.started_at < :to', { to: new Date(query.to) });
    if (query.q) qb.andWhere('(p.title ILIKE :q OR p.process_id ILIKE :q OR p.business_status ILIKE :q)', { q: `%${query.q.replace(/[%_]/g, '\\$&')}%` });
    qb.orderBy('p.started_at', 'DESC');
    const [rows, total] = await qb.skip((query.page - 1) * query.pageSize).take(query.pageSize).getManyAndCount();
    await this.recordRead(user, null, 'processes', { filters: { ...query } });
    return { items: rows.map(toProcessSummary), total };
  }

  async get(user: CurrentUser, processId: string) {
    const process = await this.reconciled(await this.loadVisible(user, processId));
    const children = await this.dataSource.getRepository(ProcessEntity).find({ where: { parentId: processId }, select: { processId: true } });
    const openTasks = await this.dataSource
      .getRepository(TaskEntity)
      .createQueryBuilder('t')
      .where(`(t.process_id = :id OR t.root_process_id = :id) AND t.status IN ('open','claimed')`, { id: processId })
      .orderBy('t.due_at', 'ASC', 'NULLS LAST')
      .getMany();
    await this.recordRead(user, processId, 'process');
    return {
      ...toProcessSummary(process),
      input: process.input,
      data: { ...process.input, ...process.data },
      children: children.map((c) => c.processId),
      openTasks: openTasks.map((t) => toTaskView(t)),
      links: { temporalUi: this.temporal.webUiLink(processId) },
    };
  }

  async history(user: CurrentUser, processId: string): Promise<{ processId: string; events: TimelineEvent[] }> {
    await this.loadVisible(user, processId);
    const history = await this.temporal.fetchHistory(processId);
    const claims = await this.dataSource.getRepository(AuditLogEntity).find({ where: [{ processId, action: 'claim' }, { processId, action: 'release' }], order: { id: 'ASC' } });
    const claimEvents = claims.map((row) => ({ at: row.at.toISOString(), kind: row.action === 'claim' ? 'claimed' : 'released', step: row.taskId?.split(':').slice(-2, -1)[0], actor: row.actor }));
    await this.recordRead(user, processId, 'history');
    return { processId, events: buildTimeline(timelineFromHistory(history.events ?? []), claimEvents) };
  }

  async rawHistory(user: CurrentUser, processId: string): Promise<unknown> {
    await this.loadVisible(user, processId);
    await this.recordRead(user, processId, 'temporal-history');
    return this.temporal.historyJson(await this.temporal.fetchHistory(processId));
  }

  async replay(user: CurrentUser, processId: string) {
    if (!readsAllCases(user.roles)) throw new ApiException(ApiErrorCode.FORBIDDEN, 'replay is for auditors and supervisors');
    await this.loadVisible(user, processId);
    const verdict = await this.temporal.replay(processId, await this.temporal.fetchHistory(processId));
    const replayedAt = new Date().toISOString();
    await appendAudit(this.dataSource.manager, { actor: user.username, action: 'replay', processId, detail: { ...verdict } });
    return { processId, ...verdict, replayedAt };
  }

  /** A read of a case goes to case_reads (one plain INSERT), not into the audit chain. */
  private async recordRead(user: CurrentUser, processId: string | null, read: string, detail: Record<string, unknown> = {}): Promise<void> {
    await this.dataSource.getRepository(CaseReadEntity).insert({ actor: user.username, processId, read, detail: detail as object });
  }

  /** Cases a user may read: all for supervisors and auditors; otherwise those they started or work on. */
  private visibleTo(user: CurrentUser, qb: SelectQueryBuilder<ProcessEntity>): SelectQueryBuilder<ProcessEntity> {
    if (readsAllCases(user.roles)) return qb.where('true');
    return qb.where(
      `(p.started_by = :me OR EXISTS (SELECT 1 FROM tasks t WHERE (t.process_id = p.process_id OR t.root_process_id = p.process_id) AND (t.candidate_roles && :refs OR t.completed_by = :me)))`,
      { me: user.username, refs: refsSatisfiedBy(user.roles) },
    );
  }

  private async loadVisible(user: CurrentUser, processId: string): Promise<ProcessEntity> {
    const repo = this.dataSource.getRepository(ProcessEntity);
    const process = await this.visibleTo(user, repo.createQueryBuilder('p')).andWhere('p.process_id = :id', { id: processId }).getOne();
    if (process) return process;
    if (await repo.existsBy({ processId })) throw new ApiException(ApiErrorCode.FORBIDDEN, `you have no part in process ${processId}`);
    throw new ApiException(ApiErrorCode.NOT_FOUND, `no process ${processId}`);
  }

  /** A case terminated or failed outside the workflow's own code shows as such, not as running forever. */
  private async reconciled(process: ProcessEntity): Promise<ProcessEntity> {
    if (process.status !== 'running') return process;
    try {
      const description = await this.temporal.client.workflow.getHandle(process.processId).describe();
      const status = TEMPORAL_STATUS[description.status.name];
      if (status && status !== 'completed') {
        await this.dataSource.getRepository(ProcessEntity).update({ processId: process.processId, status: 'running' }, { status, closedAt: description.closeTime ?? new Date() });
        return { ...process, status, closedAt: description.closeTime ?? new Date() };
      }
    } catch (error) {
      if (!isUnavailableError(error) && !TemporalService.isNotFound(error)) throw error;
    }
    return process;
  }
}

export function toProcessSummary(p: ProcessEntity) {
  return {
    processId: p.processId,
    type: p.processType,
    policy: p.policy ?? undefined,
    title: p.title,
    status: p.status,
    outcome: p.outcome ?? undefined,
    businessStatus: p.businessStatus,
    startedBy: p.startedBy,
    startedAt: p.startedAt.toISOString(),
    closedAt: p.closedAt?.toISOString(),
    dueAt: p.dueAt?.toISOString(),
    dueProvisional: p.dueProvisional,
    slaBreached: p.slaBreached,
    parentId: p.parentId ?? undefined,
  };
}

import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { DataSource, SelectQueryBuilder } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { newProcessId, ProcessStart, SEARCH_ATTRIBUTES } from '../../../../libs/contracts/workflow-contract';
import { holdsAnyRole, readsAllCases, refsSatisfiedBy } from '../../../../libs/domain/roles';
import { validatePayload } from '../../../../libs/forms/form-registry';
import { inputSchemaOf, labelsOf, PROCESS_TYPES, processTypeOf } from '../../../../libs/procedures/registry';
import { appendAudit } from '../../../../libs/persistence/audit-log';
import { AuditLogEntity, ProcessEntity, TaskEntity } from '../../../../libs/persistence/entities';
import { ApiErrorCode, ApiException } from '../common/api-exception';
import { isUnavailableError } from '../common/api-exception.filter';
import type { CurrentUser } from '../common/current-user';
import type { Page } from '../common/page.dto';
import { toTaskView } from '../tasks/task-view';
import { TemporalService } from '../temporal/temporal.service';
import type { ProcessListQuery, StartProcessDto } from './processes.dto';
import { derivedStartKeys, processIdSuffix } from './start-key';
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
  private readonly logger = new Logger('ProcessesService');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly temporal: TemporalService,
  ) {}

  processTypes() {
    return PROCESS_TYPES.map((t) => ({ type: t.type, title: t.title.en, titleZh: t.title.zh, policies: t.policies, startRoles: t.startRoles, inputSchema: inputSchemaOf(t), labels: labelsOf(t.type) }));
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

    // Every start has a key (the caller's, or one derived from the request) and a process id
    // derived from it, so a retry finds the first attempt's case and workflow (start-key.ts).
    const repo = this.dataSource.getRepository(ProcessEntity);
    const keys = idempotencyKey ? [idempotencyKey] : derivedStartKeys(user.username, definition.type, body.policy, body.input);
    const findEarlier = () => repo.findOne({ where: keys.map((key) => ({ startedBy: user.username, idempotencyKey: key })) });
    const earlier = await findEarlier();
    if (earlier) return this.ensureStarted(definition, earlier);

    const key = keys[0];
    const processId = newProcessId(definition.type, processIdSuffix(user.username, key));
    const startedAt = new Date();
    try {
      // The case row and its `process-started` audit row commit together, before the workflow
      // exists (its activities update this row), or not at all.
      await this.dataSource.transaction(async (tx) => {
        await tx.getRepository(ProcessEntity).insert({
          processId,
          processType: definition.type,
          policy: body.policy ?? null,
          status: 'running',
          businessStatus: 'started',
          title: definition.describe(body.input),
          startedBy: user.username,
          startedAt,
          idempotencyKey: key,
          input: body.input,
          data: {},
        } as QueryDeepPartialEntity<ProcessEntity>);
        await appendAudit(tx, { actor: user.username, action: 'process-started', processId, at: startedAt, detail: { type: definition.type, policy: body.policy } });
      });
    } catch (error) {
      // A concurrent retry with the same key won the insert: answer with its process.
      const concurrent = (await findEarlier().catch(() => null)) ?? (await repo.findOneBy({ processId }).catch(() => null));
      if (concurrent) return this.ensureStarted(definition, concurrent);
      throw error;
    }

    const start: ProcessStart<object> = { processId, processType: definition.type, policy: body.policy, startedBy: user.username, input: body.input };
    try {
      await this.startWorkflow(definition, start);
    } catch (error) {
      // Nothing runs: withdraw the case (the audit log, append-only, records the refusal). Should
      // that fail too, the row stays and a retry (same key, same process id) starts this case.
      await this.withdrawStart(user, processId, definition.type, error);
      if (isUnavailableError(error)) throw new ApiException(ApiErrorCode.UNAVAILABLE, 'the process could not be started: Temporal is unreachable; nothing was created, try again');
      throw error;
    }
    return { processId, type: definition.type, status: 'running' as const };
  }

  /** Starts the case's workflow; one that already exists (an earlier attempt's) is the same case. */
  private async startWorkflow(definition: NonNullable<ReturnType<typeof processTypeOf>>, start: ProcessStart<object>): Promise<void> {
    try {
      await this.temporal.withDeadline(() =>
        this.temporal.client.workflow.start(definition.workflow, {
          workflowId: start.processId,
          taskQueue: this.temporal.settings.taskQueue,
          args: [start],
          // A closed run of this id is the same case too: never run a case twice.
          workflowIdReusePolicy: 'REJECT_DUPLICATE',
          typedSearchAttributes: [{ key: SEARCH_ATTRIBUTES.processType, value: definition.type }],
        }),
      );
    } catch (error) {
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    }
  }

  /** A retried start: the case is the earlier one; its workflow is started if the first attempt's start did not arrive. */
  private async ensureStarted(definition: NonNullable<ReturnType<typeof processTypeOf>>, earlier: ProcessEntity) {
    if (earlier.status === 'running' && !earlier.parentId) {
      try {
        await this.startWorkflow(definition, { processId: earlier.processId, processType: earlier.processType, policy: earlier.policy ?? undefined, startedBy: earlier.startedBy, input: earlier.input });
      } catch (error) {
        if (isUnavailableError(error)) throw new ApiException(ApiErrorCode.UNAVAILABLE, 'the process could not be started: Temporal is unreachable; try again');
        throw error;
      }
    }
    return { processId: earlier.processId, type: earlier.processType, status: earlier.status };
  }

  private async withdrawStart(user: CurrentUser, processId: string, type: string, cause: unknown): Promise<void> {
    try {
      await this.dataSource.transaction(async (tx) => {
        await tx.getRepository(ProcessEntity).delete({ processId, status: 'running' });
        await appendAudit(tx, {
          actor: user.username,
          action: 'refusal',
          processId,
          detail: { by: 'api', code: 'UNAVAILABLE', start: type, reason: `the workflow could not be started (${cause instanceof Error ? cause.message : String(cause)}); the start was withdrawn` },
        });
      });
    } catch (error) {
      this.logger.error(`start of ${processId} refused and could not be withdrawn (${error instanceof Error ? error.message : error}); a retry with the same request starts it`);
    }
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
    await appendAudit(this.dataSource.manager, { actor: user.username, action: 'query', detail: { list: 'processes', filters: { ...query } } });
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
    await appendAudit(this.dataSource.manager, { actor: user.username, action: 'query', processId, detail: { read: 'process' } });
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
    await appendAudit(this.dataSource.manager, { actor: user.username, action: 'query', processId, detail: { read: 'history' } });
    return { processId, events: buildTimeline(timelineFromHistory(history.events ?? []), claimEvents) };
  }

  async rawHistory(user: CurrentUser, processId: string): Promise<unknown> {
    await this.loadVisible(user, processId);
    await appendAudit(this.dataSource.manager, { actor: user.username, action: 'query', processId, detail: { read: 'temporal-history' } });
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
      // Only a refinement of the projection: a short deadline, and the case still reads when Temporal is down.
      const description = await this.temporal.withDeadline(() => this.temporal.client.workflow.getHandle(process.processId).describe(), Math.min(2000, TemporalService.rpcTimeoutMs()));
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

/**
 * The shared primitives every procedure is written with (ARCHITECTURE.md mechanisms 1–3):
 * the human task, the case clock, business status, archive and finish.
 * Deterministic: only @temporalio/workflow, pure libs/ code and activity *types*.
 */
import {
  ApplicationFailure,
  condition,
  executeChild,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  sleep,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { Clock, DueTime } from '../libs/calendar/working-day-calendar';
import { WorkflowFailureType } from '../libs/contracts/failure-types';
import {
  caseStateQuery,
  decisionSignal,
  DecisionSignalInput,
  ProcessResult,
  ProcessStart,
  SEARCH_ATTRIBUTES,
  taskIdFor,
} from '../libs/contracts/workflow-contract';
import { escalationTargetFor, holdsAnyRole, RoleRef } from '../libs/domain/roles';

/**
 * Every procedure's side effects, declared once: they retry until the database is back (a case
 * never fails for an outage); a minute covers the largest file batch an activity writes.
 */
const RETRY = { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' } as const;
export const acts = proxyActivities<Activities>({ startToCloseTimeout: '1 minute', retry: RETRY });
/**
 * Reads that change nothing (the calendar, the actor's roles and form check) run as local
 * activities: their results are recorded all the same, without a round trip through the server.
 */
export const reads = proxyLocalActivities<Activities>({ startToCloseTimeout: '10 seconds', retry: RETRY });

export interface TaskSpec<D extends string> {
  step: string;
  title: string;
  candidateRoles: RoleRef[];
  decisions: readonly D[];
  /** Key of the form (libs/forms) whose payload the decision carries. */
  form?: string;
  prefill?: Record<string, unknown>;
  /** Soft SLA: when it passes the task stays open and the responsible dept_head is alerted. */
  due?: Clock;
  /** Four-eyes: whoever decided these steps may not decide this one. */
  notBy?: string[];
  /**
   * Whose decisions on the `notBy` steps count: every round's (the default), or only the latest
   * round's. A supervising step inside a loop covers the execution it follows, so two people may
   * swap roles on a resubmission (A executes and B supervises, then B executes and A supervises).
   */
  notByScope?: 'all-rounds' | 'latest-round';
  /** Only these users (who must also hold a candidate role) may decide, e.g. the project manager named at dispatch. */
  candidateUsers?: string[];
  /** Decisions that need a reason; reject and return always do. */
  reasonRequired?: readonly D[];
  /** The case's business status while this task is open (set together with the task). */
  status?: string;
  /** Data to merge into the case record together with the task. */
  caseData?: Record<string, unknown>;
  /** Offers the decision `abandon` (reason required): the case ends as `abandoned`. */
  abandonable?: boolean;
}

/** Thrown by a task decided `abandon`; `CaseRun.run` turns it into the `abandoned` outcome. */
export class CaseAbandoned extends Error {
  constructor(
    readonly step: string,
    readonly actor: string,
    readonly reason: string,
  ) {
    super(`abandoned at ${step} by ${actor}: ${reason}`);
    this.name = 'CaseAbandoned';
  }
}

export interface Decided<D extends string> {
  decision: D;
  actor: string;
  comment?: string;
  data: Record<string, unknown>;
  decidedAt: string;
}

export type Refusal = { code: 'FORBIDDEN' | 'FOUR_EYES' | 'VALIDATION_FAILED'; reason: string };

const ALWAYS_NEED_REASON = ['reject', 'return', 'abandon'];

export class CaseRun {
  readonly processId = workflowInfo().workflowId;
  readonly rootProcessId: string;
  businessStatus = 'started';
  outcome?: string;
  closed = false;

  private readonly decisions: DecisionSignalInput[] = [];
  private readonly actorsByStep = new Map<string, Set<string>>();
  private readonly latestActorByStep = new Map<string, string>();
  private readonly rounds = new Map<string, number>();
  private readonly openTasks = new Map<string, RoleRef[]>();
  /** Search attributes exist only where the starter registered them (not on the test server). */
  private readonly searchable = workflowInfo().typedSearchAttributes.get(SEARCH_ATTRIBUTES.processType) !== undefined;

  constructor(readonly start: ProcessStart<unknown>) {
    // The time-skipping test server does not report `root`; a child's parent is its root at the depth cases use.
    this.rootProcessId = workflowInfo().root?.workflowId ?? workflowInfo().parent?.workflowId ?? this.processId;
    setHandler(decisionSignal, (decision) => {
      this.decisions.push(decision);
    });
    setHandler(caseStateQuery, () => ({
      businessStatus: this.businessStatus,
      outcome: this.outcome,
      openTaskIds: [...this.openTasks.keys()],
    }));
  }

  /** Workflow time, replayed identically. */
  now(): Date {
    return new Date();
  }

  async dueFrom(clock: Clock, from = this.now()): Promise<DueTime> {
    return reads.computeDue({ from: from.toISOString(), clock });
  }

  async setStatus(businessStatus: string, data?: Record<string, unknown>): Promise<void> {
    this.businessStatus = businessStatus;
    await acts.updateCase({ processId: this.processId, businessStatus, data });
    this.publishSearchAttributes();
  }

  /** The overall SLA from acceptance; on breach the case is flagged and escalated, never stopped. */
  async startCaseClock(clock: Clock, escalateTo: RoleRef): Promise<void> {
    const due = await this.dueFrom(clock);
    await acts.updateCase({ processId: this.processId, dueAt: due.dueAt, dueProvisional: due.provisional });
    const watch = async () => {
      await sleep(Math.max(1, Date.parse(due.dueAt) - Date.now()));
      if (!this.closed) await acts.escalateCase({ processId: this.processId, escalateTo, dueAt: due.dueAt });
    };
    // Runs beside the procedure; the case's completion simply drops it.
    void watch();
  }

  /** One human step: open the task, wait for a valid decision (re-checked here), close it. */
  async task<D extends string>(spec: TaskSpec<D>): Promise<Decided<D>> {
    return (await this.runTask(spec, undefined))!;
  }

  /**
   * A human step raced against a hard deadline (e.g. the provider's reply): when the
   * deadline passes first the task expires and this returns undefined.
   */
  async taskUntil<D extends string>(spec: Omit<TaskSpec<D>, 'due'>, deadline: Clock): Promise<Decided<D> | undefined> {
    return this.runTask(spec, deadline);
  }

  private async runTask<D extends string>(spec: TaskSpec<D>, deadline: Clock | undefined): Promise<Decided<D> | undefined> {
    if (spec.abandonable) spec = { ...spec, decisions: [...spec.decisions, 'abandon' as D] };
    const round = (this.rounds.get(spec.step) ?? 0) + 1;
    this.rounds.set(spec.step, round);
    const taskId = taskIdFor(this.processId, spec.step, round);
    const deciders = (step: string): string[] =>
      spec.notByScope === 'latest-round' ? [this.latestActorByStep.get(step) ?? ''].filter(Boolean) : [...(this.actorsByStep.get(step) ?? [])];
    const excludedUsers = [...new Set((spec.notBy ?? []).flatMap(deciders))];
    const reasonRequired = [...new Set([...(spec.reasonRequired ?? []), ...spec.decisions.filter((d) => ALWAYS_NEED_REASON.includes(d))])];
    const clock = deadline ?? spec.due;
    // One instant for both, so the task's clock runs exactly from its creation.
    const openedAt = this.now();
    const due = clock ? await this.dueFrom(clock, openedAt) : undefined;

    await acts.openTask({
      taskId,
      processId: this.processId,
      rootProcessId: this.rootProcessId,
      processType: this.start.processType,
      step: spec.step,
      round,
      title: spec.title,
      candidateRoles: spec.candidateRoles,
      candidateUsers: spec.candidateUsers ?? [],
      excludedUsers,
      decisions: [...spec.decisions],
      reasonRequired,
      formKey: spec.form ?? null,
      prefill: spec.prefill ?? {},
      createdAt: openedAt.toISOString(),
      dueAt: due?.dueAt ?? null,
      dueProvisional: due?.provisional ?? false,
      expires: deadline !== undefined,
      businessStatus: spec.status ?? null,
      caseData: spec.caseData ?? null,
    });
    if (spec.status) this.businessStatus = spec.status;
    this.openTasks.set(taskId, spec.candidateRoles);
    this.publishSearchAttributes();

    let escalated = false;
    for (;;) {
      const arrived = () => this.decisions.some((d) => d.taskId === taskId);
      const waitMs = due && !escalated ? Math.max(1, Date.parse(due.dueAt) - Date.now()) : undefined;
      const gotDecision = waitMs === undefined ? (await condition(arrived), true) : await condition(arrived, waitMs);

      if (!gotDecision) {
        if (deadline) {
          await acts.expireTask({ taskId, processId: this.processId, at: this.now().toISOString() });
          this.closeTask(taskId);
          return undefined;
        }
        await acts.escalateTask({ taskId, processId: this.processId, escalateTo: escalationTargetFor(spec.candidateRoles), dueAt: due!.dueAt, at: this.now().toISOString() });
        escalated = true;
        continue;
      }

      const signal = this.decisions.splice(this.decisions.findIndex((d) => d.taskId === taskId), 1)[0];
      const refusal = await this.check(spec, signal, excludedUsers, reasonRequired);
      if (refusal) {
        await acts.recordRefusal({ processId: this.processId, taskId, username: signal.username, decision: signal.decision, ...refusal });
        continue;
      }
      await acts.acceptDecision({
        taskId,
        processId: this.processId,
        username: signal.username,
        decision: signal.decision,
        comment: signal.comment ?? null,
        data: signal.data ?? {},
        decidedAt: signal.decidedAt,
      });
      const actors = this.actorsByStep.get(spec.step) ?? new Set<string>();
      actors.add(signal.username);
      this.actorsByStep.set(spec.step, actors);
      this.latestActorByStep.set(spec.step, signal.username);
      this.closeTask(taskId);
      if (spec.abandonable && signal.decision === 'abandon') throw new CaseAbandoned(spec.step, signal.username, signal.comment ?? '');
      return {
        decision: signal.decision as D,
        actor: signal.username,
        comment: signal.comment,
        data: signal.data ?? {},
        decidedAt: signal.decidedAt,
      };
    }
  }

  /** Who decided a step (every round), for four-eyes between steps and for the record. */
  actorsOf(step: string): string[] {
    return [...(this.actorsByStep.get(step) ?? [])];
  }

  /** Every procedure ends by filing its documents with the archivist's receipt. */
  async archive(documents: Array<{ name: string; ref?: string }>): Promise<void> {
    const filed = await this.task({
      status: 'archiving',
      step: 'archive',
      title: '归档',
      candidateRoles: ['archivist'],
      decisions: ['filed'] as const,
      form: 'archive-receipt',
      prefill: { documents },
      due: { workingDays: 5 },
    });
    await acts.fileArchive({
      processId: this.processId,
      processType: this.start.processType,
      documents,
      receivedBy: filed.actor,
      receiptNo: String(filed.data.receiptNo ?? ''),
      filedAt: filed.decidedAt,
    });
  }

  /**
   * Runs a procedure's body; an `abandon` decision on any abandonable step ends the case
   * as `abandoned`, with who and why recorded (a case is never dropped without a decision).
   */
  async run(body: () => Promise<ProcessResult>): Promise<ProcessResult> {
    try {
      return await body();
    } catch (error) {
      if (!(error instanceof CaseAbandoned)) throw error;
      const abandonment = { step: error.step, by: error.actor, reason: error.reason };
      await this.setStatus('abandoned', { abandonment });
      return this.finish('abandoned', { abandonment });
    }
  }

  /**
   * A child case (e.g. one investigation task): its own workflow and inbox rows, linked to this
   * case, whose page shows the child's open tasks. Resolves with the child's result.
   */
  async child(workflowType: string, spec: { processType: string; key: string; title: string; input: Record<string, unknown> }): Promise<ProcessResult> {
    const processId = `${this.processId}.${spec.key}`;
    await acts.registerChildCase({ processId, processType: spec.processType, parentId: this.processId, startedBy: this.start.startedBy, startedAt: this.now().toISOString(), title: spec.title, input: spec.input });
    const start: ProcessStart<unknown> = { processId, processType: spec.processType, startedBy: this.start.startedBy, input: spec.input };
    return executeChild(workflowType, {
      workflowId: processId,
      args: [start],
      ...(this.searchable && { typedSearchAttributes: [{ key: SEARCH_ATTRIBUTES.processType, value: spec.processType }] }),
    });
  }

  /** Production changes wait for the next window outside business hours (MAINTENANCE_WINDOW). */
  async waitForMaintenanceWindow(): Promise<void> {
    const opensAt = await reads.nextMaintenanceWindow({ from: this.now().toISOString() });
    const waitMs = Date.parse(opensAt) - Date.now();
    if (waitMs > 0) {
      await this.setStatus('awaiting-maintenance-window', { maintenanceWindowAt: opensAt });
      await sleep(waitMs);
    }
  }

  /** Waits for business opening (09:00) on the N-th working day, then notifies every department head. */
  async notifyDepartmentsOnWorkingDay(n: number, notice: { title: string; body: string }): Promise<void> {
    const at = await reads.workingDayAt({ from: this.now().toISOString(), n, time: '09:00' });
    await this.setStatus('awaiting-notification-day', { notifyDepartmentsAt: at.dueAt });
    await sleep(Math.max(1, Date.parse(at.dueAt) - Date.now()));
    await acts.notifyDepartments({ processId: this.processId, title: notice.title, body: notice.body, key: `${n}-working-day` });
  }

  /** A permanent error the procedure cannot go past (bad data); fails the case visibly. */
  fail(message: string, type: WorkflowFailureType): never {
    throw ApplicationFailure.nonRetryable(message, type);
  }

  async finish(outcome: string, data: Record<string, unknown> = {}): Promise<ProcessResult> {
    this.outcome = outcome;
    this.closed = true;
    await acts.closeCase({ processId: this.processId, outcome, data, closedAt: this.now().toISOString() });
    return { outcome, data };
  }

  private async check(spec: TaskSpec<string>, signal: DecisionSignalInput, excludedUsers: string[], reasonRequired: string[]): Promise<Refusal | undefined> {
    if (!spec.decisions.includes(signal.decision)) {
      return { code: 'VALIDATION_FAILED', reason: `decision "${signal.decision}" is not one of ${spec.decisions.join(', ')}` };
    }
    if (reasonRequired.includes(signal.decision) && !signal.comment?.trim()) {
      return { code: 'VALIDATION_FAILED', reason: `decision "${signal.decision}" needs a reason (comment)` };
    }
    const actor = await reads.verifyDecision({ username: signal.username, formKey: spec.form ?? null, data: signal.data ?? {}, decision: signal.decision });
    if (!actor.active || !holdsAnyRole(actor.roles, spec.candidateRoles)) {
      return { code: 'FORBIDDEN', reason: `${signal.username} holds none of ${spec.candidateRoles.join(', ')}` };
    }
    if (spec.candidateUsers?.length && !spec.candidateUsers.includes(signal.username)) {
      return { code: 'FORBIDDEN', reason: `only ${spec.candidateUsers.join(', ')} may decide ${spec.step}` };
    }
    if (excludedUsers.includes(signal.username)) {
      return { code: 'FOUR_EYES', reason: `${signal.username} already acted on ${(spec.notBy ?? []).join(', ')}` };
    }
    if (actor.formErrors.length > 0) {
      return { code: 'VALIDATION_FAILED', reason: actor.formErrors.map((e) => `${e.field}: ${e.message}`).join('; ') };
    }
    return undefined;
  }

  private closeTask(taskId: string): void {
    this.openTasks.delete(taskId);
    this.publishSearchAttributes();
  }

  private publishSearchAttributes(): void {
    if (!this.searchable) return;
    upsertSearchAttributes([
      { key: SEARCH_ATTRIBUTES.businessStatus, value: this.businessStatus },
      { key: SEARCH_ATTRIBUTES.pendingRoles, value: [...new Set([...this.openTasks.values()].flat())] },
    ]);
  }
}

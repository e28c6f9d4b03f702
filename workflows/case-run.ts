/**
 * The shared primitives every procedure is written with (ARCHITECTURE.md mechanisms 1–3):
 * the human task, the case clock, business status, archive and finish.
 * Deterministic: only @temporalio/workflow, pure libs/ code and activity *types*.
 */
import {
  ApplicationFailure,
  condition,
  executeChild,
  patched,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  sleep,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { Clock, DueTime } from '../libs/calendar/working-day-calendar';
import type { TaskFormData, TaskFormKey } from '../libs/procedures/registry';
import type { DecisionOf, Label, OutcomeOf, SharedVocabulary, StatusOf, StepOf, Vocabulary } from '../libs/procedures/vocabulary';
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
import { actorViolations, decisionViolations, describeViolations, reasonRequiredFor, RefusalCode, TaskRule } from '../libs/domain/decision-rule';
import { escalationTargetFor, RoleRef } from '../libs/domain/roles';

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

/** A vocabulary whose keys are any string: for code that is not typed by one procedure's words. */
export interface AnyVocabulary {
  steps: Record<string, Label>;
  decisions: Record<string, Label>;
  statuses: Record<string, Label>;
  outcomes: Record<string, Label>;
}

/**
 * What a decided form carries: its class's fields, or nothing for a step without a form.
 * A form key not known as a literal (a spec passed through a variable typed `string`) gives loose data.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type FormDataOf<F extends string | undefined> = [F] extends [undefined] ? Record<string, never> : F extends TaskFormKey ? TaskFormData<F> : Record<string, any>;

export interface TaskSpec<D extends string, V extends Vocabulary = AnyVocabulary, F extends string | undefined = string | undefined> {
  step: StepOf<V>;
  /** The inbox title; by default the step's label in the procedure's vocabulary. */
  title?: string;
  candidateRoles: readonly RoleRef[];
  decisions: readonly D[];
  /** Key of the form (a procedure module's `forms`) whose payload the decision carries. */
  form?: F;
  prefill?: Record<string, unknown>;
  /** Soft SLA: when it passes the task stays open and the responsible dept_head is alerted. */
  due?: Clock;
  /** Where the SLA counts from when a rule sets it earlier than the task's opening (e.g. the case's receipt). */
  clockFrom?: Date;
  /** Four-eyes: whoever decided these steps may not decide this one. */
  notBy?: StepOf<V>[];
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
  status?: StatusOf<V>;
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

export interface Decided<D extends string, F extends string | undefined = string> {
  decision: D;
  actor: string;
  comment?: string;
  data: FormDataOf<F>;
  decidedAt: string;
}

export type Refusal = { code: RefusalCode; reason: string };

/**
 * One case of a procedure, typed by the procedure's vocabulary (libs/procedures/*.vocabulary.ts):
 * steps, statuses, outcomes and decisions outside it do not compile.
 */
export class CaseRun<V extends Vocabulary = AnyVocabulary> {
  readonly processId = workflowInfo().workflowId;
  readonly rootProcessId: string;
  /** When the case was received: the workflow's start, replayed identically. */
  readonly receivedAt = new Date();
  businessStatus = 'started';
  outcome?: string;
  closed = false;
  /** The overall clock stopped: the applicant has been told (the archive may still be filed later). */
  private clockStopped = false;

  private readonly decisions: DecisionSignalInput[] = [];
  private readonly actorsByStep = new Map<string, Set<string>>();
  private readonly latestActorByStep = new Map<string, string>();
  private readonly rounds = new Map<string, number>();
  private readonly openTasks = new Map<string, RoleRef[]>();
  /** Search attributes exist only where the starter registered them (not on the test server). */
  private readonly searchable = workflowInfo().typedSearchAttributes.get(SEARCH_ATTRIBUTES.processType) !== undefined;

  constructor(
    readonly start: ProcessStart<unknown>,
    private readonly vocabulary?: V,
  ) {
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

  async setStatus(businessStatus: StatusOf<V>, data?: Record<string, unknown>): Promise<void> {
    await this.writeStatus(businessStatus, data);
  }

  /** The primitives' own statuses (SHARED_VOCABULARY, part of every procedure's vocabulary). */
  private async writeStatus(businessStatus: string, data?: Record<string, unknown>): Promise<void> {
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
      if (!this.closed && !this.clockStopped) await acts.escalateCase({ processId: this.processId, escalateTo, dueAt: due.dueAt });
    };
    // Runs beside the procedure; the case's completion simply drops it.
    void watch();
  }

  /**
   * The overall clock counts until the applicant is told (000 §33(三), 001 §110(二), 003 6.4.2),
   * not until the archive is filed: the case records that instant and is no longer escalated.
   */
  async stopCaseClock(): Promise<void> {
    // Cases begun before this rule still escalate until they are closed, as their histories say.
    if (!patched('case-clock-stops-at-reply')) return;
    this.clockStopped = true;
    await acts.updateCase({ processId: this.processId, data: { repliedAt: this.now().toISOString() } });
  }

  /** One human step: open the task, wait for a valid decision (re-checked here), close it. */
  async task<D extends DecisionOf<V>, F extends string | undefined = undefined>(spec: TaskSpec<D, V, F>): Promise<Decided<D, F>> {
    return (await this.runTask(spec, undefined))!;
  }

  /**
   * A human step raced against a hard deadline (e.g. the provider's reply): when the
   * deadline passes first the task expires and this returns undefined.
   */
  async taskUntil<D extends DecisionOf<V>, F extends string | undefined = undefined>(spec: Omit<TaskSpec<D, V, F>, 'due'>, deadline: Clock): Promise<Decided<D, F> | undefined> {
    return this.runTask(spec, deadline);
  }

  private async runTask<D extends string, F extends string | undefined>(spec: TaskSpec<D, V, F>, deadline: Clock | undefined): Promise<Decided<D, F> | undefined> {
    if (spec.abandonable) spec = { ...spec, decisions: [...spec.decisions, 'abandon' as D] };
    const round = (this.rounds.get(spec.step) ?? 0) + 1;
    this.rounds.set(spec.step, round);
    const taskId = taskIdFor(this.processId, spec.step, round);
    const deciders = (step: string): string[] =>
      spec.notByScope === 'latest-round' ? [this.latestActorByStep.get(step) ?? ''].filter(Boolean) : [...(this.actorsByStep.get(step) ?? [])];
    const excludedUsers = [...new Set((spec.notBy ?? []).flatMap(deciders))];
    const reasonRequired = reasonRequiredFor(spec.decisions, spec.reasonRequired);
    const rule: TaskRule = { step: spec.step, candidateRoles: spec.candidateRoles, candidateUsers: spec.candidateUsers ?? [], excludedUsers, decisions: spec.decisions, reasonRequired };
    const clock = deadline ?? spec.due;
    // One instant for both, so the task's clock runs exactly from its creation.
    const openedAt = this.now();
    const due = clock ? await this.dueFrom(clock, spec.clockFrom ?? openedAt) : undefined;

    await acts.openTask({
      taskId,
      processId: this.processId,
      rootProcessId: this.rootProcessId,
      processType: this.start.processType,
      step: spec.step,
      round,
      title: spec.title ?? this.vocabulary?.steps[spec.step]?.zh ?? spec.step,
      candidateRoles: [...spec.candidateRoles],
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
    this.openTasks.set(taskId, [...spec.candidateRoles]);
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
      const refusal = await this.check(rule, spec.form ?? null, signal);
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
        data: (signal.data ?? {}) as FormDataOf<F>,
        decidedAt: signal.decidedAt,
      };
    }
  }

  /** A step of the primitives themselves (the archive), in the shared words every vocabulary holds. */
  private sharedTask<D extends DecisionOf<SharedVocabulary>, F extends TaskFormKey>(spec: TaskSpec<D, SharedVocabulary, F>): Promise<Decided<D, F>> {
    return (this as unknown as CaseRun<SharedVocabulary>).task(spec);
  }

  /** Who decided a step (every round), for four-eyes between steps and for the record. */
  actorsOf(step: StepOf<V>): string[] {
    return [...(this.actorsByStep.get(step) ?? [])];
  }

  /** Every procedure ends by filing its documents with the archivist's receipt. */
  async archive(documents: Array<{ name: string; ref?: string }>): Promise<void> {
    // The shared words (SHARED_VOCABULARY) are in every procedure's vocabulary.
    const filed = await this.sharedTask({
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
      receiptNo: filed.data.receiptNo,
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
      await this.writeStatus('abandoned', { abandonment });
      return this.close('abandoned', { abandonment });
    }
  }

  /**
   * A child case (e.g. one investigation task): its own workflow and inbox rows, linked to this
   * case, whose page shows the child's open tasks. Resolves with the child's result.
   */
  async child<I>(workflow: (start: ProcessStart<I>) => Promise<ProcessResult>, spec: { processType: string; key: string; title: string; input: I & Record<string, unknown>; policy?: string }): Promise<ProcessResult> {
    const processId = `${this.processId}.${spec.key}`;
    await acts.registerChildCase({ processId, processType: spec.processType, parentId: this.processId, startedBy: this.start.startedBy, startedAt: this.now().toISOString(), title: spec.title, input: spec.input, ...(spec.policy && { policy: spec.policy }) });
    const start: ProcessStart<I> = { processId, processType: spec.processType, startedBy: this.start.startedBy, input: spec.input, ...(spec.policy && { policy: spec.policy }) };
    return executeChild(workflow, {
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
      await this.writeStatus('awaiting-maintenance-window', { maintenanceWindowAt: opensAt });
      await sleep(waitMs);
    }
  }

  /** Waits for business opening (09:00) on the N-th working day, then notifies every department head. */
  async notifyDepartmentsOnWorkingDay(n: number, notice: { title: string; body: string }): Promise<void> {
    const at = await reads.workingDayAt({ from: this.now().toISOString(), n, time: '09:00' });
    await this.writeStatus('awaiting-notification-day', { notifyDepartmentsAt: at.dueAt });
    await sleep(Math.max(1, Date.parse(at.dueAt) - Date.now()));
    await acts.notifyDepartments({ processId: this.processId, title: notice.title, body: notice.body, key: `${n}-working-day` });
  }

  /** A permanent error the procedure cannot go past (bad data); fails the case visibly. */
  fail(message: string, type: WorkflowFailureType): never {
    throw ApplicationFailure.nonRetryable(message, type);
  }

  async finish(outcome: OutcomeOf<V>, data: Record<string, unknown> = {}): Promise<ProcessResult> {
    return this.close(outcome, data);
  }

  private async close(outcome: string, data: Record<string, unknown> = {}): Promise<ProcessResult> {
    this.outcome = outcome;
    this.closed = true;
    await acts.closeCase({ processId: this.processId, outcome, data, closedAt: this.now().toISOString() });
    return { outcome, data };
  }

  /**
   * The workflow's own check of a decision (the one nothing can bypass), by the same rule as the
   * API gate (libs/domain/decision-rule.ts): what is decided first, then who decides and the form.
   */
  private async check(rule: TaskRule, formKey: string | null, signal: DecisionSignalInput): Promise<Refusal | undefined> {
    const attempt = { username: signal.username, decision: signal.decision, comment: signal.comment };
    const incomplete = decisionViolations(rule, attempt);
    if (incomplete.length) return describeViolations(incomplete);
    const actor = await reads.verifyDecision({ username: signal.username, formKey, data: signal.data ?? {}, decision: signal.decision });
    const violations = [...actorViolations(rule, signal.username, actor), ...decisionViolations(rule, attempt, actor.formErrors)];
    return violations.length ? describeViolations(violations) : undefined;
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

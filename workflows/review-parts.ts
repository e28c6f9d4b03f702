/**
 * The named review parts every procedure composes (PROCEDURES.md): supervised() — one person
 * executes, a second confirms or returns (P5/P6) —, tiers and submit-and-tiers (P3/P4), the
 * committee (secretary records, members sign), review levels (P8/P9).
 * Written once over the human-task primitive; never copied into a workflow.
 */
import { COMMITTEE_DECISIONS, CommitteeDecision, committeeSignStep, CommitteeSignStep, PRODUCT_POLICY } from '../libs/domain/product-policy';
import type { RoleRef } from '../libs/domain/roles';
import type { TaskFormKey } from '../libs/procedures/registry';
import type { DecisionOf, Label, StatusOf, StepOf, Vocabulary } from '../libs/procedures/vocabulary';
import { AnyVocabulary, CaseRun, Decided, FormDataOf, TaskSpec } from './case-run';

// ---------------------------------------------------------------- supervised: four-eyes within the round

/** The supervising step: its task without the four-eyes, which the part sets. */
export type SupervisorSpec<D extends string, V extends Vocabulary, F extends string | undefined> = Omit<TaskSpec<D, V, F>, 'notBy' | 'notByScope'> & {
  /** The decisions that send the work back to be done again; `return` unless told. */
  sendBack?: readonly D[];
};

export interface Supervision<V extends Vocabulary, DX extends string, FX extends string | undefined, DS extends string, FS extends string | undefined> {
  /** The execution the supervisor passed (the latest round's). */
  done: Decided<DX, FX>;
  /** The supervisor's decision that passed it. */
  check: Decided<DS, FS>;
  /** The executing and the supervising step, for a sign-off above both. */
  steps: [StepOf<V>, StepOf<V>];
}

/**
 * One person does it, a second supervises or returns it (001 §16, §18–19: 双人上岗, 监督, 复核,
 * 现场授权): the execution, then the supervisor, who may not be this round's executor (four-eyes
 * within the round, so on a resubmission the two may swap roles). A return sends the work back to be
 * done again. `execute` may be a function, for an execution prepared anew each round (a fresh check).
 */
export async function supervised<
  V extends Vocabulary,
  DX extends DecisionOf<V>,
  FX extends string | undefined,
  DS extends DecisionOf<V>,
  FS extends string | undefined,
>(
  run: CaseRun<V>,
  execute: TaskSpec<DX, V, FX> | (() => Promise<TaskSpec<DX, V, FX>>),
  supervise: (done: Decided<DX, FX>) => SupervisorSpec<DS, V, FS>,
): Promise<Supervision<V, DX, FX, DS, FS>> {
  for (;;) {
    const spec = typeof execute === 'function' ? await execute() : execute;
    const done = await run.task(spec);
    const { sendBack, ...supervisor } = supervise(done);
    const check = await run.task<DS, FS>({ ...supervisor, notBy: [spec.step], notByScope: 'latest-round' });
    if (!((sendBack ?? ['return']) as readonly string[]).includes(check.decision)) return { done, check, steps: [spec.step, supervisor.step] };
  }
}

/**
 * Supervised, then signed off by a third person (a head's signature over the pair, 001 §16 二 3, §18 二):
 * the signer is neither this round's executor nor its supervisor; a return at the signature sends
 * the work back to the execution.
 */
export async function supervisedAndSigned<
  V extends Vocabulary,
  DX extends DecisionOf<V>,
  FX extends string | undefined,
  DS extends DecisionOf<V>,
  FS extends string | undefined,
  DA extends DecisionOf<V>,
  FA extends string | undefined,
>(
  run: CaseRun<V>,
  execute: TaskSpec<DX, V, FX> | (() => Promise<TaskSpec<DX, V, FX>>),
  supervise: (done: Decided<DX, FX>) => SupervisorSpec<DS, V, FS>,
  signOff: (supervision: Supervision<V, DX, FX, DS, FS>) => SupervisorSpec<DA, V, FA>,
): Promise<Supervision<V, DX, FX, DS, FS> & { signed: Decided<DA, FA> }> {
  for (;;) {
    const supervision = await supervised(run, execute, supervise);
    const { sendBack, ...signer } = signOff(supervision);
    const signed = await run.task<DA, FA>({ ...signer, notBy: [...supervision.steps], notByScope: 'latest-round' });
    if (!((sendBack ?? ['return']) as readonly string[]).includes(signed.decision)) return { ...supervision, signed };
  }
}

// ---------------------------------------------------------------- tiers and review levels

export type TierDecision = 'approve' | 'reject' | 'return';
export type TierSpec = Omit<TaskSpec<TierDecision>, 'decisions'>;

export type TierOutcome =
  | { result: 'approved'; decisions: Decided<TierDecision>[] }
  | { result: 'rejected'; step: string; actor: string; reason: string }
  /** The first tier sent the work back to the step before the chain. */
  | { result: 'returned'; actor: string; reason: string };

/**
 * Tiered approval (P4 §22–32): each tier approves (on to the next), rejects (the case ends,
 * reason recorded) or returns (back one tier; from the first tier, back to the caller).
 */
export async function tiers(run: CaseRun, chain: TierSpec[]): Promise<TierOutcome> {
  const decisions: Decided<TierDecision>[] = [];
  for (let i = 0; i < chain.length; ) {
    const decided = await run.task({ ...chain[i], decisions: ['approve', 'reject', 'return'] as const });
    if (decided.decision === 'reject') return { result: 'rejected', step: chain[i].step, actor: decided.actor, reason: decided.comment ?? '' };
    if (decided.decision === 'return') {
      if (i === 0) return { result: 'returned', actor: decided.actor, reason: decided.comment ?? '' };
      i -= 1;
      continue;
    }
    decisions.push(decided);
    i += 1;
  }
  return { result: 'approved', decisions };
}

export type LevelDecision = 'approve' | 'reject';
/** A level's task; with its form key as a literal (`F`), the approvals carry that form's typed data. */
export type LevelSpec<F extends string | undefined = string | undefined> = Omit<TaskSpec<LevelDecision, AnyVocabulary, F>, 'decisions'>;

/**
 * Review levels (P8 §43–60, P9): every level must approve in order. A rejection at any level
 * sends the work back to be revised (`revise`, e.g. the team re-uploads the report), and review
 * then restarts at the level that rejected ("直至审核通过").
 */
export async function reviewLevels<F extends string | undefined = string | undefined>(run: CaseRun, levels: LevelSpec<F>[], revise: (rejection: { step: string; actor: string; reason: string }) => Promise<void>): Promise<Decided<LevelDecision, F>[]> {
  const approvals: Decided<LevelDecision, F>[] = [];
  for (let i = 0; i < levels.length; ) {
    const decided = await run.task({ ...levels[i], decisions: ['approve', 'reject'] as const });
    if (decided.decision === 'reject') {
      await revise({ step: levels[i].step, actor: decided.actor, reason: decided.comment ?? '' });
      continue;
    }
    approvals.push(decided);
    i += 1;
  }
  return approvals;
}

// ---------------------------------------------------------------- submit-and-tiers, committee (P4, P4c)

/** Why a submission came back to its submitter, shown on the form (a tier's return, a failed test, a revision). */
export interface Returned {
  step: string;
  by: string;
  reason: string;
}

/** The words a vocabulary must hold for a part: `Words<'decisions', 'submit'>`. */
type Words<K extends keyof Vocabulary, W extends string> = { [P in K]: Readonly<Record<W, Label>> };

export type SubmitWords = Vocabulary & Words<'decisions', 'submit' | TierDecision>;

/** A tier typed by a procedure's vocabulary (its steps, statuses and four-eyes steps). */
export type TypedTierSpec<V extends Vocabulary> = Omit<TaskSpec<TierDecision, V>, 'decisions'>;

export interface SubmitAndTiersSpec<V extends Vocabulary, F extends TaskFormKey> {
  /** The submitter's step (e.g. `proposal`, `notice`) and the business status while it is open. */
  step: StepOf<V>;
  status: StatusOf<V>;
  candidateRoles: RoleRef[];
  /** The form submitted; the part returns its typed data once every tier approved it. */
  form: F;
  /** The inbox title of the first submission and of every later one. */
  titles: { first: string; again: string };
  /** The case's current submission: the form's prefill. */
  current: FormDataOf<F>;
  /** Why the submission is back with the submitter when the part starts, or null. */
  returned: Returned | null;
  /** The case-data key of the problem the check found, shown with the form (e.g. `proposalProblem`). */
  problemKey: string;
  /** Why a submission cannot go on as it stands (the submitter corrects it or abandons the case), or null. */
  check(next: FormDataOf<F>, current: FormDataOf<F>): Promise<string | null>;
  /** The business status once submitted, and what the case records with it. */
  submitted: { status: StatusOf<V>; data(value: FormDataOf<F>): Record<string, unknown> };
  /** The tiers that approve the submission, in order; a return from the first goes back to the submitter. */
  tiers(value: FormDataOf<F>): TypedTierSpec<V>[];
}

/** The submission as it last went to the tiers, and whether they approved it or rejected it (the reason). */
export type SubmitOutcome<F extends TaskFormKey> = { value: FormDataOf<F> } & ({ result: 'approved' } | { result: 'rejected'; rejection: Rejection });

export interface Rejection {
  step: string;
  actor: string;
  reason: string;
}

/**
 * Submit and tiers (P4 §26(一), P4c §30(二)): the submitter fills the form (abandonable), the
 * system checks it — a problem reopens the form with the problem shown — then the tiers approve
 * it in order. A return from the first tier reopens the form with the reason; a rejection ends
 * the part with the reason (the caller ends the case).
 */
export async function submitAndTiers<V extends SubmitWords, F extends TaskFormKey>(run: CaseRun<V>, spec: SubmitAndTiersSpec<V, F>): Promise<SubmitOutcome<F>> {
  let current = spec.current;
  let returned = spec.returned;
  let problem: string | null = null;
  for (;;) {
    const submitted = await run.task({
      status: spec.status,
      step: spec.step,
      title: run.actorsOf(spec.step).length ? spec.titles.again : spec.titles.first,
      candidateRoles: spec.candidateRoles,
      decisions: ['submit'] as const,
      form: spec.form,
      prefill: { ...current },
      caseData: { [spec.problemKey]: problem, returned },
      abandonable: true,
    });
    problem = await spec.check(submitted.data, current);
    if (problem) continue;
    current = submitted.data;
    returned = null;
    await run.setStatus(spec.submitted.status, { ...spec.submitted.data(current), [spec.problemKey]: null, returned: null });
    const chain = spec.tiers(current);
    const outcome = await tiers(run, chain);
    if (outcome.result === 'rejected') return { result: 'rejected', value: current, rejection: { step: outcome.step, actor: outcome.actor, reason: outcome.reason } };
    if (outcome.result === 'approved') return { result: 'approved', value: current };
    returned = { step: chain[0].step, by: outcome.actor, reason: outcome.reason };
  }
}

export type CommitteeWords = Vocabulary &
  Words<'steps', 'committee-review' | CommitteeSignStep> &
  Words<'decisions', CommitteeDecision | 'sign'> &
  Words<'statuses', 'committee-review' | 'committee-signing' | 'committee-decided'>;

export interface CommitteeSpec<F extends TaskFormKey> {
  /** The secretary's inbox title. */
  title: string;
  /** The form the secretary records the meeting's result on. */
  form: F;
  prefill: Record<string, unknown>;
  caseData?: Record<string, unknown>;
}

export interface CommitteeOutcome<F extends TaskFormKey> {
  decision: CommitteeDecision;
  record: Decided<CommitteeDecision, F>;
  signedBy: string[];
  /** Who recorded the result and why: the reason of a rejection, a return or a revision. */
  reason: Rejection & { step: 'committee-review' };
}

/** Records per case: the n-th record's signatures are the step `committee-sign-<n>`. */
const committeeRecords = new WeakMap<object, number>();

/**
 * The review committee (评审委员会, 001 §26(三)(2), §30(三)(2)): the secretary records the meeting's
 * result (approve, return to testing, revise the submission, reject), then members confirm the
 * record by signing (参会人员签字确认) — each a different member, never the secretary who wrote it
 * (four-eyes). A member who finds the record wrong returns it: the secretary records again and
 * signing starts over on the new record. The result takes effect only once signed.
 */
export async function committee<V extends CommitteeWords, F extends TaskFormKey>(run: CaseRun<V>, spec: CommitteeSpec<F>): Promise<CommitteeOutcome<F>> {
  for (;;) {
    const record = await run.task({
      status: 'committee-review',
      step: 'committee-review',
      title: spec.title,
      candidateRoles: ['committee_secretary'],
      decisions: COMMITTEE_DECISIONS,
      reasonRequired: ['revise'],
      form: spec.form,
      prefill: spec.prefill,
      caseData: spec.caseData,
    });
    const records = (committeeRecords.get(run) ?? 0) + 1;
    committeeRecords.set(run, records);
    // Signatures belong to one record: a step of their own, so no member signs the same record twice.
    const step = committeeSignStep(records);
    const signedBy: string[] = [];
    let disputed = false;
    for (let n = 1; n <= PRODUCT_POLICY.committeeSignatures && !disputed; n++) {
      const signature = await run.task({
        status: 'committee-signing',
        step,
        title: `评审委员签字确认评审意见（${n}/${PRODUCT_POLICY.committeeSignatures}）`,
        candidateRoles: ['review_committee'],
        decisions: ['sign', 'return'] as const,
        notBy: ['committee-review', step],
        prefill: { decision: record.decision, reason: record.comment ?? null, record: record.data, recordedBy: record.actor },
      });
      if (signature.decision === 'return') disputed = true;
      else signedBy.push(signature.actor);
    }
    if (disputed) continue;
    await run.setStatus('committee-decided', { committee: { decision: record.decision, reason: record.comment ?? null, recordedBy: record.actor, signedBy } });
    return { decision: record.decision, record, signedBy, reason: { step: 'committee-review', actor: record.actor, reason: record.comment ?? '' } };
  }
}

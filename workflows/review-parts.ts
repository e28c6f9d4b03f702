/**
 * The named review parts every procedure composes (PROCEDURES.md): tiers (P3/P4), review levels
 * (P8/P9), and — as the procedures move here — supervised(), submit-and-tiers and the committee.
 * Written once over the human-task primitive; never copied into a workflow.
 */
import type { DecisionOf, StepOf, Vocabulary } from '../libs/procedures/vocabulary';
import { AnyVocabulary, CaseRun, Decided, TaskSpec } from './case-run';

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

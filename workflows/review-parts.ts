/**
 * The named review parts every procedure composes (PROCEDURES.md): tiers (P3/P4), review levels
 * (P8/P9), and — as the procedures move here — supervised(), submit-and-tiers and the committee.
 * Written once over the human-task primitive; never copied into a workflow.
 */
import { AnyVocabulary, CaseRun, Decided, TaskSpec } from './case-run';

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

/**
 * The one rule of who may decide a task and what a decision needs. Pure, so the API gate
 * (apps/api/src/tasks) and the workflow's own re-check (workflows/case-run.ts) apply the
 * same rule; the web reads the task's `reasonRequired` instead of keeping a copy.
 */
import { holdsAnyRole, RoleGrant, RoleRef } from './roles';

/** What a task says about who may decide it and how (as the projection row and the workflow hold it). */
export interface TaskRule {
  step: string;
  candidateRoles: readonly RoleRef[];
  /** When not empty, only these users (who must also hold a candidate role) may decide. */
  candidateUsers: readonly string[];
  /** Four-eyes: who decided the steps this one must be done apart from. */
  excludedUsers: readonly string[];
  decisions: readonly string[];
  reasonRequired: readonly string[];
}

export interface DecisionAttempt {
  username: string;
  decision: string;
  comment?: string | null;
}

export interface Actor {
  active: boolean;
  roles: readonly RoleGrant[];
}

export type RefusalCode = 'FORBIDDEN' | 'FOUR_EYES' | 'VALIDATION_FAILED';

export interface Violation {
  code: RefusalCode;
  /** The request field at fault, for VALIDATION_FAILED (API.md's `details`). */
  field?: string;
  message: string;
}

/** Decisions that always need a reason, whatever the step says. */
const ALWAYS_NEED_REASON: readonly string[] = ['reject', 'return', 'abandon'];

/** The decisions of a step that need a reason: those it names and those that always do. */
export function reasonRequiredFor(decisions: readonly string[], named: readonly string[] = []): string[] {
  return [...new Set([...named, ...decisions.filter((d) => ALWAYS_NEED_REASON.includes(d))])];
}

/** Whether this person may act on the task at all (claim or decide): role, named users, four-eyes. */
export function actorViolations(rule: TaskRule, username: string, actor: Actor): Violation[] {
  if (!actor.active || !holdsAnyRole(actor.roles, rule.candidateRoles)) {
    return [{ code: 'FORBIDDEN', message: `${username} holds none of the roles ${rule.candidateRoles.join(', ')}` }];
  }
  if (rule.candidateUsers.length > 0 && !rule.candidateUsers.includes(username)) {
    return [{ code: 'FORBIDDEN', message: `only ${rule.candidateUsers.join(', ')} may decide ${rule.step}` }];
  }
  if (rule.excludedUsers.includes(username)) {
    return [{ code: 'FOUR_EYES', message: `four-eyes rule: ${username} already acted on an earlier step of this case; someone else must decide ${rule.step}` }];
  }
  return [];
}

/** Whether the decision itself is complete: one the step offers, a reason where needed, the form valid. */
export function decisionViolations(rule: TaskRule, attempt: DecisionAttempt, formErrors: ReadonlyArray<{ field: string; message: string }> = []): Violation[] {
  const violations: Violation[] = [];
  if (!rule.decisions.includes(attempt.decision)) {
    violations.push({ code: 'VALIDATION_FAILED', field: 'decision', message: `decision must be one of: ${rule.decisions.join(', ')}` });
  }
  if (rule.reasonRequired.includes(attempt.decision) && !attempt.comment?.trim()) {
    violations.push({ code: 'VALIDATION_FAILED', field: 'comment', message: `a reason (comment) is required for ${attempt.decision}` });
  }
  return [...violations, ...formErrors.map((e) => ({ code: 'VALIDATION_FAILED' as const, field: e.field, message: e.message }))];
}

/** One line for the audit log and the history: the first code, every message. */
export function describeViolations(violations: readonly Violation[]): { code: RefusalCode; reason: string } {
  return { code: violations[0].code, reason: violations.map((v) => (v.field ? `${v.field}: ${v.message}` : v.message)).join('; ') };
}

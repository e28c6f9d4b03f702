import type { Me, ProcessType } from './api';

/** The role strings a user holds: `role`, and `role@department` for a scoped role. */
export function roleStrings(me: Me | null | undefined): Set<string> {
  const held = new Set<string>();
  for (const g of me?.roles ?? []) {
    held.add(g.role);
    if (g.department) held.add(`${g.role}@${g.department}`);
  }
  return held;
}

/** Whether the type is startable and the user holds one of its startRoles (`dept_head` matches any department). */
export function canStart(held: Set<string>, pt: ProcessType): boolean {
  return pt.startable !== false && pt.startRoles.some((r) => held.has(r));
}

export const isSupervisor = (held: Set<string>) => held.has('supervisor');
export const isAuditor = (held: Set<string>) => held.has('auditor');
/** Who sees the case list: supervisors read every case, auditors pick cases to replay. */
export const seesCases = (held: Set<string>) => isSupervisor(held) || isAuditor(held);
export const canReplay = seesCases;

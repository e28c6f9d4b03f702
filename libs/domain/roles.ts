/** Role codes of PROCEDURES.md; `dept_head` is scoped to a department. */
export const ROLES = [
  'service_clerk',
  'service_reviewer',
  'it_staff',
  'data_collector',
  'data_manager',
  'dept_head',
  'division_leader',
  'review_committee',
  'committee_secretary',
  'center_head',
  'sysadmin',
  'supervisor_admin',
  'archivist',
  'marketer',
  'cashier',
  'product_developer',
  'product_manager',
  'analyst',
  'supervisor',
  'auditor',
] as const;
export type Role = (typeof ROLES)[number];

export const DEPARTMENTS = ['it', 'product', 'customer_service', 'collection', 'general'] as const;
export type Department = (typeof DEPARTMENTS)[number];

export interface RoleGrant {
  role: Role;
  department?: Department;
}

/**
 * A role reference as it travels on the wire and in the task projection:
 * `service_clerk` (any holder) or `dept_head@it` (holders scoped to that department).
 */
export type RoleRef = Role | `${Role}@${Department}`;

/** Whether a string from outside (a token, a query, a stored row) is a role reference. */
export function isRoleRef(value: string): value is RoleRef {
  const [role, department, extra] = value.split('@');
  return extra === undefined && (ROLES as readonly string[]).includes(role) && (department === undefined || (DEPARTMENTS as readonly string[]).includes(department));
}

export function toRoleRef(grant: RoleGrant): RoleRef {
  return grant.department ? `${grant.role}@${grant.department}` : grant.role;
}

export function parseRoleRef(ref: RoleRef): RoleGrant {
  const [role, department] = ref.split('@');
  return department ? { role: role as Role, department: department as Department } : { role: role as Role };
}

/** Every reference a grant satisfies: `dept_head@it` satisfies both `dept_head@it` and `dept_head`. */
export function refsSatisfiedBy(grants: readonly RoleGrant[]): RoleRef[] {
  const refs = new Set<RoleRef>();
  for (const grant of grants) {
    refs.add(grant.role);
    if (grant.department) refs.add(toRoleRef(grant));
  }
  return [...refs];
}

export function holdsAnyRole(grants: readonly RoleGrant[], candidates: readonly RoleRef[]): boolean {
  const held = new Set(refsSatisfiedBy(grants));
  return candidates.some((candidate) => held.has(candidate));
}

/** The department that answers for a role's overdue work (escalation goes to its dept_head). */
export const RESPONSIBLE_DEPARTMENT: Record<Role, Department> = {
  service_clerk: 'customer_service',
  service_reviewer: 'customer_service',
  marketer: 'customer_service',
  cashier: 'customer_service',
  it_staff: 'it',
  data_manager: 'it',
  sysadmin: 'it',
  supervisor_admin: 'it',
  data_collector: 'collection',
  product_developer: 'product',
  product_manager: 'product',
  analyst: 'product',
  review_committee: 'product',
  committee_secretary: 'product',
  division_leader: 'general',
  center_head: 'general',
  dept_head: 'general',
  archivist: 'general',
  supervisor: 'general',
  auditor: 'general',
};

export function escalationTargetFor(candidates: readonly RoleRef[]): RoleRef {
  const first = parseRoleRef(candidates[0]);
  const department = first.role === 'dept_head' && first.department ? first.department : RESPONSIBLE_DEPARTMENT[first.role];
  // An overdue dept_head task escalates to the center head; everyone else's to their dept_head.
  return first.role === 'dept_head' ? 'center_head' : `dept_head@${department}`;
}

/** PROCEDURES.md: supervisors read every case's history; auditors read and replay everything. */
export function readsAllCases(grants: readonly RoleGrant[]): boolean {
  return grants.some((g) => g.role === 'supervisor' || g.role === 'auditor');
}

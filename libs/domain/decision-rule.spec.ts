import { actorViolations, decisionViolations, reasonRequiredFor, TaskRule } from './decision-rule';

const rule: TaskRule = {
  step: 'confirm',
  candidateRoles: ['service_reviewer', 'dept_head@it'],
  candidateUsers: [],
  excludedUsers: ['alice'],
  decisions: ['confirm', 'reject'],
  reasonRequired: reasonRequiredFor(['confirm', 'reject']),
};
const reviewer = { active: true, roles: [{ role: 'service_reviewer' as const }] };

describe('the decision rule', () => {
  it('needs a candidate role, scoped roles by department', () => {
    expect(actorViolations(rule, 'bob', reviewer)).toEqual([]);
    expect(actorViolations(rule, 'bob', { active: true, roles: [{ role: 'service_clerk' }] })[0].code).toBe('FORBIDDEN');
    expect(actorViolations(rule, 'bob', { active: true, roles: [{ role: 'dept_head', department: 'product' }] })[0].code).toBe('FORBIDDEN');
    expect(actorViolations(rule, 'bob', { active: true, roles: [{ role: 'dept_head', department: 'it' }] })).toEqual([]);
  });

  it('refuses a disabled user even with the role', () => {
    expect(actorViolations(rule, 'bob', { ...reviewer, active: false })[0].code).toBe('FORBIDDEN');
  });

  it('keeps a named step to the named users', () => {
    expect(actorViolations({ ...rule, candidateUsers: ['carol'] }, 'bob', reviewer)[0].code).toBe('FORBIDDEN');
    expect(actorViolations({ ...rule, candidateUsers: ['bob'] }, 'bob', reviewer)).toEqual([]);
  });

  it('refuses whoever did the step this one must be apart from (four-eyes)', () => {
    expect(actorViolations(rule, 'alice', reviewer)).toEqual([expect.objectContaining({ code: 'FOUR_EYES' })]);
  });

  it('allows only offered decisions and asks a reason for reject, return and abandon', () => {
    expect(reasonRequiredFor(['approve', 'return', 'abandon'], ['approve'])).toEqual(['approve', 'return', 'abandon']);
    expect(decisionViolations(rule, { username: 'bob', decision: 'confirm' })).toEqual([]);
    expect(decisionViolations(rule, { username: 'bob', decision: 'approve' }).map((v) => v.field)).toEqual(['decision']);
    expect(decisionViolations(rule, { username: 'bob', decision: 'reject', comment: '  ' }).map((v) => v.field)).toEqual(['comment']);
    expect(decisionViolations(rule, { username: 'bob', decision: 'reject', comment: '材料不全' })).toEqual([]);
  });

  it('carries the form errors as field violations', () => {
    expect(decisionViolations(rule, { username: 'bob', decision: 'confirm' }, [{ field: 'data.x', message: 'x is required' }])).toEqual([
      { code: 'VALIDATION_FAILED', field: 'data.x', message: 'x is required' },
    ]);
  });
});

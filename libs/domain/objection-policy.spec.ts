import { checkStaticAcceptanceRules, OBJECTION_POLICY, proposeDifference, routeByReason } from './objection-policy';

const acceptedAt = new Date('2026-06-15T10:00:00+08:00');

describe('objection policies', () => {
  it('hold the clocks of their sources', () => {
    expect(OBJECTION_POLICY.center).toMatchObject({ overallSla: { workingDays: 20 }, providerDeadline: { days: 20 }, confirmWithin: { workingDays: 2 } });
    expect(OBJECTION_POLICY.company).toMatchObject({ overallSla: { workingDays: 20 }, providerDeadline: { days: 10 }, replyWithin: { workingDays: 7 } });
    expect(OBJECTION_POLICY.municipal).toMatchObject({ overallSla: null, providerDeadline: { workingDays: 10 }, checkWithin: { workingDays: 2 }, replyWithin: { workingDays: 5 }, stopDisclosureWhenProviderOverdue: true, deleteUnverifiable: true });
    expect(OBJECTION_POLICY.zhejiang).toMatchObject({ overallSla: { workingDays: 5 }, routesByReason: true, requiresReason: true });
  });

  const identifierRule = (policy: 'center' | 'company' | 'municipal' | 'zhejiang', itemName: string) =>
    checkStaticAcceptanceRules(OBJECTION_POLICY[policy], { itemName, reportQueriedAt: '2026-06-01T00:00:00Z' }, acceptedAt);

  it('center refuses the identifier items of 000 §33 一(二), in either spelling', () => {
    for (const itemName of ['企业名称', '统一社会信用代码', '工商注册号', '组织机构代码', '组织机构代码号', '文书号', '证书号', '案卷号']) {
      expect(identifierRule('center', itemName)).toMatchObject({ rule: 'identifier-item', article: '000 §33 一(二)' });
    }
    // 000 names no account numbers: an objection to them is heard.
    expect(identifierRule('center', '银行账号')).toBeUndefined();
    expect(identifierRule('center', '行政处罚记录')).toBeUndefined();
  });

  it('company refuses the identifier items of 001 §110 一(二)', () => {
    for (const itemName of ['工商注册号', '组织机构代码', '社保号码', '银行账号', '信用卡号', '案卷号']) {
      expect(identifierRule('company', itemName)).toMatchObject({ rule: 'identifier-item', article: '001 §110 一(二)' });
    }
    expect(identifierRule('company', '企业名称')).toBeUndefined();
    expect(identifierRule('company', '文书号')).toBeUndefined();
  });

  it.each(['municipal', 'zhejiang'] as const)('%s has no identifier rule: a name error is a text error to be heard (003 C.2 b)', (policy) => {
    for (const itemName of ['企业名称', '统一社会信用代码', '组织机构代码']) expect(identifierRule(policy, itemName)).toBeUndefined();
  });

  it('company refuses a report queried more than three months before acceptance, others do not', () => {
    const old = { itemName: '行政处罚记录', reportQueriedAt: '2026-03-14T10:00:00+08:00' };
    const recent = { itemName: '行政处罚记录', reportQueriedAt: '2026-03-16T10:00:00+08:00' };
    expect(checkStaticAcceptanceRules(OBJECTION_POLICY.company, old, acceptedAt)).toMatchObject({ rule: 'report-too-old', article: '001 §110 一(四)' });
    expect(checkStaticAcceptanceRules(OBJECTION_POLICY.company, recent, acceptedAt)).toBeUndefined();
    expect(checkStaticAcceptanceRules(OBJECTION_POLICY.center, old, acceptedAt)).toBeUndefined();
  });

  it('proposes the kind of difference from the two databases and the claim', () => {
    const item = (baseValue: string, creditValue: string, itemName = '注册资本') => ({ itemName, baseValue, creditValue });
    expect(proposeDifference(OBJECTION_POLICY.center, item('500万元', '50万元'), '500万元')).toBe('internal');
    expect(proposeDifference(OBJECTION_POLICY.center, item('50万元', '50万元'), '500万元')).toBe('external');
    expect(proposeDifference(OBJECTION_POLICY.center, item('500万元', '500万元'), '500万元')).toBe('query-time');
    expect(proposeDifference(OBJECTION_POLICY.company, item('x', 'x', '查询记录'), 'y')).toBe('query-record');
    expect(proposeDifference(OBJECTION_POLICY.center, item('x', 'x', '查询记录'), 'y')).toBe('external');
  });

  it('zhejiang routes a and d to the data-source unit, b and c to the service organisation', () => {
    expect(routeByReason('fact')).toBe('source-unit');
    expect(routeByReason('dishonesty-list')).toBe('source-unit');
    expect(routeByReason('text')).toBe('service-organisation');
    expect(routeByReason('expired')).toBe('service-organisation');
  });
});

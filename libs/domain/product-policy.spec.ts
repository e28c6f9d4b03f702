import {
  indicatorDifferences,
  indicatorNoticeProblem,
  IndicatorSnapshot,
  productMaintenancePlan,
  productModificationFor,
  proposalProblem,
  statusChangeProblem,
} from './product-policy';

describe('product maintenance plan (001 §26(四))', () => {
  it('creates and enables a new product; stops, modifies and enables a modified one', () => {
    expect(productMaintenancePlan('new', null)).toEqual(['create', 'enable']);
    expect(productMaintenancePlan('modify', 'enabled')).toEqual(['stop', 'modify', 'enable']);
    expect(productMaintenancePlan('modify', 'stopped')).toEqual(['modify', 'enable']);
  });
});

describe('proposal and notice rules', () => {
  const proposal = { serviceType: 'new' as const, productCode: 'CP-X', indicatorCodes: ['ZB-A'] };
  it('a new product needs a new code, a modification an existing one, and indicators in development', () => {
    const clean = { inProduction: false, inDevelopmentByOtherCase: null, missingIndicators: [] };
    expect(proposalProblem(proposal, clean)).toBeNull();
    expect(proposalProblem(proposal, { ...clean, inProduction: true })).toMatch(/已在生产环境中存在/);
    expect(proposalProblem({ ...proposal, serviceType: 'modify' }, clean)).toMatch(/无法修改/);
    expect(proposalProblem(proposal, { ...clean, inDevelopmentByOtherCase: 'product-approval-1' })).toMatch(/product-approval-1/);
    expect(proposalProblem(proposal, { ...clean, missingIndicators: ['ZB-A'] })).toMatch(/ZB-A/);
  });

  it('stops only an enabled product and enables only a stopped one', () => {
    expect(statusChangeProblem('stop', { status: 'enabled' }, 'CP-X')).toBeNull();
    expect(statusChangeProblem('stop', { status: 'stopped' }, 'CP-X')).toMatch(/无法停用/);
    expect(statusChangeProblem('enable', { status: 'stopped' }, 'CP-X')).toBeNull();
    expect(statusChangeProblem('enable', null, 'CP-X')).toMatch(/没有产品/);
  });

  it('adds only a new indicator, changes only a live one, and needs items except for a deletion', () => {
    const items = [{ name: '项', dataType: 'text' as const }];
    expect(indicatorNoticeProblem({ action: 'add', indicatorCode: 'ZB-A', items }, { development: null, production: null })).toBeNull();
    expect(indicatorNoticeProblem({ action: 'add', indicatorCode: 'ZB-A', items }, { development: 'deleted', production: 'deleted' })).toBeNull();
    expect(indicatorNoticeProblem({ action: 'add', indicatorCode: 'ZB-A', items }, { development: 'active', production: 'active' })).toMatch(/已存在/);
    expect(indicatorNoticeProblem({ action: 'modify', indicatorCode: 'ZB-A', items }, { development: 'active', production: null })).toMatch(/没有有效指标/);
    expect(indicatorNoticeProblem({ action: 'modify', indicatorCode: 'ZB-A', items: [] }, { development: 'active', production: 'active' })).toMatch(/指标项/);
    expect(indicatorNoticeProblem({ action: 'delete', indicatorCode: 'ZB-A' }, { development: 'active', production: 'active' })).toBeNull();
  });
});

describe('products an indicator feeds (001 §30(四)(3))', () => {
  const product = { code: 'CP-X', name: '产品X', productType: 'standard' as const, status: 'enabled' as const, version: 3, definition: { modules: ['基本信息'] }, indicatorCodes: ['ZB-A', 'ZB-B'] };
  it('proposes a modification that keeps the indicators, or drops a deleted one', () => {
    const modify = productModificationFor(product, { action: 'modify', indicatorCode: 'ZB-A', indicatorName: 'A', designIdea: 'x' }, { indicatorCaseId: 'indicator-maintenance-1', designer: 'product_developer_1' });
    expect(modify).toMatchObject({ serviceType: 'modify', productCode: 'CP-X', indicatorCodes: ['ZB-A', 'ZB-B'], modules: ['基本信息'], requestedBy: 'indicator-maintenance-1' });
    const remove = productModificationFor(product, { action: 'delete', indicatorCode: 'ZB-A', indicatorName: 'A', designIdea: 'x' }, { indicatorCaseId: 'c', designer: 'd' });
    expect(remove.indicatorCodes).toEqual(['ZB-B']);
  });
});

describe('development and production are identical (001 §29)', () => {
  const a: IndicatorSnapshot = { code: 'ZB-A', name: 'A', items: [{ name: '项', dataType: 'text' }], status: 'active', version: 2, dataSource: null };
  it('finds no difference between equal catalogues, whatever the key order', () => {
    expect(indicatorDifferences([a], [{ dataSource: null, version: 2, status: 'active', items: [{ dataType: 'text', name: '项' }], name: 'A', code: 'ZB-A' }])).toEqual([]);
  });
  it('names every indicator that differs or exists on one side only', () => {
    const b = { ...a, code: 'ZB-B' };
    expect(indicatorDifferences([a, b], [{ ...a, version: 1 }])).toEqual(['ZB-A: development v2 active ≠ production v1 active', 'ZB-B: only in development']);
    expect(indicatorDifferences([], [a])).toEqual(['ZB-A: only in production']);
  });
});

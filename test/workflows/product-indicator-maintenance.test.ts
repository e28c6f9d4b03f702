/**
 * P4c indicator maintenance on the time-skipping server: when the indicator feeds live products,
 * a P4 product modification runs first as a child case per product and must finish before the
 * indicator is touched; development and production end identical. Also the test loop, each tier's
 * return/reject, the committee's return to testing, and a refused product change.
 */
import { WorkflowHandle } from '@temporalio/client';
import { DataSource } from 'typeorm';
import type { IndicatorNotice } from '../../libs/domain/product-policy';
import { ProcessEntity, TaskEntity } from '../../libs/persistence/entities';
import { IndicatorEntity } from '../../libs/persistence/entities/indicator.entity';
import { ProductTestRunEntity } from '../../libs/persistence/entities/product-test-run.entity';
import { openTestDatabase } from '../support/database';
import {
  changesOf,
  createTestIndicator,
  createTestProduct,
  INDICATOR_REVIEW,
  INDICATOR_TEST_FAILED,
  INDICATOR_TEST_PASSED,
  indicatorRow,
  linksOf,
  MAINTENANCE,
  NOTICE,
  productRow,
  REVIEW,
  settled,
  TEST_PASSED,
  TEST_PLAN,
  uniqueCode,
} from '../support/product-data';
import { decide, eventually, Harness, openTask, startCase, startHarness } from '../support/workflow-harness';

let dataSource: DataSource;
let h: Harness;

beforeAll(async () => {
  dataSource = await openTestDatabase();
  // Monday 2 March 2026: a plain working week.
  h = await startHarness(dataSource, '2026-03-02T09:30:00+08:00');
});
afterAll(async () => {
  await h?.close();
  await dataSource.destroy();
});

const d = (handle: WorkflowHandle, step: string, user: string, decision: string, data: Record<string, unknown> = {}, comment?: string) => decide(h, dataSource, handle, step, user, decision, data, comment);
const caseRow = (processId: string) => dataSource.getRepository(ProcessEntity).findOneByOrFail({ processId });
const now = async () => h.server.env.currentTimeMs();
/** The business status as the case record has it (written together with the data it belongs to). */
const status = async (handle: WorkflowHandle) => (await dataSource.getRepository(ProcessEntity).findOneByOrFail({ processId: handle.workflowId })).businessStatus;
const sleepUntil = async (iso: string) => h.server.env.sleep(Date.parse(iso) - (await now()));
const NEW_ITEMS = [
  { name: '指标项甲', dataType: 'text' },
  { name: '指标项乙', dataType: 'amount', description: '单位：元' },
  { name: '指标项丙', dataType: 'date' },
];

function notice(action: IndicatorNotice['action'], indicatorCode: string): IndicatorNotice {
  return { action, indicatorCode, indicatorName: '测试指标', designIdea: '按数据提供单位新口径调整', dataSource: '测试数据提供单位', noticeNo: `ZBTZ-${indicatorCode}`, ...(action !== 'delete' && { items: NEW_ITEMS as IndicatorNotice['items'] }) };
}

async function start(input: IndicatorNotice): Promise<WorkflowHandle> {
  return startCase(h, dataSource, 'indicatorMaintenanceWorkflow', { processType: 'indicator-maintenance', startedBy: 'product_developer_1', input });
}

async function committee(handle: WorkflowHandle, n: number, decision: string, form: Record<string, unknown>, comment?: string) {
  await d(handle, 'committee-review', 'committee_secretary_1', decision, form, comment);
  await d(handle, `committee-sign-${n}`, 'committee_member_1', 'sign');
  await d(handle, `committee-sign-${n}`, 'committee_member_2', 'sign');
}

/** notice → both tiers → a passing test → committee → gm-sign. */
async function approve(handle: WorkflowHandle, input: IndicatorNotice) {
  await d(handle, 'notice', 'product_developer_1', 'submit', { ...input });
  await d(handle, 'dept-approval', 'product_head', 'approve');
  await d(handle, 'it-approval', 'it_head', 'approve');
  await d(handle, 'test', 'sysadmin_1', 'passed', INDICATOR_TEST_PASSED);
  await committee(handle, 1, 'approve', INDICATOR_REVIEW);
  await d(handle, 'gm-sign', 'center_head', 'approve');
}

/** A product modification child, up to its gm-sign, by the demo users. */
async function approveChild(child: WorkflowHandle) {
  const proposal = await openTask(dataSource, child.workflowId, 'proposal');
  await d(child, 'proposal', 'product_developer_1', 'submit', proposal.prefill);
  await d(child, 'dept-approval', 'product_head', 'approve');
  await d(child, 'it-approval', 'it_head', 'approve');
  await d(child, 'dev-setup', 'product_manager_1', 'done', TEST_PLAN);
  await d(child, 'test-run', 'product_developer_1', 'passed', TEST_PASSED);
  await committee(child, 1, 'approve', { ...REVIEW, reviewType: 'modify' });
  await d(child, 'maintenance-notice', 'product_developer_1', 'submit', NOTICE);
  await d(child, 'gm-sign', 'center_head', 'approve');
}

async function children(handle: WorkflowHandle, count: number): Promise<ProcessEntity[]> {
  return eventually(async () => {
    const rows = await dataSource.getRepository(ProcessEntity).find({ where: { parentId: handle.workflowId }, order: { processId: 'ASC' } });
    return rows.length === count ? rows : undefined;
  }, `${count} child cases`);
}

const childHandle = (processId: string) => h.server.env.client.workflow.getHandle(processId);

async function archive(handle: WorkflowHandle) {
  await d(handle, 'archive', 'archivist_1', 'filed', { receiptNo: `DA-${handle.workflowId.slice(-6)}` });
}

it('modify: the two products the indicator feeds are modified first, as child cases that finish before the indicator changes; then development and production are identical', async () => {
  const indicator = await createTestIndicator(dataSource);
  const other = await createTestIndicator(dataSource, '其他指标');
  const productA = await createTestProduct(dataSource, [indicator, other], '测试产品甲');
  const productB = await createTestProduct(dataSource, [indicator], '测试产品乙');
  const input = notice('modify', indicator);
  const handle = await start(input);

  // The test loop: a failed test goes back to the developer with the result, and through the tiers again.
  await d(handle, 'notice', 'product_developer_1', 'submit', { ...input });
  await d(handle, 'dept-approval', 'product_head', 'approve');
  await d(handle, 'it-approval', 'it_head', 'approve');
  await d(handle, 'test', 'sysadmin_1', 'failed', INDICATOR_TEST_FAILED);
  expect(await openTask(dataSource, handle.workflowId, 'notice')).toMatchObject({ round: 2, title: '修改指标维护通知单' });
  expect((await caseRow(handle.workflowId)).data).toMatchObject({ returned: { step: 'test', by: 'sysadmin_1', reason: INDICATOR_TEST_FAILED.testResult } });
  await d(handle, 'notice', 'product_developer_1', 'submit', { ...input, designIdea: '修正指标项乙取数口径' });
  await d(handle, 'dept-approval', 'product_head', 'approve');
  await d(handle, 'it-approval', 'it_head', 'approve');
  await d(handle, 'test', 'sysadmin_1', 'passed', INDICATOR_TEST_PASSED);
  await committee(handle, 1, 'approve', INDICATOR_REVIEW);
  await d(handle, 'gm-sign', 'center_head', 'approve');
  const tests = await dataSource.getRepository(ProductTestRunEntity).find({ where: { processId: handle.workflowId }, order: { round: 'ASC' } });
  expect(tests.map((t) => [t.subject, t.code, t.round, t.result, t.testedBy])).toEqual([
    ['indicator', indicator, 1, 'failed', 'sysadmin_1'],
    ['indicator', indicator, 2, 'passed', 'sysadmin_1'],
  ]);

  // One P4 modification per product, linked to this case, prefilled for the applicant.
  const both = await children(handle, 2);
  const childA = both.find((c) => c.processId.endsWith(`.product-${productA}`))!;
  const childB = both.find((c) => c.processId.endsWith(`.product-${productB}`))!;
  expect(childA).toMatchObject({ processId: `${handle.workflowId}.product-${productA}`, processType: 'product-approval', parentId: handle.workflowId, startedBy: 'product_developer_1', title: '因指标维护修改产品 测试产品甲（' + productA + '）' });
  expect(await status(handle)).toBe('awaiting-product-maintenance');
  const proposalA = await openTask(dataSource, childA.processId, 'proposal');
  expect(proposalA).toMatchObject({ rootProcessId: handle.workflowId, prefill: { serviceType: 'modify', productCode: productA, indicatorCodes: [indicator, other], requestedBy: handle.workflowId } });

  await approveChild(childHandle(childA.processId));
  await approveChild(childHandle(childB.processId));
  // Both product changes happen in the evening window of Monday 2 March.
  await sleepUntil('2026-03-02T17:31:00+08:00');
  await d(childHandle(childA.processId), 'maintenance', 'sysadmin_1', 'done', MAINTENANCE);
  await d(childHandle(childB.processId), 'maintenance', 'sysadmin_1', 'done', MAINTENANCE);
  await eventually(async () => (await productRow(dataSource, 'production', productA))?.version === 2 && (await productRow(dataSource, 'production', productB))?.version === 2, 'products modified');
  expect(await changesOf(dataSource, childA.processId, productA)).toEqual([
    ['development', 'set-up'],
    ['production', 'stop'],
    ['production', 'modify'],
    ['production', 'enable'],
  ]);

  // The children still have their department notice (Wed 4 March) and archive ahead: the indicator waits.
  await sleepUntil('2026-03-04T08:00:00+08:00');
  expect(await indicatorRow(dataSource, 'development', indicator)).toMatchObject({ version: 1 });
  expect(await indicatorRow(dataSource, 'production', indicator)).toMatchObject({ version: 1 });
  expect(await dataSource.getRepository(TaskEntity).countBy({ processId: handle.workflowId, step: 'maintenance' })).toBe(0);
  await sleepUntil('2026-03-04T09:01:00+08:00');
  await archive(childHandle(childA.processId));
  await archive(childHandle(childB.processId));
  const doneA = await eventually(async () => ((await caseRow(childA.processId)).outcome === 'modified' ? caseRow(childA.processId) : undefined), 'child A finished');
  const doneB = await eventually(async () => ((await caseRow(childB.processId)).outcome === 'modified' ? caseRow(childB.processId) : undefined), 'child B finished');

  // Now the indicator: finished at 09:01, so it waits for the evening window of Wednesday 4 March.
  await eventually(async () => (await status(handle)) === 'awaiting-maintenance-window', 'indicator waiting for the window');
  expect((await caseRow(handle.workflowId)).data).toMatchObject({ maintenanceWindowAt: new Date('2026-03-04T17:30:00+08:00').toISOString(), productChanges: expect.arrayContaining([expect.objectContaining({ productCode: productA, outcome: 'modified' }), expect.objectContaining({ productCode: productB, outcome: 'modified' })]) });
  await sleepUntil('2026-03-04T17:31:00+08:00');
  const maintenance = await openTask(dataSource, handle.workflowId, 'maintenance');
  expect(maintenance.createdAt.getTime()).toBeGreaterThan(Math.max(doneA.closedAt!.getTime(), doneB.closedAt!.getTime()));
  await d(handle, 'maintenance', 'sysadmin_1', 'done', MAINTENANCE);

  const changed = await eventually(async () => {
    const row = await indicatorRow(dataSource, 'production', indicator);
    return row?.version === 2 ? row : undefined;
  }, 'indicator promoted');
  const development = (await indicatorRow(dataSource, 'development', indicator))!;
  expect(development).toMatchObject({ version: 2, items: NEW_ITEMS, status: 'active' });
  expect(changed).toMatchObject({ version: 2, items: NEW_ITEMS, status: 'active', name: development.name, dataSource: development.dataSource });
  expect(development.changedAt!.getTime()).toBeGreaterThan(Math.max(doneA.closedAt!.getTime(), doneB.closedAt!.getTime()));
  expect(await changesOf(dataSource, handle.workflowId, indicator)).toEqual([
    ['development', 'modify'],
    ['production', 'promote'],
  ]);
  // Every indicator and item, not only this one, is the same in both environments.
  const all = await dataSource.getRepository(IndicatorEntity).find();
  const pick = (env: string) => all.filter((i) => i.environment === env).map(({ code, name, items, status: s, version, dataSource: source }) => ({ code, name, items, status: s, version, source })).sort((a, b) => a.code.localeCompare(b.code));
  expect(pick('production')).toEqual(pick('development'));
  const recorded = await eventually(async () => (await caseRow(handle.workflowId)).data.maintenance as Record<string, unknown> | undefined, 'maintenance recorded');
  expect(recorded).toMatchObject({ identical: true, version: 2, promoted: expect.arrayContaining([indicator]) });

  // The history says the same: both children completed before the indicator activity was scheduled.
  const events = (await handle.fetchHistory()).events ?? [];
  const lastChild = events.map((e, i) => (e.childWorkflowExecutionCompletedEventAttributes ? i : -1)).reduce((a, b) => Math.max(a, b));
  const apply = events.findIndex((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'applyIndicatorChangeInDevelopment');
  expect(lastChild).toBeGreaterThan(0);
  expect(apply).toBeGreaterThan(lastChild);

  // Departments are told on the 2nd working day after Wednesday: Friday 6 March.
  await eventually(async () => (await status(handle)) === 'awaiting-notification-day', 'notification day');
  expect((await caseRow(handle.workflowId)).data).toMatchObject({ notifyDepartmentsAt: new Date('2026-03-06T09:00:00+08:00').toISOString() });
  await sleepUntil('2026-03-06T09:01:00+08:00');
  await archive(handle);
  expect(await settled(h, handle)).toMatchObject({ outcome: 'modified', data: { indicatorCode: indicator, identical: true } });
});

it('delete: the product modification drops the indicator first; then it is deleted in both environments and nothing links to it', async () => {
  // Friday 6 March 2026, about 09:02.
  const indicator = await createTestIndicator(dataSource);
  const kept = await createTestIndicator(dataSource, '保留指标');
  const product = await createTestProduct(dataSource, [indicator, kept]);
  const handle = await start(notice('delete', indicator));
  await approve(handle, notice('delete', indicator));
  const [child] = await children(handle, 1);
  expect((await openTask(dataSource, child.processId, 'proposal')).prefill).toMatchObject({ indicatorCodes: [kept] });
  await approveChild(childHandle(child.processId));
  await sleepUntil('2026-03-06T17:31:00+08:00');
  await d(childHandle(child.processId), 'maintenance', 'sysadmin_1', 'done', MAINTENANCE);
  // The child's notice day is Tuesday 10 March; the indicator is still there until the child is filed.
  await sleepUntil('2026-03-10T09:01:00+08:00');
  expect(await linksOf(dataSource, 'production', product)).toEqual([kept]);
  expect(await indicatorRow(dataSource, 'production', indicator)).toMatchObject({ status: 'active' });
  await archive(childHandle(child.processId));
  await eventually(async () => (await status(handle)) === 'awaiting-maintenance-window', 'indicator waiting for the window');
  await sleepUntil('2026-03-10T17:31:00+08:00');
  await d(handle, 'maintenance', 'sysadmin_1', 'done', MAINTENANCE);
  await eventually(async () => (await indicatorRow(dataSource, 'production', indicator))?.status === 'deleted', 'indicator deleted in production');
  expect(await indicatorRow(dataSource, 'development', indicator)).toMatchObject({ status: 'deleted', version: 2 });
  expect(await indicatorRow(dataSource, 'production', indicator)).toMatchObject({ status: 'deleted', version: 2 });
  expect(await linksOf(dataSource, 'development', product)).toEqual([kept]);
  await sleepUntil('2026-03-12T09:01:00+08:00');
  await archive(handle);
  expect(await settled(h, handle)).toMatchObject({ outcome: 'deleted', data: { productChanges: [{ productCode: product, outcome: 'modified' }] } });
});

it('add: no product to change; dept-approval returns, the committee returns to testing, gm-sign returns to the committee; then added in both environments', async () => {
  const code = uniqueCode('ZB');
  const input = { ...notice('add', code), indicatorName: '新增测试指标' };
  const handle = await start(input);
  await d(handle, 'notice', 'product_developer_1', 'submit', { ...input });
  await d(handle, 'dept-approval', 'product_head', 'return', {}, '请写明数据提供单位');
  await d(handle, 'notice', 'product_developer_1', 'submit', { ...input, dataSource: '市市场监督管理局' });
  await d(handle, 'dept-approval', 'product_head', 'approve');
  await d(handle, 'it-approval', 'it_head', 'approve');
  await d(handle, 'test', 'sysadmin_1', 'passed', INDICATOR_TEST_PASSED);
  await committee(handle, 1, 'return', INDICATOR_REVIEW, '请补充异常数据测试');
  expect(await openTask(dataSource, handle.workflowId, 'test')).toMatchObject({ round: 2 });
  await d(handle, 'test', 'sysadmin_1', 'passed', INDICATOR_TEST_PASSED);
  await committee(handle, 2, 'approve', INDICATOR_REVIEW);
  await d(handle, 'gm-sign', 'center_head', 'return', {}, '请评审委说明指标用途');
  await committee(handle, 3, 'approve', { ...INDICATOR_REVIEW, opinion: '用于标准报告扩展，同意增加' });
  await d(handle, 'gm-sign', 'center_head', 'approve');
  await eventually(async () => ['awaiting-maintenance-window', 'maintenance'].includes(await status(handle)), 'maintenance');
  expect(await dataSource.getRepository(ProcessEntity).countBy({ parentId: handle.workflowId })).toBe(0);
  const window = (await caseRow(handle.workflowId)).data.maintenanceWindowAt as string | undefined;
  if (window) await sleepUntil(new Date(Date.parse(window) + 60_000).toISOString());
  await d(handle, 'maintenance', 'sysadmin_1', 'done', MAINTENANCE);
  await eventually(() => indicatorRow(dataSource, 'production', code), 'indicator in production');
  expect(await indicatorRow(dataSource, 'development', code)).toMatchObject({ name: '新增测试指标', version: 1, status: 'active', dataSource: '市市场监督管理局' });
  expect(await indicatorRow(dataSource, 'production', code)).toMatchObject({ name: '新增测试指标', version: 1, status: 'active', items: NEW_ITEMS, dataSource: '市市场监督管理局' });
  const notifyAt = await eventually(async () => (await caseRow(handle.workflowId)).data.notifyDepartmentsAt as string | undefined, 'notification day');
  await sleepUntil(new Date(Date.parse(notifyAt) + 60_000).toISOString());
  await archive(handle);
  expect(await settled(h, handle)).toMatchObject({ outcome: 'added', data: { productChanges: [] } });
});

it.each([
  ['dept-approval', 'product_head'],
  ['it-approval', 'it_head'],
  ['committee-review', 'committee_secretary_1'],
  ['gm-sign', 'center_head'],
])('%s rejects: the case ends with the reason and the indicator is untouched', async (step, actor) => {
  const indicator = await createTestIndicator(dataSource);
  const handle = await start(notice('modify', indicator));
  await d(handle, 'notice', 'product_developer_1', 'submit', { ...notice('modify', indicator) });
  if (step === 'dept-approval') await d(handle, step, actor, 'reject', {}, '不予维护');
  else if (step === 'it-approval') {
    await d(handle, 'dept-approval', 'product_head', 'approve');
    await d(handle, step, actor, 'reject', {}, '不予维护');
  } else {
    await d(handle, 'dept-approval', 'product_head', 'approve');
    await d(handle, 'it-approval', 'it_head', 'approve');
    await d(handle, 'test', 'sysadmin_1', 'passed', INDICATOR_TEST_PASSED);
    if (step === 'committee-review') await committee(handle, 1, 'reject', INDICATOR_REVIEW, '不予维护');
    else {
      await committee(handle, 1, 'approve', INDICATOR_REVIEW);
      await d(handle, step, actor, 'reject', {}, '不予维护');
    }
  }
  await archive(handle);
  expect(await settled(h, handle)).toMatchObject({ outcome: 'rejected', data: { rejection: { step, actor, reason: '不予维护' } } });
  expect(await indicatorRow(dataSource, 'development', indicator)).toMatchObject({ version: 1, lastProcessId: null });
});

it('a product modification the product head rejects stops the indicator change: the case ends product-maintenance-refused', async () => {
  const indicator = await createTestIndicator(dataSource);
  const product = await createTestProduct(dataSource, [indicator]);
  const handle = await start(notice('modify', indicator));
  await approve(handle, notice('modify', indicator));
  const [child] = await children(handle, 1);
  const c = childHandle(child.processId);
  await d(c, 'proposal', 'product_developer_1', 'submit', (await openTask(dataSource, child.processId, 'proposal')).prefill);
  await d(c, 'dept-approval', 'product_head', 'reject', {}, '该产品即将停用，不再修改');
  await archive(c);
  await eventually(async () => (await status(handle)) === 'archiving', 'parent archiving');
  expect((await caseRow(handle.workflowId)).data).toMatchObject({ productChanges: [{ productCode: product, outcome: 'rejected' }] });
  await archive(handle);
  expect(await settled(h, handle)).toMatchObject({ outcome: 'product-maintenance-refused' });
  expect(await indicatorRow(dataSource, 'production', indicator)).toMatchObject({ version: 1, items: expect.any(Array), lastProcessId: null });
  expect(await productRow(dataSource, 'production', product)).toMatchObject({ version: 1 });
});

it('it-approval returns one tier; the committee sends the notice back to be revised; the developer abandons the case with a reason', async () => {
  const indicator = await createTestIndicator(dataSource);
  const input = notice('modify', indicator);
  const handle = await start(input);
  await d(handle, 'notice', 'product_developer_1', 'submit', { ...input });
  await d(handle, 'dept-approval', 'product_head', 'approve');
  await d(handle, 'it-approval', 'it_head', 'return', {}, '请产品部确认影响范围');
  expect(await openTask(dataSource, handle.workflowId, 'dept-approval')).toMatchObject({ round: 2 });
  await d(handle, 'dept-approval', 'product_head', 'approve');
  await d(handle, 'it-approval', 'it_head', 'approve');
  await d(handle, 'test', 'sysadmin_1', 'passed', INDICATOR_TEST_PASSED);
  await committee(handle, 1, 'revise', INDICATOR_REVIEW, '指标口径应与国家标准一致');
  const revise = await openTask(dataSource, handle.workflowId, 'notice');
  expect(revise.round).toBe(2);
  expect((await caseRow(handle.workflowId)).data).toMatchObject({ returned: { step: 'committee-review', by: 'committee_secretary_1', reason: '指标口径应与国家标准一致' } });
  await d(handle, 'notice', 'product_developer_1', 'abandon', revise.prefill, '国家标准尚未发布，暂缓维护');
  expect(await settled(h, handle)).toMatchObject({ outcome: 'abandoned', data: { abandonment: { step: 'notice', by: 'product_developer_1', reason: '国家标准尚未发布，暂缓维护' } } });
  expect(await indicatorRow(dataSource, 'development', indicator)).toMatchObject({ version: 1, lastProcessId: null });
});

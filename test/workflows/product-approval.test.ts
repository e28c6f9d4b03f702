/**
 * P4 product approval on the time-skipping server, at real calendar dates: every tier's
 * approve / reject / return, the test-run loop, the committee (secretary records, members sign,
 * four-eyes), abandonment, the maintenance window (gm-sign during business hours → the change at
 * 17:30, not before) and the department notice on the 2nd working day across National Day 2025.
 */
import { WorkflowHandle } from '@temporalio/client';
import { decisionSignal } from '../../libs/contracts/workflow-contract';
import type { ProductProposal } from '../../libs/domain/product-policy';
import { AuditLogEntity, NoticeEntity, ProcessEntity, TaskEntity } from '../../libs/persistence/entities';
import { ProductTestRunEntity } from '../../libs/persistence/entities/product-test-run.entity';
import {
  changesOf,
  createTestIndicator,
  createTestProduct,
  linksOf,
  MAINTENANCE,
  NOTICE,
  productRow,
  proposal,
  REVIEW,
  TEST_FAILED,
  TEST_PASSED,
  TEST_PLAN,
  settled,
  uniqueCode,
} from '../support/product-data';
import { decide, eventually, openTask, startCase, useWorkflowTests } from '../support/workflow-harness';

const t = useWorkflowTests({ keepHarness: true });

async function useHarness(initialTime: string): Promise<void> {
  await t.start(initialTime);
}

const d = (handle: WorkflowHandle, step: string, user: string, decision: string, data: Record<string, unknown> = {}, comment?: string) => decide(t.h, t.dataSource, handle, step, user, decision, data, comment);
const caseRow = (handle: WorkflowHandle) => t.dataSource.getRepository(ProcessEntity).findOneByOrFail({ processId: handle.workflowId });
const now = async () => t.h.server.env.currentTimeMs();
/** The business status as the case record has it (written together with the data it belongs to). */
const status = async (handle: WorkflowHandle) => (await t.dataSource.getRepository(ProcessEntity).findOneByOrFail({ processId: handle.workflowId })).businessStatus;
const taskRows = (handle: WorkflowHandle, step: string) => t.dataSource.getRepository(TaskEntity).find({ where: { processId: handle.workflowId, step }, order: { round: 'ASC' } });

async function start(input: ProductProposal): Promise<WorkflowHandle> {
  return startCase(t.h, t.dataSource, 'productApprovalWorkflow', { processType: 'product-approval', startedBy: 'product_developer_1', input });
}

async function newProposal(overrides: Partial<ProductProposal> = {}): Promise<ProductProposal> {
  const indicator = await createTestIndicator(t.dataSource);
  return proposal({ productCode: uniqueCode('CP'), indicatorCodes: [indicator], ...overrides });
}

/** proposal → both tiers approve → dev-setup → one passing test run. */
async function toCommittee(handle: WorkflowHandle, input: ProductProposal): Promise<void> {
  await d(handle, 'proposal', 'product_developer_1', 'submit', { ...input });
  await d(handle, 'dept-approval', 'product_head', 'approve');
  await d(handle, 'it-approval', 'it_head', 'approve');
  await d(handle, 'dev-setup', 'product_manager_1', 'done', TEST_PLAN);
  await d(handle, 'test-run', 'product_developer_1', 'passed', TEST_PASSED);
}

/** The secretary records the committee's decision on record `n`; two members sign it. */
async function committee(handle: WorkflowHandle, n: number, decision: string, comment?: string): Promise<void> {
  await d(handle, 'committee-review', 'committee_secretary_1', decision, REVIEW, comment);
  await d(handle, `committee-sign-${n}`, 'committee_member_1', 'sign');
  await d(handle, `committee-sign-${n}`, 'committee_member_2', 'sign');
}

async function toGmSign(handle: WorkflowHandle, input: ProductProposal): Promise<void> {
  await toCommittee(handle, input);
  await committee(handle, 1, 'approve');
  await d(handle, 'maintenance-notice', 'product_developer_1', 'submit', NOTICE);
}

async function archived(handle: WorkflowHandle, outcome: string) {
  await d(handle, 'archive', 'archivist_1', 'filed', { receiptNo: `DA-${handle.workflowId.slice(-6)}` });
  const result = await settled(t.h, handle);
  expect(result).toMatchObject({ outcome });
  return result;
}

describe('P4 tiers, tests and the committee', () => {
  beforeAll(async () => {
    await useHarness('2026-03-02T09:30:00+08:00');
  });

  it('dept-approval returns the proposal to the developer, then rejects it: the case ends with the reason', async () => {
    const input = await newProposal();
    const handle = await start(input);
    const first = await d(handle, 'proposal', 'product_developer_1', 'submit', { ...input });
    expect(first.prefill).toMatchObject({ productCode: input.productCode, serviceType: 'new' });
    await d(handle, 'dept-approval', 'product_head', 'return', {}, '市场调查报告太简略');
    const revise = await openTask(t.dataSource, handle.workflowId, 'proposal');
    expect(revise).toMatchObject({ round: 2, title: '修改征信产品立项书' });
    expect((await caseRow(handle)).data).toMatchObject({ returned: { step: 'dept-approval', by: 'product_head', reason: '市场调查报告太简略' } });
    await d(handle, 'proposal', 'product_developer_1', 'submit', { ...input, surveyReport: '补充：另走访8家担保公司' });
    await d(handle, 'dept-approval', 'product_head', 'reject', {}, '与现有标准报告重复');
    await archived(handle, 'rejected');
    expect((await caseRow(handle)).data).toMatchObject({ rejection: { step: 'dept-approval', actor: 'product_head', reason: '与现有标准报告重复' }, proposal: { surveyReport: '补充：另走访8家担保公司' } });
    expect(await productRow(t.dataSource, 'development', input.productCode)).toBeNull();
  });

  it('it-approval returns one tier to dept-approval, then rejects: the case ends with the reason', async () => {
    const input = await newProposal();
    const handle = await start(input);
    await d(handle, 'proposal', 'product_developer_1', 'submit', { ...input });
    await d(handle, 'dept-approval', 'product_head', 'approve');
    await d(handle, 'it-approval', 'it_head', 'return', {}, '请部门先确认数据来源');
    expect(await openTask(t.dataSource, handle.workflowId, 'dept-approval')).toMatchObject({ round: 2 });
    await d(handle, 'dept-approval', 'product_head', 'approve');
    await d(handle, 'it-approval', 'it_head', 'reject', {}, '系统暂不支持HTML输出');
    await archived(handle, 'rejected');
    expect((await caseRow(handle)).data).toMatchObject({ rejection: { step: 'it-approval', actor: 'it_head', reason: '系统暂不支持HTML输出' } });
    expect((await taskRows(handle, 'proposal')).length).toBe(1);
  });

  it('tests until a run passes; the committee returns to testing and sends the proposal back; members sign, the secretary may not; a rejection ends the case and clears development', async () => {
    const input = await newProposal();
    const handle = await start(input);
    await d(handle, 'proposal', 'product_developer_1', 'submit', { ...input });
    await d(handle, 'dept-approval', 'product_head', 'approve');
    await d(handle, 'it-approval', 'it_head', 'approve');
    await d(handle, 'dev-setup', 'product_manager_1', 'done', TEST_PLAN);
    await openTask(t.dataSource, handle.workflowId, 'test-run');
    expect(await productRow(t.dataSource, 'development', input.productCode)).toMatchObject({ status: 'in-test', version: 1, lastProcessId: handle.workflowId });
    expect(await linksOf(t.dataSource, 'development', input.productCode)).toEqual(input.indicatorCodes);
    expect(await productRow(t.dataSource, 'production', input.productCode)).toBeNull();

    // The test-run loop: a failed run is recorded and the test is run again.
    await d(handle, 'test-run', 'product_developer_1', 'failed', TEST_FAILED);
    expect(await openTask(t.dataSource, handle.workflowId, 'test-run')).toMatchObject({ round: 2, title: '产品测试（第2次），填写产品测试报告' });
    await d(handle, 'test-run', 'product_developer_1', 'passed', TEST_PASSED);

    // Committee: back to testing; the record is signed by two members first.
    await committee(handle, 1, 'return', '请补充边界数据测试');
    await d(handle, 'test-run', 'product_developer_1', 'passed', TEST_PASSED);

    // Committee: back to the proposal; everything runs again, development is set up again (version 2).
    await committee(handle, 2, 'revise', '产品定位需调整为深度报告');
    expect(await openTask(t.dataSource, handle.workflowId, 'proposal')).toMatchObject({ round: 2 });
    await toCommitteeAgain();
    async function toCommitteeAgain() {
      await d(handle, 'proposal', 'product_developer_1', 'submit', { ...input, productType: 'deep' });
      await d(handle, 'dept-approval', 'product_head', 'approve');
      await d(handle, 'it-approval', 'it_head', 'approve');
      await d(handle, 'dev-setup', 'product_manager_1', 'done', TEST_PLAN);
      await d(handle, 'test-run', 'product_developer_1', 'passed', TEST_PASSED);
    }
    expect(await productRow(t.dataSource, 'development', input.productCode)).toMatchObject({ status: 'in-test', version: 2, productType: 'deep' });

    // The secretary records approval, then tries to sign the own record: refused (four-eyes), recorded.
    await d(handle, 'committee-review', 'committee_secretary_1', 'approve', REVIEW);
    const sign = await openTask(t.dataSource, handle.workflowId, 'committee-sign-3');
    expect(sign.excludedUsers).toEqual(['committee_secretary_1']);
    await handle.signal(decisionSignal, { taskId: sign.taskId, username: 'committee_secretary_1', decision: 'sign', data: {}, decidedAt: new Date(await now()).toISOString() });
    const refusal = await eventually(() => t.dataSource.getRepository(AuditLogEntity).findOneBy({ taskId: sign.taskId, action: 'refusal' }), 'four-eyes refusal');
    expect(refusal.detail).toMatchObject({ by: 'workflow', code: 'FOUR_EYES' });
    // A member disputes the record: the secretary records again; the member who signed may not sign twice.
    await d(handle, 'committee-sign-3', 'committee_member_1', 'sign');
    const second = await openTask(t.dataSource, handle.workflowId, 'committee-sign-3');
    expect(second.excludedUsers.sort()).toEqual(['committee_member_1', 'committee_secretary_1']);
    await d(handle, 'committee-sign-3', 'committee_member_2', 'return', {}, '记录未载明数据来源风险');
    await committee(handle, 4, 'reject', '数据来源存在合规风险');
    await archived(handle, 'rejected');

    const data = (await caseRow(handle)).data;
    expect(data).toMatchObject({ rejection: { step: 'committee-review', actor: 'committee_secretary_1', reason: '数据来源存在合规风险' }, committee: { decision: 'reject', signedBy: ['committee_member_1', 'committee_member_2'] } });
    const runs = await t.dataSource.getRepository(ProductTestRunEntity).find({ where: { processId: handle.workflowId }, order: { round: 'ASC' } });
    expect(runs.map((r) => [r.round, r.result, r.testedBy])).toEqual([
      [1, 'failed', 'product_developer_1'],
      [2, 'passed', 'product_developer_1'],
      [3, 'passed', 'product_developer_1'],
      [4, 'passed', 'product_developer_1'],
    ]);
    expect(runs[0].report).toMatchObject({ testResult: TEST_FAILED.testResult });
    // A new product that was not approved leaves nothing behind in development.
    expect(await productRow(t.dataSource, 'development', input.productCode)).toBeNull();
    expect(await changesOf(t.dataSource, handle.workflowId, input.productCode)).toEqual([
      ['development', 'set-up'],
      ['development', 'set-up'],
      ['development', 'discard'],
    ]);
  });

  it('gm-sign returns the maintenance notice, then rejects: a modification is undone in development', async () => {
    const indicator = await createTestIndicator(t.dataSource);
    const code = await createTestProduct(t.dataSource, [indicator]);
    const input = proposal({ serviceType: 'modify', productCode: code, indicatorCodes: [indicator], productName: '测试产品（修订）' });
    const handle = await start(input);
    await toGmSign(handle, input);
    expect(await productRow(t.dataSource, 'development', code)).toMatchObject({ version: 2, status: 'in-test', name: '测试产品（修订）' });
    const gm = await openTask(t.dataSource, handle.workflowId, 'gm-sign');
    expect(gm.prefill).toMatchObject({ maintenanceType: 'modify', noticeNo: NOTICE.noticeNo, productCode: code });
    await d(handle, 'gm-sign', 'center_head', 'return', {}, '通知单缺少DOC格式');
    expect(await openTask(t.dataSource, handle.workflowId, 'maintenance-notice')).toMatchObject({ round: 2, prefill: { noticeNo: NOTICE.noticeNo } });
    await d(handle, 'maintenance-notice', 'product_developer_1', 'submit', { ...NOTICE, outputFormats: ['PDF', 'DOC'] });
    await d(handle, 'gm-sign', 'center_head', 'reject', {}, '暂缓修改');
    await archived(handle, 'rejected');
    expect((await caseRow(handle)).data).toMatchObject({ rejection: { step: 'gm-sign', actor: 'center_head', reason: '暂缓修改' } });
    // Development is what production has again; production was never touched.
    expect(await productRow(t.dataSource, 'development', code)).toMatchObject({ version: 1, status: 'enabled', name: '测试产品' });
    expect(await productRow(t.dataSource, 'production', code)).toMatchObject({ version: 1, status: 'enabled', name: '测试产品', lastProcessId: null });
  });

  it('keeps a proposal that cannot go on at the proposal step, and ends only by a decision with a reason', async () => {
    const indicator = await createTestIndicator(t.dataSource);
    const existing = await createTestProduct(t.dataSource, [indicator]);
    const input = proposal({ productCode: existing, indicatorCodes: [indicator] });
    const handle = await start(input);
    await d(handle, 'proposal', 'product_developer_1', 'submit', { ...input });
    const again = await openTask(t.dataSource, handle.workflowId, 'proposal');
    expect(again.round).toBe(2);
    expect((await caseRow(handle)).data.proposalProblem).toMatch(/已在生产环境中存在/);
    expect(again.decisions).toEqual(['submit', 'abandon']);
    expect(again.reasonRequired).toContain('abandon');
    // The form comes prefilled with the proposal; abandoning sends it back as it stands, with the reason.
    await d(handle, 'proposal', 'product_developer_1', 'abandon', again.prefill, '应改为产品修改，另行立项');
    expect(await settled(t.h, handle)).toMatchObject({ outcome: 'abandoned', data: { abandonment: { step: 'proposal', by: 'product_developer_1', reason: '应改为产品修改，另行立项' } } });
  });

  it('abandons at a test run with a reason and clears the set-up from development', async () => {
    const input = await newProposal();
    const handle = await start(input);
    await d(handle, 'proposal', 'product_developer_1', 'submit', { ...input });
    await d(handle, 'dept-approval', 'product_head', 'approve');
    await d(handle, 'it-approval', 'it_head', 'approve');
    await d(handle, 'dev-setup', 'product_manager_1', 'done', TEST_PLAN);
    await d(handle, 'test-run', 'product_developer_1', 'failed', TEST_FAILED);
    await d(handle, 'test-run', 'product_developer_1', 'abandon', { ...TEST_FAILED, testResult: '数据源停止供数' }, '数据源停止供数，产品无法实现');
    expect(await settled(t.h, handle)).toMatchObject({ outcome: 'abandoned' });
    expect((await caseRow(handle)).data).toMatchObject({ abandonment: { step: 'test-run', reason: '数据源停止供数，产品无法实现' } });
    expect(await productRow(t.dataSource, 'development', input.productCode)).toBeNull();
  });
});

describe('P4 maintenance window and department notice', () => {
  it('new product: signed at ~09:30 on Tue 30 Sep 2025 → maintained at 17:30 that day, not before; departments told on Fri 10 Oct 09:00, after National Day', async () => {
    await useHarness('2025-09-30T09:30:00+08:00');
    const input = await newProposal();
    const handle = await start(input);
    await toGmSign(handle, input);
    await d(handle, 'gm-sign', 'center_head', 'approve', {}, '同意投产');
    expect(new Date(await now()).getTime()).toBeLessThan(Date.parse('2025-09-30T10:30:00+08:00'));

    await eventually(async () => (await status(handle)) === 'awaiting-maintenance-window', 'waiting for the window');
    expect((await caseRow(handle)).data).toMatchObject({ maintenanceWindowAt: new Date('2025-09-30T17:30:00+08:00').toISOString() });
    await t.h.server.env.sleep(Date.parse('2025-09-30T17:29:00+08:00') - (await now()));
    expect(await taskRows(handle, 'maintenance')).toEqual([]);
    expect(await productRow(t.dataSource, 'production', input.productCode)).toBeNull();

    await t.h.server.env.sleep(2 * 60_000);
    const maintenance = await openTask(t.dataSource, handle.workflowId, 'maintenance');
    expect(maintenance.createdAt.getTime() - Date.parse('2025-09-30T17:30:00+08:00')).toBeGreaterThanOrEqual(0);
    expect(maintenance.createdAt.getTime() - Date.parse('2025-09-30T17:30:00+08:00')).toBeLessThan(1000);
    await d(handle, 'maintenance', 'sysadmin_1', 'done', MAINTENANCE);
    const live = await eventually(() => productRow(t.dataSource, 'production', input.productCode), 'product in production');
    expect(live).toMatchObject({ status: 'enabled', version: 1, name: input.productName, lastProcessId: handle.workflowId });
    expect(live.changedAt!.getTime()).toBeGreaterThanOrEqual(Date.parse('2025-09-30T17:30:00+08:00'));
    expect(live.changedAt!.getTime()).toBeLessThan(Date.parse('2025-09-30T17:40:00+08:00'));
    expect(live.definition).toMatchObject({ outputFormats: ['PDF'], designer: input.designer });
    expect(await linksOf(t.dataSource, 'production', input.productCode)).toEqual(input.indicatorCodes);
    expect(await productRow(t.dataSource, 'development', input.productCode)).toMatchObject({ status: 'enabled', version: 1 });
    expect(await changesOf(t.dataSource, handle.workflowId, input.productCode)).toEqual([
      ['development', 'set-up'],
      ['production', 'create'],
      ['production', 'enable'],
    ]);

    // 1–8 October are holidays: the 2nd working day after 30 September is Friday 10 October.
    await eventually(async () => (await status(handle)) === 'awaiting-notification-day', 'waiting for the notification day');
    expect((await caseRow(handle)).data).toMatchObject({ notifyDepartmentsAt: new Date('2025-10-10T09:00:00+08:00').toISOString() });
    const notices = () => t.dataSource.getRepository(NoticeEntity).findBy({ processId: handle.workflowId, dedupeKey: `departments:${handle.workflowId}:2-working-day` });
    await t.h.server.env.sleep(Date.parse('2025-10-10T08:59:00+08:00') - (await now()));
    expect(await notices()).toEqual([]);
    await t.h.server.env.sleep(2 * 60_000);
    const sent = await eventually(async () => ((await notices()).length ? notices() : undefined), 'department notices');
    expect(sent.map((n) => n.recipient).sort()).toEqual(expect.arrayContaining(['cs_head', 'collection_head', 'general_head', 'it_head', 'product_head']));
    expect(sent[0].title).toContain(input.productName);

    const result = await archived(handle, 'launched');
    expect(result.data).toMatchObject({ productCode: input.productCode, version: 1, operations: ['create', 'enable'], testRuns: 1 });
  });

  it('modification decided during business hours on the 调休 Saturday 11 Oct 2025 waits for 17:30; stop, modify, enable in order; development equals production', async () => {
    // Continues on the same server clock (10 October 2025): Friday.
    const indicator = await createTestIndicator(t.dataSource);
    const extra = await createTestIndicator(t.dataSource, '新增测试指标');
    const code = await createTestProduct(t.dataSource, [indicator]);
    const input = proposal({ serviceType: 'modify', productCode: code, indicatorCodes: [indicator, extra], productName: '测试产品（第二版）' });
    const handle = await start(input);
    await toGmSign(handle, input);
    await d(handle, 'gm-sign', 'center_head', 'approve');

    // The task opens at 17:30 on Friday; the sysadmin only gets to it on Saturday 11 October, a working day, at 10:00.
    await eventually(async () => (await status(handle)) === 'awaiting-maintenance-window', 'waiting for the window');
    await t.h.server.env.sleep(Date.parse('2025-10-10T17:31:00+08:00') - (await now()));
    const maintenance = await openTask(t.dataSource, handle.workflowId, 'maintenance');
    expect(maintenance.createdAt.getTime() - Date.parse('2025-10-10T17:30:00+08:00')).toBeGreaterThanOrEqual(0);
    expect(maintenance.createdAt.getTime() - Date.parse('2025-10-10T17:30:00+08:00')).toBeLessThan(1000);
    await t.h.server.env.sleep(Date.parse('2025-10-11T10:00:00+08:00') - (await now()));
    await d(handle, 'maintenance', 'sysadmin_1', 'done', MAINTENANCE);
    await eventually(async () => (await caseRow(handle)).data.maintenanceWindowAt === new Date('2025-10-11T17:30:00+08:00').toISOString(), 'the next window');
    await t.h.server.env.sleep(Date.parse('2025-10-11T17:29:00+08:00') - (await now()));
    expect(await productRow(t.dataSource, 'production', code)).toMatchObject({ version: 1, name: '测试产品', status: 'enabled' });

    await t.h.server.env.sleep(2 * 60_000);
    const live = await eventually(async () => {
      const row = await productRow(t.dataSource, 'production', code);
      return row?.version === 2 ? row : undefined;
    }, 'modified product in production');
    expect(live).toMatchObject({ status: 'enabled', name: '测试产品（第二版）', lastProcessId: handle.workflowId });
    expect(live.changedAt!.getTime()).toBeGreaterThanOrEqual(Date.parse('2025-10-11T17:30:00+08:00'));
    expect(await changesOf(t.dataSource, handle.workflowId, code)).toEqual([
      ['development', 'set-up'],
      ['production', 'stop'],
      ['production', 'modify'],
      ['production', 'enable'],
    ]);
    const development = await productRow(t.dataSource, 'development', code);
    expect({ ...development, id: 0, environment: 'x', updatedAt: 0 }).toEqual({ ...live, id: 0, environment: 'x', updatedAt: 0 });
    expect(await linksOf(t.dataSource, 'production', code)).toEqual(await linksOf(t.dataSource, 'development', code));
    expect(await linksOf(t.dataSource, 'production', code)).toEqual([indicator, extra].sort());

    // The 2nd working day after Saturday 11 October is Tuesday 14 October.
    await eventually(async () => (await status(handle)) === 'awaiting-notification-day', 'waiting for the notification day');
    expect((await caseRow(handle)).data).toMatchObject({ notifyDepartmentsAt: new Date('2025-10-14T09:00:00+08:00').toISOString() });
    await t.h.server.env.sleep(Date.parse('2025-10-14T09:01:00+08:00') - (await now()));
    await archived(handle, 'modified');
  });
});

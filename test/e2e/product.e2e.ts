/**
 * P4, P4b, P4c end to end: demo users drive a product approval, a product stop and an indicator
 * maintenance (with its product modification as a child case) to completion over HTTP, through
 * the real API, worker and PostgreSQL. The procedures wait for evening maintenance windows and for
 * the 2nd working day, so the Temporal server here is the time-skipping test server (started at
 * Mon 28 Sep 2026, 09:30, before National Day) and the test moves its clock where a case waits.
 */
import * as bcrypt from 'bcryptjs';
import { temporal } from '@temporalio/proto';
import { TemporalService } from '../../apps/api/src/temporal/temporal.service';
import { DEMO_PASSWORD } from '../../libs/persistence/demo-data';
import { ApiHarness, startApiHarness, until } from '../support/api-harness';
import { inboxDriver, InboxTask } from '../support/inbox-driver';
import { createTestIndicator, createTestProduct, INDICATOR_REVIEW, INDICATOR_TEST_FAILED, INDICATOR_TEST_PASSED, indicatorRow, linksOf, MAINTENANCE, NOTICE, productRow, proposal, REVIEW, TEST_FAILED, TEST_PASSED, TEST_PLAN, uniqueCode } from '../support/product-data';
import { startTimeSkippingServer, TimeSkippingServer } from '../support/time-skipping-server';

let server: TimeSkippingServer;
let h: ApiHarness;
const { start, pendingTask, complete, keepFixture, processView } = inboxDriver(() => h);
const realAddress = process.env.TEMPORAL_ADDRESS;

beforeAll(async () => {
  server = await startTimeSkippingServer('2026-09-28T09:30:00+08:00');
  const { INDEXED_VALUE_TYPE_KEYWORD: KEYWORD, INDEXED_VALUE_TYPE_KEYWORD_LIST: KEYWORD_LIST } = temporal.api.enums.v1.IndexedValueType;
  await server.env.connection.operatorService.addSearchAttributes({ namespace: 'default', searchAttributes: { ProcessType: KEYWORD, BusinessStatus: KEYWORD, PendingRoles: KEYWORD_LIST } });
  process.env.TEMPORAL_ADDRESS = server.env.connection.options.address;
  h = await startApiHarness();
});
afterAll(async () => {
  await h?.close();
  await server?.stop();
  process.env.TEMPORAL_ADDRESS = realAddress;
});


/** Moves the test server's clock to an instant (China time in the ISO string). */
async function skipTo(iso: string): Promise<void> {
  const ms = Date.parse(iso) - (await server.env.currentTimeMs());
  if (ms > 0) await server.env.sleep(ms);
}

/** Where a case waits on the calendar (maintenance window, notification day), move the clock past it. */
async function passWait(processId: string, businessStatus: 'awaiting-maintenance-window' | 'awaiting-notification-day', field: 'maintenanceWindowAt' | 'notifyDepartmentsAt'): Promise<string> {
  const view = await until(async () => {
    const v = await processView(processId);
    return v.businessStatus === businessStatus ? v : undefined;
  }, `${processId} ${businessStatus}`);
  const at = view.data[field] as string;
  await skipTo(new Date(Date.parse(at) + 60_000).toISOString());
  return at;
}

async function finished(processId: string) {
  await h.app.get(TemporalService).client.workflow.getHandle(processId).result();
  return until(async () => {
    const view = await processView(processId);
    return view.status === 'completed' ? view : undefined;
  }, `${processId} to finish`);
}

async function decided(processId: string): Promise<Array<[string, string, string]>> {
  const history = await (await h.as('supervisor_1')).get(`/processes/${processId}/history`).expect(200);
  return history.body.events.filter((e: { kind: string }) => e.kind === 'completed').map((e: { step: string; actor: string; decision: string }) => [e.step, e.actor, e.decision]);
}

/** The committee: the secretary records; the secretary may not also sign (403 FOUR_EYES); two members sign. */
async function committee(processId: string, n: number, form: object): Promise<void> {
  await complete('committee_secretary_1', processId, 'committee-review', 'approve', form);
  const sign = await pendingTask('committee_member_1', processId, `committee-sign-${n}`);
  const mine = await (await h.as('committee_secretary_1')).get(`/tasks?view=pending&processId=${processId}`).expect(200);
  expect(mine.body.items.map((t: InboxTask) => t.step)).not.toContain(`committee-sign-${n}`);
  const refused = await (await h.as('committee_secretary_1')).post(`/tasks/${sign.taskId}/complete`, { decision: 'sign' });
  expect(refused.body).toMatchObject({ statusCode: 403, code: 'FOUR_EYES' });
  await complete('committee_member_1', processId, `committee-sign-${n}`, 'sign');
  await complete('committee_member_2', processId, `committee-sign-${n}`, 'sign');
}

describe('product procedures over HTTP', () => {
  it('lists the three types with their start roles and input schemas, and refuses bad starts', async () => {
    const types = (await (await h.as('product_developer_1')).get('/process-types').expect(200)).body as Array<{ type: string; titleZh: string; startRoles: string[]; inputSchema: { required: string[] } }>;
    expect(types.find((t) => t.type === 'product-approval')).toMatchObject({ titleZh: '征信产品新增/修改', startRoles: ['product_developer'] });
    expect(types.find((t) => t.type === 'product-approval')!.inputSchema.required).toEqual(expect.arrayContaining(['serviceType', 'productCode', 'surveyReport', 'indicatorCodes']));
    expect(types.find((t) => t.type === 'product-status-change')!.inputSchema.required).toEqual(expect.arrayContaining(['maintenanceType', 'productCode', 'reason']));
    expect(types.find((t) => t.type === 'indicator-maintenance')!.inputSchema.required).toEqual(expect.arrayContaining(['action', 'indicatorCode', 'designIdea']));

    const bad = await (await h.as('product_developer_1')).post('/processes', { type: 'product-approval', input: { ...proposal({ productCode: 'cp-lower', indicatorCodes: [] }) } });
    expect(bad.status).toBe(400);
    expect(bad.body.details.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['input.productCode', 'input.indicatorCodes']));
    const noItems = await (await h.as('product_developer_1')).post('/processes', { type: 'indicator-maintenance', input: { action: 'add', indicatorCode: 'ZB-NEW', indicatorName: '新指标', designIdea: 'x' } });
    expect(noItems.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED', details: [{ field: 'input.items' }] });
    const wrongRole = await (await h.as('sysadmin_1')).post('/processes', { type: 'product-status-change', input: { maintenanceType: 'stop', productCode: 'CP-BRIEF', reason: 'x' } });
    expect(wrongRole.body).toMatchObject({ statusCode: 403, code: 'FORBIDDEN' });
  });

  it('product-approval: a new product through both tiers, a failed and a passed test run, the committee, the general manager, the evening window and the notice → launched', async () => {
    const indicator = await createTestIndicator(h.dataSource);
    const input = proposal({ productCode: uniqueCode('CP'), indicatorCodes: ['ZB-BASIC-INFO', indicator] });
    const processId = await start('product_developer_1', 'product-approval', input);
    const submit = await pendingTask('product_developer_1', processId, 'proposal');
    expect(submit.prefill).toMatchObject({ productCode: input.productCode });
    await complete('product_developer_1', processId, 'proposal', 'submit', submit.prefill);
    await complete('product_head', processId, 'dept-approval', 'approve', {}, '同意立项');
    await complete('it_head', processId, 'it-approval', 'approve', {}, '技术可行');
    await complete('product_manager_1', processId, 'dev-setup', 'done', TEST_PLAN);
    await complete('product_developer_1', processId, 'test-run', 'failed', TEST_FAILED);
    await complete('product_developer_1', processId, 'test-run', 'passed', TEST_PASSED);
    await committee(processId, 1, REVIEW);
    await complete('product_developer_1', processId, 'maintenance-notice', 'submit', NOTICE);
    await complete('center_head', processId, 'gm-sign', 'approve', {}, '签发');

    // Signed on Monday 28 September during business hours: maintained at 17:30 that evening.
    expect(await passWait(processId, 'awaiting-maintenance-window', 'maintenanceWindowAt')).toBe(new Date('2026-09-28T17:30:00+08:00').toISOString());
    await complete('sysadmin_1', processId, 'maintenance', 'done', MAINTENANCE);
    // The 2nd working day after Monday 28 September is Wednesday 30 September.
    expect(await passWait(processId, 'awaiting-notification-day', 'notifyDepartmentsAt')).toBe(new Date('2026-09-30T09:00:00+08:00').toISOString());
    const notice = await until(async () => {
      const res = await (await h.as('it_head')).get('/notices?status=unread').expect(200);
      return res.body.items.find((n: { processId?: string; kind: string }) => n.processId === processId && n.kind === 'info');
    }, 'department notice for the IT head');
    expect(notice.title).toContain(input.productName);
    await complete('archivist_1', processId, 'archive', 'filed', { receiptNo: 'DA-2026-P4-001' });

    const done = await finished(processId);
    expect(done).toMatchObject({ outcome: 'launched', openTasks: [], data: { maintenance: { operations: ['create', 'enable'] } } });
    expect(await productRow(h.dataSource, 'production', input.productCode)).toMatchObject({ status: 'enabled', version: 1 });
    expect(await linksOf(h.dataSource, 'production', input.productCode)).toEqual([indicator, 'ZB-BASIC-INFO'].sort());
    expect(await decided(processId)).toEqual([
      ['proposal', 'product_developer_1', 'submit'],
      ['dept-approval', 'product_head', 'approve'],
      ['it-approval', 'it_head', 'approve'],
      ['dev-setup', 'product_manager_1', 'done'],
      ['test-run', 'product_developer_1', 'failed'],
      ['test-run', 'product_developer_1', 'passed'],
      ['committee-review', 'committee_secretary_1', 'approve'],
      ['committee-sign-1', 'committee_member_1', 'sign'],
      ['committee-sign-1', 'committee_member_2', 'sign'],
      ['maintenance-notice', 'product_developer_1', 'submit'],
      ['gm-sign', 'center_head', 'approve'],
      ['maintenance', 'sysadmin_1', 'done'],
      ['archive', 'archivist_1', 'filed'],
    ]);
    const replay = await (await h.as('auditor_1')).post(`/processes/${processId}/replay`).expect(200);
    expect(replay.body).toMatchObject({ processId, deterministic: true });
    await keepFixture(processId, 'product-approval-launched');
  });

  it('product-status-change: the developer who holds the head role may not approve the own notice (403 FOUR_EYES); demo users stop a product in the window → stopped', async () => {
    const code = await createTestProduct(h.dataSource, [await createTestIndicator(h.dataSource)]);
    const input = { maintenanceType: 'stop', productCode: code, reason: '数据提供单位停止供数', noticeNo: 'TZ-2026-P4B-001' };

    // A product head who also develops products: the engine refuses the same person on both steps.
    const lead = `product_lead_${Date.now().toString(36)}`;
    await h.dataSource.query(`INSERT INTO users (username, display_name, password_hash) VALUES ($1, '产品研发部负责人（兼研发）', $2)`, [lead, await bcrypt.hash(DEMO_PASSWORD, 10)]);
    await h.dataSource.query(`INSERT INTO user_roles (user_id, role, department) SELECT id, r.role, r.department FROM users, (VALUES ('product_developer', NULL), ('dept_head', 'product')) AS r(role, department) WHERE username = $1`, [lead]);
    const own = await start(lead, 'product-status-change', input);
    await complete(lead, own, 'notice', 'submit', input);
    const approval = await pendingTask('product_head', own, 'dept-approval');
    const refused = await (await h.as(lead)).post(`/tasks/${approval.taskId}/complete`, { decision: 'approve' });
    expect(refused.body).toMatchObject({ statusCode: 403, code: 'FOUR_EYES' });
    await complete('product_head', own, 'dept-approval', 'reject', {}, '同一产品已有停用申请');
    await complete('archivist_1', own, 'archive', 'filed', { receiptNo: 'DA-2026-P4B-000' });
    expect(await finished(own)).toMatchObject({ outcome: 'rejected', data: { rejection: { step: 'dept-approval', actor: 'product_head' } } });

    const processId = await start('product_developer_1', 'product-status-change', input);
    await complete('product_developer_1', processId, 'notice', 'submit', input);
    await complete('product_head', processId, 'dept-approval', 'approve');
    await complete('center_head', processId, 'gm-approval', 'approve');
    await passWait(processId, 'awaiting-maintenance-window', 'maintenanceWindowAt');
    await complete('sysadmin_1', processId, 'maintenance', 'done', MAINTENANCE);
    // Across National Day 2026: notified on Friday 9 October.
    expect(await passWait(processId, 'awaiting-notification-day', 'notifyDepartmentsAt')).toBe(new Date('2026-10-09T09:00:00+08:00').toISOString());
    await complete('archivist_1', processId, 'archive', 'filed', { receiptNo: 'DA-2026-P4B-001' });
    expect(await finished(processId)).toMatchObject({ outcome: 'stopped' });
    expect(await productRow(h.dataSource, 'production', code)).toMatchObject({ status: 'stopped', lastProcessId: processId });
    expect((await (await h.as('auditor_1')).post(`/processes/${processId}/replay`).expect(200)).body).toMatchObject({ deterministic: true });
    await keepFixture(processId, 'product-status-change-stopped');
  });

  it('indicator-maintenance: a failed test sends the notice back; the product it feeds is modified first as a child case; then the indicator, identical in both environments → modified', async () => {
    const indicator = await createTestIndicator(h.dataSource);
    const product = await createTestProduct(h.dataSource, [indicator, 'ZB-PENALTY'], '测试产品（指标维护）');
    const input = {
      action: 'modify',
      indicatorCode: indicator,
      indicatorName: '测试指标（新口径）',
      items: [
        { name: '指标项甲', dataType: 'text' },
        { name: '指标项乙', dataType: 'amount', description: '单位：元' },
      ],
      designIdea: '金额单位统一为元',
      noticeNo: 'ZBTZ-2026-001',
    };
    const processId = await start('product_developer_1', 'indicator-maintenance', input);
    await complete('product_developer_1', processId, 'notice', 'submit', input);
    await complete('product_head', processId, 'dept-approval', 'approve');
    await complete('it_head', processId, 'it-approval', 'approve');
    await complete('sysadmin_1', processId, 'test', 'failed', INDICATOR_TEST_FAILED);
    const again = await pendingTask('product_developer_1', processId, 'notice');
    await complete('product_developer_1', processId, 'notice', 'submit', { ...again.prefill, designIdea: '金额单位统一为元，补齐空值' });
    await complete('product_head', processId, 'dept-approval', 'approve');
    await complete('it_head', processId, 'it-approval', 'approve');
    await complete('sysadmin_1', processId, 'test', 'passed', INDICATOR_TEST_PASSED);
    await committee(processId, 1, INDICATOR_REVIEW);
    await complete('center_head', processId, 'gm-sign', 'approve');

    // The product modification: a child case whose tasks show on the parent's page and in the inboxes.
    const childId = `${processId}.product-${product}`;
    const parent = await until(async () => {
      const view = await processView(processId);
      return view.children.includes(childId) && view.openTasks.length > 0 ? view : undefined;
    }, 'child case');
    expect(parent.openTasks.map((t: InboxTask) => [t.processId, t.step])).toEqual([[childId, 'proposal']]);
    const childProposal = await pendingTask('product_developer_1', processId, 'proposal');
    expect(childProposal.prefill).toMatchObject({ serviceType: 'modify', productCode: product, requestedBy: processId });
    await complete('product_developer_1', processId, 'proposal', 'submit', childProposal.prefill);
    await complete('product_head', processId, 'dept-approval', 'approve');
    await complete('it_head', processId, 'it-approval', 'approve');
    await complete('product_manager_1', processId, 'dev-setup', 'done', TEST_PLAN);
    await complete('product_developer_1', processId, 'test-run', 'passed', TEST_PASSED);
    await committee(childId, 1, { ...REVIEW, reviewType: 'modify' });
    await complete('product_developer_1', processId, 'maintenance-notice', 'submit', NOTICE);
    await complete('center_head', processId, 'gm-sign', 'approve');
    await passWait(childId, 'awaiting-maintenance-window', 'maintenanceWindowAt');
    await complete('sysadmin_1', processId, 'maintenance', 'done', MAINTENANCE);
    await passWait(childId, 'awaiting-notification-day', 'notifyDepartmentsAt');
    // Until the child is filed, the indicator is untouched.
    expect(await indicatorRow(h.dataSource, 'production', indicator)).toMatchObject({ version: 1 });
    await complete('archivist_1', processId, 'archive', 'filed', { receiptNo: 'DA-2026-P4C-CHILD' });
    const child = await finished(childId);
    expect(child).toMatchObject({ outcome: 'modified', parentId: processId });

    await passWait(processId, 'awaiting-maintenance-window', 'maintenanceWindowAt');
    await complete('sysadmin_1', processId, 'maintenance', 'done', MAINTENANCE);
    await passWait(processId, 'awaiting-notification-day', 'notifyDepartmentsAt');
    await complete('archivist_1', processId, 'archive', 'filed', { receiptNo: 'DA-2026-P4C-001' });
    const done = await finished(processId);
    expect(done).toMatchObject({ outcome: 'modified', children: [childId], data: { maintenance: { identical: true, version: 2 }, productChanges: [{ productCode: product, outcome: 'modified' }] } });
    const development = await indicatorRow(h.dataSource, 'development', indicator);
    const production = await indicatorRow(h.dataSource, 'production', indicator);
    expect(production).toMatchObject({ version: 2, name: '测试指标（新口径）', items: input.items });
    expect({ ...production, id: 0, environment: '' }).toEqual({ ...development, id: 0, environment: '', updatedAt: production!.updatedAt });
    expect(production!.changedAt!.getTime()).toBeGreaterThan(Date.parse(child.closedAt));
    expect((await (await h.as('auditor_1')).post(`/processes/${processId}/replay`).expect(200)).body).toMatchObject({ deterministic: true });
    await keepFixture(processId, 'indicator-maintenance-modified');
    await keepFixture(childId, 'product-approval-modified-for-indicator');
  });
});

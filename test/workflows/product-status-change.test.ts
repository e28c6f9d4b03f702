/**
 * P4b product stop / enable on the time-skipping server: both tiers' approve / reject / return,
 * the workflow's own four-eyes refusal, the maintenance window (approved at ~10:00 on Wed 30 Sep
 * 2026 → stopped at 17:30, not before) and the notice on the 2nd working day across National Day 2026.
 */
import { WorkflowHandle } from '@temporalio/client';
import { randomUUID } from 'crypto';
import { DataSource } from 'typeorm';
import { decisionSignal } from '../../libs/contracts/workflow-contract';
import type { ProductStatusNotice } from '../../libs/domain/product-policy';
import { AuditLogEntity, NoticeEntity, ProcessEntity, TaskEntity } from '../../libs/persistence/entities';
import { openTestDatabase } from '../support/database';
import { changesOf, createTestIndicator, createTestProduct, MAINTENANCE, productRow, settled } from '../support/product-data';
import { decide, eventually, Harness, openTask, startCase, startHarness } from '../support/workflow-harness';

let dataSource: DataSource;
let h: Harness;

beforeAll(async () => {
  dataSource = await openTestDatabase();
  // Wednesday 30 September 2026; 1–7 October are holidays, Saturday 10 October is worked.
  h = await startHarness(dataSource, '2026-09-30T09:50:00+08:00');
});
afterAll(async () => {
  await h?.close();
  await dataSource.destroy();
});

const d = (handle: WorkflowHandle, step: string, user: string, decision: string, data: Record<string, unknown> = {}, comment?: string) => decide(h, dataSource, handle, step, user, decision, data, comment);
const caseRow = (handle: WorkflowHandle) => dataSource.getRepository(ProcessEntity).findOneByOrFail({ processId: handle.workflowId });
const now = async () => h.server.env.currentTimeMs();
/** The business status as the case record has it (written together with the data it belongs to). */
const status = async (handle: WorkflowHandle) => (await dataSource.getRepository(ProcessEntity).findOneByOrFail({ processId: handle.workflowId })).businessStatus;

async function liveProduct(): Promise<string> {
  return createTestProduct(dataSource, [await createTestIndicator(dataSource)]);
}

function notice(productCode: string, maintenanceType: 'stop' | 'enable'): ProductStatusNotice {
  return { maintenanceType, productCode, reason: maintenanceType === 'stop' ? '数据提供单位停止供数' : '数据来源恢复', noticeNo: `TZ-${productCode}` };
}

async function start(input: ProductStatusNotice, startedBy = 'product_developer_1'): Promise<WorkflowHandle> {
  return startCase(h, dataSource, 'productStatusChangeWorkflow', { processType: 'product-status-change', startedBy, input });
}

async function archived(handle: WorkflowHandle, outcome: string) {
  await d(handle, 'archive', 'archivist_1', 'filed', { receiptNo: `DA-${handle.workflowId.slice(-6)}` });
  return expect(await settled(h!, handle)).toMatchObject({ outcome });
}

it('stop: approved at ~10:00 on Wed 30 Sep 2026 → stopped in production at 17:30, not before; departments told on Fri 9 Oct 09:00', async () => {
  const code = await liveProduct();
  const input = notice(code, 'stop');
  const handle = await start(input);
  await d(handle, 'notice', 'product_developer_1', 'submit', { ...input });
  expect((await openTask(dataSource, handle.workflowId, 'dept-approval')).prefill).toMatchObject({ productCode: code, productName: '测试产品', maintenanceType: 'stop' });
  await d(handle, 'dept-approval', 'product_head', 'approve');
  await d(handle, 'gm-approval', 'center_head', 'approve', {}, '同意停用');

  await eventually(async () => (await status(handle)) === 'awaiting-maintenance-window', 'waiting for the window');
  await h.server.env.sleep(Date.parse('2026-09-30T17:29:00+08:00') - (await now()));
  expect(await dataSource.getRepository(TaskEntity).countBy({ processId: handle.workflowId, step: 'maintenance' })).toBe(0);
  expect(await productRow(dataSource, 'production', code)).toMatchObject({ status: 'enabled' });

  await h.server.env.sleep(2 * 60_000);
  await d(handle, 'maintenance', 'sysadmin_1', 'done', MAINTENANCE);
  const stopped = await eventually(async () => {
    const row = await productRow(dataSource, 'production', code);
    return row?.status === 'stopped' ? row : undefined;
  }, 'product stopped');
  expect(stopped.changedAt!.getTime()).toBeGreaterThanOrEqual(Date.parse('2026-09-30T17:30:00+08:00'));
  expect(stopped.lastProcessId).toBe(handle.workflowId);
  expect(await changesOf(dataSource, handle.workflowId, code)).toEqual([['production', 'stop']]);
  // Stopping is a production operation (001 §27(二)(2)); development is not touched.
  expect(await productRow(dataSource, 'development', code)).toMatchObject({ status: 'enabled' });

  await eventually(async () => (await status(handle)) === 'awaiting-notification-day', 'waiting for the notification day');
  expect((await caseRow(handle)).data).toMatchObject({ notifyDepartmentsAt: new Date('2026-10-09T09:00:00+08:00').toISOString() });
  const notices = () => dataSource.getRepository(NoticeEntity).findBy({ processId: handle.workflowId, kind: 'info' });
  await h.server.env.sleep(Date.parse('2026-10-09T08:58:00+08:00') - (await now()));
  expect(await notices()).toEqual([]);
  await h.server.env.sleep(3 * 60_000);
  await eventually(async () => (await notices()).length >= 5, 'department notices');
  await archived(handle, 'stopped');
});

it('enable: dept-approval returns the notice, gm-approval returns one tier, then both approve → enabled in the window', async () => {
  // Now Friday 9 October 2026, about 09:01.
  const code = await liveProduct();
  await dataSource.query(`UPDATE products SET status = 'stopped' WHERE code = $1 AND environment = 'production'`, [code]);
  const input = notice(code, 'enable');
  const handle = await start(input);
  await d(handle, 'notice', 'product_developer_1', 'submit', { ...input });
  await d(handle, 'dept-approval', 'product_head', 'return', {}, '请写明数据来源恢复的依据');
  expect(await openTask(dataSource, handle.workflowId, 'notice')).toMatchObject({ round: 2, title: '修改征信产品维护通知单（停用/启用）' });
  await d(handle, 'notice', 'product_developer_1', 'submit', { ...input, reason: '数据提供单位来函（2026-10-08）恢复供数' });
  await d(handle, 'dept-approval', 'product_head', 'approve');
  await d(handle, 'gm-approval', 'center_head', 'return', {}, '部门意见请再确认');
  expect(await openTask(dataSource, handle.workflowId, 'dept-approval')).toMatchObject({ round: 3 });
  await d(handle, 'dept-approval', 'product_head', 'approve');
  await d(handle, 'gm-approval', 'center_head', 'approve');
  await eventually(async () => (await caseRow(handle)).data.maintenanceWindowAt === new Date('2026-10-09T17:30:00+08:00').toISOString(), 'the evening window');
  await h.server.env.sleep(Date.parse('2026-10-09T17:30:30+08:00') - (await now()));
  await d(handle, 'maintenance', 'sysadmin_1', 'done', MAINTENANCE);
  await eventually(async () => (await productRow(dataSource, 'production', code))?.status === 'enabled', 'product enabled');
  // The 2nd working day after Friday 9 October is Monday 12 October (Saturday 10 October is a working day).
  await eventually(async () => (await status(handle)) === 'awaiting-notification-day', 'waiting for the notification day');
  expect((await caseRow(handle)).data).toMatchObject({ notifyDepartmentsAt: new Date('2026-10-12T09:00:00+08:00').toISOString(), notice: { reason: '数据提供单位来函（2026-10-08）恢复供数' } });
  await h.server.env.sleep(Date.parse('2026-10-12T09:01:00+08:00') - (await now()));
  await archived(handle, 'enabled');
});

it.each([
  ['dept-approval', 'product_head'],
  ['gm-approval', 'center_head'],
])('%s rejects: the case ends with the reason and the product is untouched', async (step, head) => {
  const code = await liveProduct();
  const handle = await start(notice(code, 'stop'));
  await d(handle, 'notice', 'product_developer_1', 'submit', { ...notice(code, 'stop') });
  if (step === 'gm-approval') await d(handle, 'dept-approval', 'product_head', 'approve');
  await d(handle, step, head, 'reject', {}, '该产品仍有客户使用');
  await archived(handle, 'rejected');
  expect((await caseRow(handle)).data).toMatchObject({ rejection: { step, actor: head, reason: '该产品仍有客户使用' } });
  expect(await productRow(dataSource, 'production', code)).toMatchObject({ status: 'enabled', lastProcessId: null });
});

it('keeps a notice that does not fit the product at the notice step; the developer abandons it with a reason', async () => {
  const code = await liveProduct();
  const input = notice(code, 'enable');
  const handle = await start(input);
  await d(handle, 'notice', 'product_developer_1', 'submit', { ...input });
  const again = await openTask(dataSource, handle.workflowId, 'notice');
  expect(again.round).toBe(2);
  expect((await caseRow(handle)).data.noticeProblem).toMatch(/不是停用状态/);
  await d(handle, 'notice', 'product_developer_1', 'abandon', again.prefill, '产品本已启用');
  expect(await settled(h!, handle)).toMatchObject({ outcome: 'abandoned', data: { abandonment: { step: 'notice', reason: '产品本已启用' } } });
});

it('refuses (and records) an approval by whoever submitted the notice, even holding the head role', async () => {
  const lead = `product_lead_${randomUUID().slice(0, 8)}`;
  await dataSource.query(`INSERT INTO users (username, display_name, password_hash) VALUES ($1, '产品研发部负责人（兼研发）', 'x')`, [lead]);
  await dataSource.query(`INSERT INTO user_roles (user_id, role, department) SELECT id, r.role, r.department FROM users, (VALUES ('product_developer', NULL), ('dept_head', 'product')) AS r(role, department) WHERE username = $1`, [lead]);
  const code = await liveProduct();
  const handle = await start(notice(code, 'stop'), lead);
  await d(handle, 'notice', lead, 'submit', { ...notice(code, 'stop') });
  const approval = await openTask(dataSource, handle.workflowId, 'dept-approval');
  expect(approval.excludedUsers).toEqual([lead]);
  await handle.signal(decisionSignal, { taskId: approval.taskId, username: lead, decision: 'approve', data: {}, decidedAt: new Date(await now()).toISOString() });
  const refusal = await eventually(() => dataSource.getRepository(AuditLogEntity).findOneBy({ taskId: approval.taskId, action: 'refusal' }), 'four-eyes refusal');
  expect(refusal.detail).toMatchObject({ by: 'workflow', code: 'FOUR_EYES' });
  expect((await dataSource.getRepository(TaskEntity).findOneByOrFail({ taskId: approval.taskId })).status).toBe('open');
  await d(handle, 'dept-approval', 'product_head', 'approve');
  await openTask(dataSource, handle.workflowId, 'gm-approval');
});

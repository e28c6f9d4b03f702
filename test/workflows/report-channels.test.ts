/**
 * P8/P9 order channels (001 §44–47) on the time-skipping server: a website application is registered
 * by one person and imported by a second (§44(二)); a member-agreement product skips the contract and
 * the fee, the reviewer confirming its validity and marking the fee (§46(五)); active marketing skips
 * the contract dispatch and gets the reviewer's re-audit after the contract (§47).
 */
import { DataSource } from 'typeorm';
import { TaskEntity } from '../../libs/persistence/entities';
import { openTestDatabase } from '../support/database';
import { ReportDriver } from '../support/report-driver';
import { ACCEPTANCE, CONTRACT, investigationInput, PAYMENT, valueAddedInput } from '../support/report-input';
import { Harness, openTask, startHarness } from '../support/workflow-harness';

let dataSource: DataSource;
let h: Harness;
let d: ReportDriver;

beforeAll(async () => {
  dataSource = await openTestDatabase();
  h = await startHarness(dataSource, '2026-03-02T09:30:00+08:00');
  d = new ReportDriver(h, dataSource);
});
afterAll(async () => {
  await h?.close();
  await dataSource?.destroy();
});

const stepsOf = async (processId: string) => (await dataSource.getRepository(TaskEntity).find({ where: { processId }, order: { createdAt: 'ASC' } })).map((t) => t.step);

it('website (§44(二)): the application registered by one person is imported by a second, who may send it back', async () => {
  const parent = await d.start('investigation-report', investigationInput('standard', 80_000, { channel: 'website' }), 'service_clerk_1');
  await d.decide(parent, 'accept', 'service_clerk_1', 'accept', ACCEPTANCE);
  const importTask = await openTask(dataSource, parent.workflowId, 'application-import');
  expect(importTask.candidateRoles).toEqual(['service_reviewer']);
  expect(importTask.excludedUsers).toEqual(['service_clerk_1']);
  await d.decide(parent, 'application-import', 'service_reviewer_1', 'return', { registerNo: 'WZDJ-001' }, '登记表与导出文件条数不符');
  await d.decide(parent, 'accept', 'service_clerk_1', 'accept', ACCEPTANCE);
  await d.decide(parent, 'application-import', 'service_reviewer_1', 'confirm', { registerNo: 'WZDJ-001' });
  await openTask(dataSource, parent.workflowId, 'contract-dispatch');
  expect(await stepsOf(parent.workflowId)).toEqual(['accept', 'application-import', 'accept', 'application-import', 'contract-dispatch']);
});

it('member (§46(五)): a product the member agreement includes skips the contract and the fee; the reviewer confirms validity and marks the fee', async () => {
  const parent = await d.start('value-added-service', valueAddedInput('batch-data', 50_000, { channel: 'member', memberAgreementCovers: true }), 'service_clerk_1');
  await d.decide(parent, 'accept', 'service_clerk_1', 'accept', ACCEPTANCE);
  const validation = await openTask(dataSource, parent.workflowId, 'member-validation');
  expect(validation.candidateRoles).toEqual(['service_reviewer']);
  await d.decide(parent, 'member-validation', 'service_reviewer_1', 'confirm', { agreementNo: 'HYXY-2026-007', valid: true, feeMarked: true });
  await openTask(dataSource, parent.workflowId, 'task-dispatch');
  expect(await stepsOf(parent.workflowId)).toEqual(['accept', 'member-validation', 'task-dispatch']);
  expect(await d.order(parent.workflowId)).toMatchObject({ state: 'paid', amountReceived: 0, paymentRef: '会员协议 HYXY-2026-007' });

  // A member's order for a product outside the agreement is contracted and paid as at the outlet.
  const outside = await d.start('value-added-service', valueAddedInput('batch-data', 50_000, { channel: 'member' }), 'service_clerk_1');
  await d.decide(outside, 'accept', 'service_clerk_1', 'accept', ACCEPTANCE);
  await openTask(dataSource, outside.workflowId, 'contract-dispatch');
});

it('active marketing (§47): no contract dispatch — the accepting marketer signs — and the reviewer audits again before the fee', async () => {
  const parent = await d.start('investigation-report', investigationInput('standard', 80_000, { channel: 'marketing' }));
  expect((await openTask(dataSource, parent.workflowId, 'accept')).candidateRoles).toEqual(['marketer']);
  await d.decide(parent, 'accept', 'marketer_1', 'accept', ACCEPTANCE);
  const contract = await openTask(dataSource, parent.workflowId, 'contract');
  expect(contract.candidateUsers).toEqual(['marketer_1']);
  await d.decide(parent, 'contract', 'marketer_1', 'signed', CONTRACT);
  await d.decide(parent, 'contract-approval', 'cs_head', 'approve', { opinion: '同意签订' });
  const recheck = await openTask(dataSource, parent.workflowId, 'marketing-recheck');
  expect(recheck.candidateRoles).toEqual(['service_reviewer']);
  expect(recheck.excludedUsers).toEqual(['marketer_1']);
  await d.decide(parent, 'marketing-recheck', 'service_reviewer_2', 'confirm', ACCEPTANCE);
  await d.decide(parent, 'payment', 'cashier_1', 'paid', PAYMENT(80_000));
  await openTask(dataSource, parent.workflowId, 'task-dispatch');
  expect(await stepsOf(parent.workflowId)).toEqual(['accept', 'contract', 'contract-approval', 'marketing-recheck', 'payment', 'task-dispatch']);
  expect(await d.order(parent.workflowId)).toMatchObject({ state: 'paid', marketer: 'marketer_1' });
});

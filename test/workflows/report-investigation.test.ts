/**
 * P8 investigation report on the time-skipping server, every branch: the number of review levels
 * for each report type and amount (and a configured threshold), the center head's contract
 * approval, a rejection at level 2 restarting at level 2 after a re-upload, parallel child tasks
 * and delivery only when all passed, the project-manager-only and four-eyes refusals, the
 * dispatch checks, contract return/reject, acceptance rejection and abandonment with a reason.
 */
import { DataSource } from 'typeorm';
import { resetSettings } from '../../libs/config/settings';
import { caseStateQuery, decisionSignal } from '../../libs/contracts/workflow-contract';
import { AuditLogEntity, NoticeEntity, ProcessEntity, TaskEntity } from '../../libs/persistence/entities';
import { OrderEntity } from '../../libs/persistence/entities/order.entity';
import { openTestDatabase } from '../support/database';
import { ReportDriver } from '../support/report-driver';
import { ACCEPTANCE, CONTRACT, DRAFT, investigationInput, OPINION, PAYMENT, REVIEW_STEPS, UPLOAD } from '../support/report-input';
import { eventually, Harness, openTask, startHarness } from '../support/workflow-harness';

let dataSource: DataSource;
let h: Harness;
let d: ReportDriver;

const TEAM_A = { projectManager: 'analyst_1', members: ['analyst_2'] };

beforeAll(async () => {
  dataSource = await openTestDatabase();
  h = await startHarness(dataSource, '2026-03-02T09:30:00+08:00');
  d = new ReportDriver(h, dataSource);
});
afterAll(async () => {
  await h?.close();
  await dataSource?.destroy();
});

describe('review levels follow the report type and the amount (001 §60(一))', () => {
  it.each([
    ['standard', 80_000, 1, false],
    ['deep', 80_000, 2, true],
    ['custom', 300_000, 2, true],
    ['standard', 1_000_000, 3, true],
    ['deep', 999_999, 2, true],
    ['standard', 999_999, 1, false],
  ] as const)('%s report of %i yuan: %i review task(s); center head signs the contract: %s', async (reportType, amount, levels, centerHead) => {
    const parent = await d.start('investigation-report', investigationInput(reportType, amount));
    expect(await d.contractAndPayment(parent, amount)).toEqual({ centerHeadApproved: centerHead });
    await d.dispatch(parent, [TEAM_A]);
    const task = d.child(parent, 1);
    await d.investigate(task, TEAM_A);
    const approved = await d.approveReviews(task, REVIEW_STEPS);
    expect(approved).toEqual(REVIEW_STEPS.slice(0, levels));
    // Review tasks in the inbox projection: exactly as many as the policy asks for.
    await openTask(dataSource, parent.workflowId, 'deliver');
    expect(await d.countTasks(parent.workflowId, REVIEW_STEPS)).toBe(levels);
    await d.deliverAndArchive(parent);
    expect(await parent.result()).toMatchObject({ outcome: 'delivered', data: { deliverables: [{ taskNo: 1, documentNo: 'BG-2026-001', version: 1 }] } });

    const order = await d.order(parent.workflowId);
    expect(order).toMatchObject({ state: 'archived', service: 'investigation-report', productType: reportType, amount, marketer: 'marketer_1', contractNo: 'HT-2026-001', amountReceived: amount, deliveredBy: 'marketer_1', deliveryMethod: 'email' });
    expect(order.contractApprovedBy).toEqual(centerHead ? ['cs_head', 'center_head'] : ['cs_head']);
    const [orderTask] = await d.orderTasks(parent.workflowId);
    expect(orderTask).toMatchObject({ taskNo: 1, reviewLevel: levels, state: 'passed', projectManager: 'analyst_1', members: ['analyst_2'], processId: task.workflowId });
    const versions = await d.versions(orderTask.id, 'report');
    expect(versions).toEqual([{ version: 1, status: 'approved', uploadedBy: 'analyst_1', opinions: approved.map((step) => [step, expect.any(String), 'approve']) }]);
    const child = await dataSource.getRepository(ProcessEntity).findOneByOrFail({ processId: task.workflowId });
    expect(child).toMatchObject({ parentId: parent.workflowId, processType: 'investigation-task', status: 'completed', outcome: 'passed' });
  });

  it('reads the committee threshold from INVESTIGATION_COMMITTEE_THRESHOLD', async () => {
    process.env.INVESTIGATION_COMMITTEE_THRESHOLD = '500000';
    resetSettings();
    try {
      const parent = await d.start('investigation-report', investigationInput('standard', 600_000));
      expect(await d.contractAndPayment(parent, 600_000)).toEqual({ centerHeadApproved: true });
      const dispatchTask = await openTask(dataSource, parent.workflowId, 'task-dispatch');
      expect(dispatchTask.prefill).toMatchObject({ tasks: [{ reviewLevel: 3 }, { reviewLevel: 3 }] });
      expect((await dataSource.getRepository(ProcessEntity).findOneByOrFail({ processId: parent.workflowId })).data).toMatchObject({
        orderPolicy: { requiredReviewLevel: 3, thresholds: { committeeReviewFromYuan: 500_000, centerHeadContractFromYuan: 500_000 } },
      });
      await parent.terminate('test done');
    } finally {
      delete process.env.INVESTIGATION_COMMITTEE_THRESHOLD;
      resetSettings();
    }
  });
});

describe('a rejection sends the report back and review restarts at the level that rejected', () => {
  it('level 2 rejects: re-upload (version 2), then leader-review again — not dept-review', async () => {
    const parent = await d.start('investigation-report', investigationInput('deep', 1_200_000));
    await d.contractAndPayment(parent, 1_200_000);
    await d.dispatch(parent, [TEAM_A]);
    const task = d.child(parent, 1);
    await d.investigate(task, TEAM_A);

    await d.decide(task, 'dept-review', 'product_head', 'approve', OPINION('结构完整，同意报分管领导。'));
    await d.decide(task, 'leader-review', 'division_leader_1', 'reject', OPINION('财务分析不足'), '补充近三年现金流分析');
    // Back to the team: the upload step opens again (round 2), no review task is open meanwhile.
    const reupload = await openTask(dataSource, task.workflowId, 'upload');
    expect(reupload.round).toBe(2);
    expect(reupload.candidateUsers).toEqual(['analyst_1']);
    expect(await dataSource.getRepository(TaskEntity).countBy({ processId: task.workflowId, status: 'open' })).toBe(1);
    expect((await dataSource.getRepository(ProcessEntity).findOneByOrFail({ processId: task.workflowId })).data).toMatchObject({
      lastRejection: { step: 'leader-review', actor: 'division_leader_1', reason: '补充近三年现金流分析', version: 1 },
    });
    const [orderTask] = await d.orderTasks(parent.workflowId);
    expect(orderTask.state).toBe('revising');

    await d.decide(task, 'upload', 'analyst_1', 'uploaded', UPLOAD(2));
    const again = await d.nextOpenStep(task.workflowId, ['dept-review', 'leader-review']);
    expect(again).toBe('leader-review');
    await d.decide(task, 'leader-review', 'division_leader_1', 'approve', OPINION('已补充，同意。'));
    await d.decide(task, 'committee-review', 'committee_member_1', 'approve', OPINION('评审通过。'));
    await openTask(dataSource, parent.workflowId, 'deliver');

    expect(await d.countTasks(parent.workflowId, ['dept-review'])).toBe(1);
    expect(await d.countTasks(parent.workflowId, ['leader-review'])).toBe(2);
    expect(await d.countTasks(parent.workflowId, ['committee-review'])).toBe(1);
    expect(await d.versions(orderTask.id, 'report')).toEqual([
      { version: 1, status: 'rejected', uploadedBy: 'analyst_1', opinions: [['dept-review', 'product_head', 'approve'], ['leader-review', 'division_leader_1', 'reject']] },
      { version: 2, status: 'approved', uploadedBy: 'analyst_1', opinions: [['leader-review', 'division_leader_1', 'approve'], ['committee-review', 'committee_member_1', 'approve']] },
    ]);
    await d.deliverAndArchive(parent);
    expect(await parent.result()).toMatchObject({ outcome: 'delivered', data: { deliverables: [{ version: 2 }] } });
  });
});

describe('one child case per investigation task, delivery only when every task passed', () => {
  it('runs two tasks in parallel; only the named project manager confirms; a reviewer from the team is refused', async () => {
    // A user on the team who also heads the product department: four-eyes keeps them off the review.
    await dataSource.query(
      `INSERT INTO users (username, display_name, password_hash) VALUES ('report_dual_1', '兼任人员', 'x') ON CONFLICT (username) DO NOTHING;
       INSERT INTO user_roles (user_id, role, department) SELECT id, 'analyst', NULL FROM users WHERE username = 'report_dual_1' ON CONFLICT DO NOTHING;
       INSERT INTO user_roles (user_id, role, department) SELECT id, 'dept_head', 'product' FROM users WHERE username = 'report_dual_1' ON CONFLICT DO NOTHING;`,
    );
    const teamDual = { projectManager: 'analyst_2', members: ['report_dual_1'] };
    const parent = await d.start('investigation-report', investigationInput('standard', 50_000));
    await d.contractAndPayment(parent, 50_000);
    await d.dispatch(parent, [TEAM_A, teamDual]);
    const [t1, t2] = [d.child(parent, 1), d.child(parent, 2)];

    // Both children are open at once.
    const confirm1 = await openTask(dataSource, t1.workflowId, 'confirm');
    const confirm2 = await openTask(dataSource, t2.workflowId, 'confirm');
    expect([confirm1.candidateUsers, confirm2.candidateUsers]).toEqual([['analyst_1'], ['analyst_2']]);
    // Only the named project manager is told about the new task, not every analyst.
    const told = await eventually(async () => {
      const rows = await dataSource.getRepository(NoticeEntity).findBy({ taskId: confirm1.taskId, kind: 'new-task' });
      return rows.length ? rows : undefined;
    }, 'new-task notice');
    expect(told.map((n) => n.recipient)).toEqual(['analyst_1']);
    expect(await d.orderTasks(parent.workflowId)).toEqual([
      expect.objectContaining({ taskNo: 1, projectManager: 'analyst_1', state: 'dispatched' }),
      expect.objectContaining({ taskNo: 2, projectManager: 'analyst_2', members: ['report_dual_1'], state: 'dispatched' }),
    ]);

    // An analyst who is not the named project manager is refused by the workflow itself.
    await t1.signal(decisionSignal, { taskId: confirm1.taskId, username: 'analyst_2', decision: 'confirmed', data: {}, decidedAt: new Date().toISOString() });
    const refusal = await eventually(() => dataSource.getRepository(AuditLogEntity).findOneBy({ taskId: confirm1.taskId, action: 'refusal' }), 'refusal');
    expect(refusal.detail).toMatchObject({ by: 'workflow', code: 'FORBIDDEN' });

    await d.investigate(t1, TEAM_A);
    await d.approveReviews(t1, REVIEW_STEPS);
    await d.childEnded(t1);
    // Task 1 passed, task 2 not yet: no delivery.
    expect(await dataSource.getRepository(TaskEntity).countBy({ processId: parent.workflowId, step: 'deliver' })).toBe(0);
    expect((await parent.query(caseStateQuery)).businessStatus).toBe('in-production');

    await d.decide(t2, 'confirm', 'analyst_2', 'confirmed', {});
    await d.decide(t2, 'prepare', 'report_dual_1', 'prepared', { contactPerson: '赵', contactedOn: '2026-03-04', reportTemplate: '标准', documentList: ['营业执照'], visitScheduledOn: '2026-03-06' });
    await d.decide(t2, 'field-visit', 'analyst_2', 'visited', { visitedOn: '2026-03-06', interviewees: '法定代表人', findings: '正常' });
    await d.decide(t2, 'draft', 'report_dual_1', 'reviewed', DRAFT('analyst_2'));
    await d.decide(t2, 'upload', 'analyst_2', 'uploaded', UPLOAD(1));
    const review = await openTask(dataSource, t2.workflowId, 'dept-review');
    expect(review.excludedUsers.sort()).toEqual(['analyst_2', 'report_dual_1']);
    await t2.signal(decisionSignal, { taskId: review.taskId, username: 'report_dual_1', decision: 'approve', data: OPINION(), decidedAt: new Date().toISOString() });
    const fourEyes = await eventually(() => dataSource.getRepository(AuditLogEntity).findOneBy({ taskId: review.taskId, action: 'refusal' }), 'four-eyes refusal');
    expect(fourEyes.detail).toMatchObject({ by: 'workflow', code: 'FOUR_EYES' });
    await d.decide(t2, 'dept-review', 'product_head', 'approve', OPINION());

    await openTask(dataSource, parent.workflowId, 'deliver');
    expect(await d.countTasks(parent.workflowId, REVIEW_STEPS)).toBe(2);
    await d.deliverAndArchive(parent);
    const result = await parent.result();
    expect(result).toMatchObject({ outcome: 'delivered', data: { deliverables: [{ taskNo: 1 }, { taskNo: 2 }] } });
    expect((await d.orderTasks(parent.workflowId)).map((t) => t.state)).toEqual(['passed', 'passed']);
  });
});

describe('the front half', () => {
  it('re-opens a dispatch that names a non-marketer or a non-analyst, and abandons only by a decision with a reason', async () => {
    const parent = await d.start('investigation-report', investigationInput('standard', 20_000));
    await d.decide(parent, 'accept', 'marketer_1', 'accept', ACCEPTANCE);
    await d.decide(parent, 'contract-dispatch', 'cs_head', 'assign', { marketer: 'cashier_1' });
    const again = await openTask(dataSource, parent.workflowId, 'contract-dispatch');
    expect(again).toMatchObject({ round: 2, title: expect.stringContaining('cashier_1 不是在岗的市场营销人员') });
    await d.decide(parent, 'contract-dispatch', 'cs_head', 'assign', { marketer: 'marketer_1' });
    await d.decide(parent, 'contract', 'marketer_1', 'signed', CONTRACT);
    await d.decide(parent, 'contract-approval', 'cs_head', 'approve', {});
    await d.decide(parent, 'payment', 'cashier_1', 'paid', PAYMENT(20_000));
    await d.decide(parent, 'task-dispatch', 'product_head', 'dispatch', { tasks: [{ title: '任务', targetName: '目标', projectManager: 'analyst_1', members: ['it_staff_1'] }] });
    const redispatch = await openTask(dataSource, parent.workflowId, 'task-dispatch');
    expect(redispatch).toMatchObject({ round: 2, title: expect.stringContaining('it_staff_1 不是在岗的调查分析员') });
    expect(redispatch.decisions).toEqual(['dispatch']);
    await parent.terminate('test done');

    // Abandonment: offered where the client may walk away; a reason is required.
    const walkAway = await d.start('investigation-report', investigationInput('deep', 90_000));
    await d.decide(walkAway, 'accept', 'marketer_1', 'accept', ACCEPTANCE);
    await d.decide(walkAway, 'contract-dispatch', 'cs_head', 'assign', { marketer: 'marketer_1' });
    const contract = await openTask(dataSource, walkAway.workflowId, 'contract');
    expect(contract.decisions).toEqual(['signed', 'abandon']);
    await walkAway.signal(decisionSignal, { taskId: contract.taskId, username: 'marketer_1', decision: 'abandon', data: CONTRACT, decidedAt: new Date().toISOString() });
    const noReason = await eventually(() => dataSource.getRepository(AuditLogEntity).findOneBy({ taskId: contract.taskId, action: 'refusal' }), 'refusal without reason');
    expect(noReason.detail).toMatchObject({ code: 'VALIDATION_FAILED' });
    await d.decide(walkAway, 'contract', 'marketer_1', 'abandon', CONTRACT, '客户决定不再委托调查');
    expect(await walkAway.result()).toMatchObject({ outcome: 'abandoned', data: { abandonment: { step: 'contract', by: 'marketer_1', reason: '客户决定不再委托调查' } } });
    expect(await d.order(walkAway.workflowId)).toMatchObject({ state: 'abandoned', stateReason: 'contract：客户决定不再委托调查' });
  });

  it('a return sends the contract back to the marketer; a rejection by the center head ends the case', async () => {
    const parent = await d.start('investigation-report', investigationInput('custom', 400_000));
    await d.decide(parent, 'accept', 'marketer_1', 'accept', ACCEPTANCE);
    await d.decide(parent, 'contract-dispatch', 'cs_head', 'assign', { marketer: 'marketer_1' });
    await d.decide(parent, 'contract', 'marketer_1', 'signed', CONTRACT);
    await d.decide(parent, 'contract-approval', 'cs_head', 'return', {}, '付款条款需与客户重新确认');
    const resign = await openTask(dataSource, parent.workflowId, 'contract');
    expect(resign.round).toBe(2);
    await d.decide(parent, 'contract', 'marketer_1', 'signed', { ...CONTRACT, contractNo: 'HT-2026-002' });
    await d.decide(parent, 'contract-approval', 'cs_head', 'approve', {});
    await d.decide(parent, 'contract-center-approval', 'center_head', 'reject', {}, '定制内容超出公司业务范围');
    await d.decide(parent, 'archive', 'archivist_1', 'filed', { receiptNo: 'DA-2026-102' });
    expect(await parent.result()).toMatchObject({ outcome: 'contract-rejected', data: { reason: '定制内容超出公司业务范围' } });
    expect(await d.order(parent.workflowId)).toMatchObject({ state: 'contract-rejected', contractNo: 'HT-2026-002', stateReason: '定制内容超出公司业务范围' });
  });

  it('an application not accepted ends the case with the reason, filed', async () => {
    const parent = await d.start('investigation-report', investigationInput('standard', 10_000));
    await d.decide(parent, 'accept', 'marketer_1', 'reject', { ...ACCEPTANCE, documentsVerified: false }, '未提供单位介绍信');
    await d.decide(parent, 'archive', 'archivist_1', 'filed', { receiptNo: 'DA-2026-103' });
    expect(await parent.result()).toMatchObject({ outcome: 'not-accepted', data: { reason: '未提供单位介绍信' } });
    expect(await d.order(parent.workflowId)).toMatchObject({ state: 'not-accepted', stateReason: '未提供单位介绍信' });
    expect(await dataSource.getRepository(OrderEntity).countBy({ processId: parent.workflowId })).toBe(1);
  });
});

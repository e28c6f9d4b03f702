/**
 * P8 investigation report and P9 value-added service end to end: demo users drive orders over HTTP
 * against the real Temporal dev server, worker and PostgreSQL. The number of review tasks matches
 * the report type and amount (P8) and the product kind (P9); only the named project manager may
 * take the manager's steps; a team member who also heads the department is refused 403 FOUR_EYES
 * on the review; an order is abandoned only with a reason. Finished histories become fixtures.
 */
import * as bcrypt from 'bcryptjs';
import { DEMO_PASSWORD } from '../../libs/persistence/demo-data';
import { ApiHarness, startApiHarness, until } from '../support/api-harness';
import { inboxDriver, InboxTask } from '../support/inbox-driver';
import { ACCEPTANCE, ARCHIVE, CONFIRM, CONTRACT, DELIVERY, dispatch, DRAFT, FIELD_VISIT, investigationInput, OPINION, PAYMENT, PLAN, PLAN_REVIEW_STEPS, PREPARATION, PRODUCT, PRODUCT_REVIEW_STEPS, REVIEW_STEPS, TeamSpec, UPLOAD, valueAddedInput } from '../support/report-input';

let h: ApiHarness;
const { start, pendingTask, complete, finished, keepFixture } = inboxDriver(() => h);

beforeAll(async () => {
  h = await startApiHarness();
});
afterAll(async () => {
  await h?.close();
});


/** Review tasks created in a case's children, counted from their business timelines (API history). */
async function reviewTasks(processId: string, steps: string[]): Promise<Record<string, string[]>> {
  const supervisor = await h.as('supervisor_1');
  const parent = await supervisor.get(`/processes/${processId}`).expect(200);
  const counts: Record<string, string[]> = {};
  for (const child of parent.body.children as string[]) {
    const history = await supervisor.get(`/processes/${child}/history`).expect(200);
    counts[child] = (history.body.events as Array<{ kind: string; step?: string }>).filter((e) => e.kind === 'task-created' && steps.includes(e.step!)).map((e) => e.step!);
  }
  return counts;
}

async function replayable(processId: string): Promise<void> {
  const replay = await (await h.as('auditor_1')).post(`/processes/${processId}/replay`).expect(200);
  expect(replay.body).toMatchObject({ processId, deterministic: true });
}

/** accept → contract-dispatch → contract → approval(s) → payment → task-dispatch, by the demo users. */
async function orderFrontHalf(processId: string, amount: number, teams: TeamSpec[], centerHead: boolean): Promise<void> {
  await complete('marketer_1', processId, 'accept', 'accept', ACCEPTANCE);
  await complete('cs_head', processId, 'contract-dispatch', 'assign', { marketer: 'marketer_1' });
  await complete('marketer_1', processId, 'contract', 'signed', CONTRACT);
  await complete('cs_head', processId, 'contract-approval', 'approve', { opinion: '同意签订' });
  if (centerHead) {
    await complete('center_head', processId, 'contract-center-approval', 'approve', { opinion: '同意' });
  } else {
    await pendingTask('cashier_1', processId, 'payment');
    const centerInbox = await (await h.as('center_head')).get(`/tasks?view=pending&processId=${processId}`).expect(200);
    expect(centerInbox.body.items).toEqual([]);
  }
  await complete('cashier_1', processId, 'payment', 'paid', PAYMENT(amount));
  await complete('product_head', processId, 'task-dispatch', 'dispatch', dispatch(teams));
}

/** The team's steps of one investigation task (the child's tasks show in the parent's inbox filter). */
async function investigate(processId: string, taskNo: number, team: TeamSpec): Promise<void> {
  const childId = `${processId}.task-${taskNo}`;
  const step = async (username: string, name: string, decision: string, data: object) => {
    const task = await pendingTask(username, processId, name);
    expect(task.processId).toBe(childId);
    const res = await (await h.as(username)).post(`/tasks/${task.taskId}/complete`, { decision, data });
    expect({ status: res.status, body: res.body }).toMatchObject({ status: 200 });
  };
  await step(team.projectManager, 'confirm', 'confirmed', CONFIRM);
  await step(team.members[0], 'prepare', 'prepared', PREPARATION);
  await step(team.projectManager, 'field-visit', 'visited', FIELD_VISIT);
  await step(team.members[0], 'draft', 'reviewed', DRAFT(team.projectManager));
  await step(team.projectManager, 'upload', 'uploaded', UPLOAD(1));
}

async function deliverAndArchive(processId: string): Promise<void> {
  await complete('marketer_1', processId, 'deliver', 'delivered', DELIVERY);
  await complete('archivist_1', processId, 'archive', 'filed', ARCHIVE);
}

describe('P8 investigation report, driven by demo users', () => {
  it('lists both order types with their start roles and input schemas', async () => {
    const res = await (await h.as('marketer_1')).get('/process-types').expect(200);
    const p8 = res.body.find((t: { type: string }) => t.type === 'investigation-report');
    const p9 = res.body.find((t: { type: string }) => t.type === 'value-added-service');
    expect(p8).toMatchObject({ titleZh: '调查报告', startRoles: ['service_clerk', 'marketer'] });
    expect(p8.inputSchema.properties.reportType.enum).toEqual(['standard', 'deep', 'custom']);
    expect(p8.inputSchema.required).toEqual(expect.arrayContaining(['reportType', 'amount', 'clientName', 'subjects']));
    expect(p9.inputSchema.properties.productKind.enum).toEqual(['batch-data', 'analysis']);
    const bad = await (await h.as('marketer_1')).post('/processes', { type: 'investigation-report', input: investigationInput('standard', -1) });
    expect(bad.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED', details: [{ field: 'input.amount' }] });
    const forbidden = await (await h.as('analyst_1')).post('/processes', { type: 'investigation-report', input: investigationInput('standard', 1) });
    expect(forbidden.body).toMatchObject({ statusCode: 403, code: 'FORBIDDEN' });
  });

  it('standard, 80,000 yuan: cs_head alone approves the contract; one review task; the manager step is the named manager’s only', async () => {
    const team = { projectManager: 'analyst_1', members: ['analyst_2'] };
    const processId = await start('marketer_1', 'investigation-report', investigationInput('standard', 80_000));
    await orderFrontHalf(processId, 80_000, [team], false);

    // The confirm step is analyst_1's: analyst_2 does not see it and is refused.
    const confirm = await pendingTask('analyst_1', processId, 'confirm');
    expect(confirm.candidateUsers).toEqual(['analyst_1']);
    const others = await (await h.as('analyst_2')).get(`/tasks?view=pending&processId=${processId}`).expect(200);
    expect(others.body.items.map((t: InboxTask) => t.step)).not.toContain('confirm');
    const refused = await (await h.as('analyst_2')).post(`/tasks/${confirm.taskId}/complete`, { decision: 'confirmed', data: CONFIRM });
    expect(refused.body).toMatchObject({ statusCode: 403, code: 'FORBIDDEN' });

    await investigate(processId, 1, team);
    await complete('product_head', processId, 'dept-review', 'approve', OPINION());
    await deliverAndArchive(processId);
    const done = await finished(processId);
    expect(done).toMatchObject({ outcome: 'delivered', openTasks: [], children: [`${processId}.task-1`], data: { orderPolicy: { requiredReviewLevel: 1 } } });
    expect(await reviewTasks(processId, REVIEW_STEPS)).toEqual({ [`${processId}.task-1`]: ['dept-review'] });

    const [order] = await h.dataSource.query(`SELECT state, contract_approved_by, amount FROM orders WHERE process_id = $1`, [processId]);
    expect(order).toEqual({ state: 'archived', contract_approved_by: ['cs_head'], amount: '80000' });
    await replayable(processId);
    await replayable(`${processId}.task-1`);
    await keepFixture(processId, 'investigation-report-standard-delivered');
    await keepFixture(`${processId}.task-1`, 'investigation-report-child-task-passed');
  });

  it('custom, 1,200,000 yuan: center head signs; two tasks in parallel, three levels each; a level-2 rejection restarts at level 2; FOUR_EYES for a reviewer from the team', async () => {
    const dual = `report_dual_${Date.now() % 1_000_000}`;
    await h.dataSource.query(`INSERT INTO users (username, display_name, password_hash) VALUES ($1, '兼任部门负责人的调查分析员', $2)`, [dual, await bcrypt.hash(DEMO_PASSWORD, 10)]);
    await h.dataSource.query(`INSERT INTO user_roles (user_id, role, department) SELECT id, unnest(ARRAY['analyst','dept_head']), unnest(ARRAY[NULL,'product']) FROM users WHERE username = $1`, [dual]);
    const teamA = { projectManager: 'analyst_1', members: ['analyst_2'] };
    const teamB = { projectManager: 'analyst_2', members: [dual] };
    const processId = await start('marketer_1', 'investigation-report', investigationInput('custom', 1_200_000));
    await orderFrontHalf(processId, 1_200_000, [teamA, teamB], true);

    // Both children run at once: both confirm steps are open together.
    await pendingTask('analyst_1', processId, 'confirm');
    await pendingTask('analyst_2', processId, 'confirm');
    await investigate(processId, 1, teamA);
    await investigate(processId, 2, teamB);

    // Task 2's review: the department head who drafted on the team is refused.
    const review2 = await until(async () => {
      const res = await (await h.as('product_head')).get(`/tasks?view=pending&processId=${processId}.task-2`).expect(200);
      return (res.body.items as InboxTask[]).find((t) => t.step === 'dept-review');
    }, 'task 2 dept-review');
    const fourEyes = await (await h.as(dual)).post(`/tasks/${review2.taskId}/complete`, { decision: 'approve', data: OPINION() });
    expect(fourEyes.body).toMatchObject({ statusCode: 403, code: 'FOUR_EYES' });

    const child1 = `${processId}.task-1`;
    const child2 = `${processId}.task-2`;
    const decideOn = async (child: string, username: string, step: string, decision: string, data: object, comment?: string) => {
      const task = await until(async () => {
        const res = await (await h.as(username)).get(`/tasks?view=pending&processId=${child}`).expect(200);
        return (res.body.items as InboxTask[]).find((t) => t.step === step);
      }, `${step} of ${child}`);
      const res = await (await h.as(username)).post(`/tasks/${task.taskId}/complete`, { decision, data, comment });
      expect({ status: res.status, body: res.body }).toMatchObject({ status: 200 });
    };
    await decideOn(child1, 'product_head', 'dept-review', 'approve', OPINION());
    await decideOn(child2, 'product_head', 'dept-review', 'approve', OPINION());
    await decideOn(child1, 'division_leader_1', 'leader-review', 'reject', OPINION('同业对比不足'), '补充同业对比分析');
    await decideOn(child2, 'division_leader_1', 'leader-review', 'approve', OPINION());
    await decideOn(child1, 'analyst_1', 'upload', 'uploaded', UPLOAD(2));
    await decideOn(child1, 'division_leader_1', 'leader-review', 'approve', OPINION('已补充'));
    await decideOn(child1, 'committee_member_1', 'committee-review', 'approve', OPINION('评审通过'));
    // Task 1 passed, task 2 still at the committee: nothing to deliver yet.
    await until(async () => (await h.dataSource.query(`SELECT 1 FROM processes WHERE process_id = $1 AND status = 'completed'`, [child1])).length > 0, 'task 1 passed');
    expect((await (await h.as('marketer_1')).get(`/tasks?view=pending&processId=${processId}`).expect(200)).body.items.map((t: InboxTask) => t.step)).not.toContain('deliver');
    await decideOn(child2, 'committee_member_1', 'committee-review', 'approve', OPINION('评审通过'));

    await deliverAndArchive(processId);
    expect(await finished(processId)).toMatchObject({ outcome: 'delivered', data: { orderPolicy: { requiredReviewLevel: 3, contractApprovers: ['dept_head@customer_service', 'center_head'] } } });
    expect(await reviewTasks(processId, REVIEW_STEPS)).toEqual({
      [child1]: ['dept-review', 'leader-review', 'leader-review', 'committee-review'],
      [child2]: ['dept-review', 'leader-review', 'committee-review'],
    });
    const versions = await h.dataSource.query(
      `SELECT t.task_no, v.version, v.status FROM report_versions v JOIN order_tasks t ON t.id = v.order_task_id JOIN orders o ON o.id = t.order_id WHERE o.process_id = $1 ORDER BY 1, 2`,
      [processId],
    );
    expect(versions).toEqual([
      { task_no: 1, version: 1, status: 'rejected' },
      { task_no: 1, version: 2, status: 'approved' },
      { task_no: 2, version: 1, status: 'approved' },
    ]);
    await replayable(processId);
    await keepFixture(processId, 'investigation-report-custom-large-delivered');
    await keepFixture(child1, 'investigation-report-child-task-rejected-at-level-2');
  });

  it('is abandoned only by a decision with a reason', async () => {
    const processId = await start('marketer_1', 'investigation-report', investigationInput('deep', 60_000));
    await complete('marketer_1', processId, 'accept', 'accept', ACCEPTANCE);
    await complete('cs_head', processId, 'contract-dispatch', 'assign', { marketer: 'marketer_1' });
    await complete('marketer_1', processId, 'contract', 'signed', CONTRACT);
    await complete('cs_head', processId, 'contract-approval', 'approve', {});
    await complete('center_head', processId, 'contract-center-approval', 'approve', {});
    const payment = await pendingTask('cashier_1', processId, 'payment');
    expect(payment.decisions).toEqual(['paid', 'abandon']);
    const noReason = await (await h.as('cashier_1')).post(`/tasks/${payment.taskId}/complete`, { decision: 'abandon', data: PAYMENT(0) });
    expect(noReason.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED', details: [{ field: 'comment' }] });
    await complete('cashier_1', processId, 'payment', 'abandon', PAYMENT(0), '客户逾期未缴费，书面确认放弃');
    expect(await finished(processId)).toMatchObject({ outcome: 'abandoned', data: { abandonment: { step: 'payment', by: 'cashier_1', reason: '客户逾期未缴费，书面确认放弃' } } });
    const [order] = await h.dataSource.query(`SELECT state FROM orders WHERE process_id = $1`, [processId]);
    expect(order.state).toBe('abandoned');
    await keepFixture(processId, 'investigation-report-abandoned');
  });
});

describe('P9 value-added service, driven by demo users', () => {
  it.each([
    ['analysis', 3],
    ['batch-data', 0],
  ] as const)('%s: the center head signs, two plan reviews and %i product reviews', async (kind, productLevels) => {
    const team = { projectManager: 'analyst_2', members: ['analyst_1'] };
    const processId = await start('marketer_1', 'value-added-service', valueAddedInput(kind, 50_000));
    await orderFrontHalf(processId, 50_000, [team], true);
    await complete('analyst_2', processId, 'confirm', 'confirmed', CONFIRM);
    await complete('analyst_2', processId, 'plan', 'uploaded', PLAN(1));
    await complete('product_head', processId, 'plan-dept-review', 'approve', OPINION());
    await complete('division_leader_1', processId, 'plan-leader-review', 'approve', OPINION());
    await complete('analyst_2', processId, 'produce', 'uploaded', PRODUCT(1));
    if (productLevels) {
      await complete('product_head', processId, 'product-dept-review', 'approve', OPINION());
      await complete('division_leader_1', processId, 'product-leader-review', 'approve', OPINION());
      await complete('committee_member_1', processId, 'product-committee-review', 'approve', OPINION());
    }
    await deliverAndArchive(processId);
    expect(await finished(processId)).toMatchObject({ outcome: 'delivered' });
    const child = `${processId}.task-1`;
    expect(await reviewTasks(processId, [...PLAN_REVIEW_STEPS, ...PRODUCT_REVIEW_STEPS])).toEqual({ [child]: [...PLAN_REVIEW_STEPS, ...PRODUCT_REVIEW_STEPS.slice(0, productLevels)] });
    await replayable(processId);
    await keepFixture(processId, `value-added-service-${kind}-delivered`);
    await keepFixture(child, `value-added-service-child-project-${kind}`);
  });
});

describe('order channels (001 §44–47), driven by demo users', () => {
  it('member agreement (§46(五)): the start form carries the agreement flag; no contract and no fee — the reviewer confirms validity and marks the fee', async () => {
    const types = await (await h.as('service_clerk_1')).get('/process-types').expect(200);
    expect(types.body.find((t: { type: string }) => t.type === 'value-added-service').inputSchema.properties.memberAgreementCovers).toMatchObject({ type: 'boolean' });
    const team = { projectManager: 'analyst_2', members: ['analyst_1'] };
    const processId = await start('service_clerk_1', 'value-added-service', valueAddedInput('batch-data', 50_000, { channel: 'member', memberAgreementCovers: true }));
    await complete('service_clerk_1', processId, 'accept', 'accept', ACCEPTANCE);
    const validation = await pendingTask('service_reviewer_1', processId, 'member-validation');
    const own = await (await h.as('service_clerk_1')).post(`/tasks/${validation.taskId}/complete`, { decision: 'confirm', data: { agreementNo: 'HYXY-2026-007', valid: true, feeMarked: true } });
    expect(own.status).toBe(403);
    await complete('service_reviewer_1', processId, 'member-validation', 'confirm', { agreementNo: 'HYXY-2026-007', valid: true, feeMarked: true });
    await complete('product_head', processId, 'task-dispatch', 'dispatch', dispatch([team]));
    await complete('analyst_2', processId, 'confirm', 'confirmed', CONFIRM);
    await complete('analyst_2', processId, 'plan', 'uploaded', PLAN(1));
    await complete('product_head', processId, 'plan-dept-review', 'approve', OPINION());
    await complete('division_leader_1', processId, 'plan-leader-review', 'approve', OPINION());
    await complete('analyst_2', processId, 'produce', 'uploaded', PRODUCT(1));
    await deliverAndArchive(processId);
    expect(await finished(processId)).toMatchObject({ outcome: 'delivered' });
    const history = await (await h.as('supervisor_1')).get(`/processes/${processId}/history`).expect(200);
    const steps = (history.body.events as Array<{ kind: string; step?: string }>).filter((e) => e.kind === 'completed').map((e) => e.step);
    expect(steps).not.toContain('contract');
    expect(steps).not.toContain('payment');
    const [order] = await h.dataSource.query(`SELECT state, payment_ref, amount_received FROM orders WHERE process_id = $1`, [processId]);
    expect(order).toMatchObject({ state: 'archived', payment_ref: '会员协议 HYXY-2026-007' });
    await replayable(processId);
    await keepFixture(processId, 'value-added-service-member-agreement-delivered');
  });

  it('website (§44(二)): the application registered by one clerk is imported by a reviewer, then contracted as usual', async () => {
    const team = { projectManager: 'analyst_1', members: ['analyst_2'] };
    const processId = await start('service_clerk_1', 'investigation-report', investigationInput('standard', 80_000, { channel: 'website' }));
    await complete('service_clerk_1', processId, 'accept', 'accept', ACCEPTANCE);
    const importTask = await pendingTask('service_reviewer_1', processId, 'application-import');
    expect(importTask.decisions).toEqual(['confirm', 'return']);
    await complete('service_reviewer_1', processId, 'application-import', 'confirm', { registerNo: 'WZDJ-2026-001' });
    await complete('cs_head', processId, 'contract-dispatch', 'assign', { marketer: 'marketer_1' });
    await complete('marketer_1', processId, 'contract', 'signed', CONTRACT);
    await complete('cs_head', processId, 'contract-approval', 'approve', { opinion: '同意签订' });
    await complete('cashier_1', processId, 'payment', 'paid', PAYMENT(80_000));
    await complete('product_head', processId, 'task-dispatch', 'dispatch', dispatch([team]));
    await investigate(processId, 1, team);
    await complete('product_head', processId, 'dept-review', 'approve', OPINION());
    await deliverAndArchive(processId);
    expect(await finished(processId)).toMatchObject({ outcome: 'delivered' });
    await replayable(processId);
    await keepFixture(processId, 'investigation-report-website-delivered');
  });

  it('active marketing (§47): the accepting marketer signs without a dispatch; the reviewer audits again before the fee', async () => {
    const team = { projectManager: 'analyst_1', members: ['analyst_2'] };
    const processId = await start('marketer_1', 'investigation-report', investigationInput('standard', 80_000, { channel: 'marketing' }));
    await complete('marketer_1', processId, 'accept', 'accept', ACCEPTANCE);
    await complete('marketer_1', processId, 'contract', 'signed', CONTRACT);
    await complete('cs_head', processId, 'contract-approval', 'approve', { opinion: '同意签订' });
    await complete('service_reviewer_1', processId, 'marketing-recheck', 'confirm', ACCEPTANCE);
    await complete('cashier_1', processId, 'payment', 'paid', PAYMENT(80_000));
    await complete('product_head', processId, 'task-dispatch', 'dispatch', dispatch([team]));
    await investigate(processId, 1, team);
    await complete('product_head', processId, 'dept-review', 'approve', OPINION());
    await deliverAndArchive(processId);
    expect(await finished(processId)).toMatchObject({ outcome: 'delivered' });
    await replayable(processId);
    await keepFixture(processId, 'investigation-report-marketing-delivered');
  });
});

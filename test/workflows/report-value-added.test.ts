/**
 * P9 value-added service on the time-skipping server: the shared front half (the center head always
 * signs a value-added contract), plan review at two levels, product review none for batch data and
 * three levels for analysis products, and rejections that loop back to the plan or the product and
 * restart review at the level that rejected.
 */
import { DataSource } from 'typeorm';
import { openTestDatabase } from '../support/database';
import { ReportDriver } from '../support/report-driver';
import { CONFIRM, OPINION, PLAN, PLAN_REVIEW_STEPS, PRODUCT, PRODUCT_REVIEW_STEPS, valueAddedInput } from '../support/report-input';
import { Harness, openTask, startHarness } from '../support/workflow-harness';

let dataSource: DataSource;
let h: Harness;
let d: ReportDriver;

const TEAM = { projectManager: 'analyst_2', members: ['analyst_1'] };

beforeAll(async () => {
  dataSource = await openTestDatabase();
  h = await startHarness(dataSource, '2026-03-02T09:30:00+08:00');
  d = new ReportDriver(h, dataSource);
});
afterAll(async () => {
  await h?.close();
  await dataSource?.destroy();
});

describe('plan review two levels; product review by product kind (001 §68, §70)', () => {
  it.each([
    ['batch-data', 0],
    ['analysis', 3],
  ] as const)('%s: 2 plan reviews and %i product reviews', async (kind, productLevels) => {
    const parent = await d.start('value-added-service', valueAddedInput(kind, 30_000));
    // §44(四)(3): a value-added contract goes to the company head whatever its amount.
    expect(await d.contractAndPayment(parent, 30_000)).toEqual({ centerHeadApproved: true });
    const dispatchTask = await openTask(dataSource, parent.workflowId, 'task-dispatch');
    expect(dispatchTask.prefill).toMatchObject({ tasks: [{ reviewLevel: productLevels }, { reviewLevel: productLevels }] });
    await d.dispatch(parent, [TEAM]);
    const project = d.child(parent, 1);

    await d.decide(project, 'confirm', 'analyst_2', 'confirmed', CONFIRM);
    await d.decide(project, 'plan', 'analyst_2', 'uploaded', PLAN(1));
    expect(await d.approveReviews(project, PLAN_REVIEW_STEPS, 'produce')).toEqual(PLAN_REVIEW_STEPS);
    await d.decide(project, 'produce', 'analyst_2', 'uploaded', PRODUCT(1));
    expect(await d.approveReviews(project, PRODUCT_REVIEW_STEPS)).toEqual(PRODUCT_REVIEW_STEPS.slice(0, productLevels));

    await openTask(dataSource, parent.workflowId, 'deliver');
    expect(await d.countTasks(parent.workflowId, PLAN_REVIEW_STEPS)).toBe(2);
    expect(await d.countTasks(parent.workflowId, PRODUCT_REVIEW_STEPS)).toBe(productLevels);
    await d.deliverAndArchive(parent);
    expect(await parent.result()).toMatchObject({ outcome: 'delivered', data: { deliverables: [{ taskNo: 1, documentNo: 'CP-2026-001', version: 1, reviews: 2 + productLevels }] } });

    const order = await d.order(parent.workflowId);
    expect(order).toMatchObject({ service: 'value-added-service', productType: kind, state: 'archived', contractApprovedBy: ['cs_head', 'center_head'] });
    const [orderTask] = await d.orderTasks(parent.workflowId);
    expect(orderTask).toMatchObject({ reviewLevel: productLevels, state: 'passed' });
    expect(await d.versions(orderTask.id, 'plan')).toEqual([
      { version: 1, status: 'approved', uploadedBy: 'analyst_2', opinions: [['plan-dept-review', 'product_head', 'approve'], ['plan-leader-review', 'division_leader_1', 'approve']] },
    ]);
    expect(await d.versions(orderTask.id, 'product')).toEqual([
      { version: 1, status: productLevels ? 'approved' : 'submitted', uploadedBy: 'analyst_2', opinions: PRODUCT_REVIEW_STEPS.slice(0, productLevels).map((s) => [s, expect.any(String), 'approve']) },
    ]);
  });
});

describe('rejections loop as in P8', () => {
  it('the leader rejects the plan, the committee rejects the product: each is revised and review restarts at that level', async () => {
    const parent = await d.start('value-added-service', valueAddedInput('analysis', 2_000_000));
    await d.contractAndPayment(parent, 2_000_000);
    await d.dispatch(parent, [TEAM]);
    const project = d.child(parent, 1);
    await d.decide(project, 'confirm', 'analyst_2', 'confirmed', CONFIRM);
    await d.decide(project, 'plan', 'analyst_2', 'uploaded', PLAN(1));
    await d.decide(project, 'plan-dept-review', 'product_head', 'approve', OPINION());
    await d.decide(project, 'plan-leader-review', 'division_leader_1', 'reject', OPINION('样本范围过窄'), '扩大样本范围至全市');
    expect((await openTask(dataSource, project.workflowId, 'plan')).round).toBe(2);
    await d.decide(project, 'plan', 'analyst_2', 'uploaded', PLAN(2));
    expect(await d.nextOpenStep(project.workflowId, ['plan-dept-review', 'plan-leader-review'])).toBe('plan-leader-review');
    await d.decide(project, 'plan-leader-review', 'division_leader_1', 'approve', OPINION());

    await d.decide(project, 'produce', 'analyst_2', 'uploaded', PRODUCT(1));
    await d.decide(project, 'product-dept-review', 'product_head', 'approve', OPINION());
    await d.decide(project, 'product-leader-review', 'division_leader_1', 'approve', OPINION());
    await d.decide(project, 'product-committee-review', 'committee_member_2', 'reject', OPINION('结论需要数据支撑'), '补充行业对比数据');
    expect((await openTask(dataSource, project.workflowId, 'produce')).round).toBe(2);
    await d.decide(project, 'produce', 'analyst_2', 'uploaded', PRODUCT(2));
    expect(await d.nextOpenStep(project.workflowId, PRODUCT_REVIEW_STEPS)).toBe('product-committee-review');
    await d.decide(project, 'product-committee-review', 'committee_member_2', 'approve', OPINION());

    await openTask(dataSource, parent.workflowId, 'deliver');
    const [orderTask] = await d.orderTasks(parent.workflowId);
    expect((await d.versions(orderTask.id, 'plan')).map((v) => [v.version, v.status, v.opinions.length])).toEqual([
      [1, 'rejected', 2],
      [2, 'approved', 1],
    ]);
    expect((await d.versions(orderTask.id, 'product')).map((v) => [v.version, v.status, v.opinions.length])).toEqual([
      [1, 'rejected', 3],
      [2, 'approved', 1],
    ]);
    expect(await d.countTasks(parent.workflowId, [...PLAN_REVIEW_STEPS, ...PRODUCT_REVIEW_STEPS])).toBe(7);
    await d.deliverAndArchive(parent);
    expect(await parent.result()).toMatchObject({ outcome: 'delivered', data: { deliverables: [{ version: 2, reviews: 7 }] } });
  });
});

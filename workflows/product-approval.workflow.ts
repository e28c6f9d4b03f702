/**
 * P4 Product approval with tiered review (产品新增/修改, 001 §22–32):
 * proposal (征信产品立项书) → tier 1 dept-approval (product) → tier 2 it-approval → dev-setup
 * (product set up in development, test plan) → test-run until a run passes → tier 3 the review
 * committee (secretary records, members sign) → maintenance-notice → tier 4 gm-sign → maintenance
 * by the sysadmin in the next non-business-hours window → departments told on the 2nd working
 * day → archive. Any tier approves, rejects (the case ends, reason recorded) or returns one step.
 * Also run as a child of P4c (indicator maintenance) for each product an indicator feeds.
 */
import type { ProcessResult, ProcessStart } from '../libs/contracts/workflow-contract';
import { PRODUCT_POLICY, PRODUCT_TYPE_ZH, ProductProposal } from '../libs/domain/product-policy';
import type { TaskFormData } from '../libs/procedures/registry';
import { PRODUCT_VOCABULARY } from '../libs/procedures/product.vocabulary';
import { acts, CaseAbandoned, CaseRun, reads } from './case-run';
import { committee, Rejection, Returned, submitAndTiers, tiers } from './review-parts';

type ProductRun = CaseRun<typeof PRODUCT_VOCABULARY>;

export async function productApprovalWorkflow(start: ProcessStart<ProductProposal>): Promise<ProcessResult> {
  const run: ProductRun = new CaseRun(start, PRODUCT_VOCABULARY);
  let proposal = start.input;
  let setUps = 0;
  let testRuns = 0;
  let notice: Partial<TaskFormData<'product-maintenance-notice'>> = {};

  const documents = () => [
    { name: '市场调查报告', ref: proposal.productCode },
    { name: '征信产品立项书', ref: proposal.productCode },
    ...(testRuns ? [{ name: `产品测试报告（${testRuns}次测试）`, ref: proposal.productCode }] : []),
    ...(run.actorsOf('committee-review').length ? [{ name: '产品评审意见书', ref: proposal.productCode }] : []),
    ...(notice.noticeNo ? [{ name: '征信产品维护通知单', ref: notice.noticeNo }] : []),
  ];

  /** Ending without maintenance: development goes back to what production has. */
  const discardDevelopment = async () => {
    if (setUps) await acts.discardProductDevelopment({ processId: run.processId, productCode: proposal.productCode, by: 'system', at: run.now().toISOString() });
  };

  const rejected = async (rejection: Rejection): Promise<ProcessResult> => {
    await discardDevelopment();
    await run.setStatus('rejected', { rejection });
    await run.archive(documents());
    return run.finish('rejected', { rejection, productCode: proposal.productCode });
  };

  /** 001 §26(一): the proposal, approved by the product department's head, then the IT head's. */
  const proposeAndApprove = (returned: Returned | null) =>
    submitAndTiers(run, {
      step: 'proposal',
      status: 'proposal',
      candidateRoles: ['product_developer'],
      form: 'product-proposal',
      titles: { first: '提交征信产品立项书', again: '修改征信产品立项书' },
      current: proposal,
      returned,
      problemKey: 'proposalProblem',
      check: async (next, current) =>
        next.productCode !== current.productCode || next.serviceType !== current.serviceType
          ? `产品编号和服务类型不能修改（${current.serviceType} ${current.productCode}）；如需另立项请放弃本案`
          : reads.checkProductProposal({ processId: run.processId, proposal: next }),
      submitted: { status: 'proposed', data: (value) => ({ proposal: value }) },
      // 001 §26(一)(2): 经本部门负责人批准后 … 经信息技术部负责人批准后.
      tiers: (value) => [
        { status: 'dept-approval', step: 'dept-approval', title: '产品研发部负责人审批征信产品立项书', candidateRoles: ['dept_head@product'], notBy: ['proposal'], prefill: { ...value } },
        { status: 'it-approval', step: 'it-approval', title: '信息技术部负责人审批征信产品立项书', candidateRoles: ['dept_head@it'], notBy: ['proposal'], prefill: { ...value } },
      ],
    });

  /** 001 §26(一)(2): the product manager adds the product in development and writes the test plan. */
  const setUpInDevelopment = async () => {
    const plan = await run.task({
      status: 'dev-setup',
      step: 'dev-setup',
      candidateRoles: ['product_manager'],
      decisions: ['done'] as const,
      form: 'product-test-plan',
      prefill: { productCode: proposal.productCode, productName: proposal.productName, indicatorCodes: proposal.indicatorCodes },
    });
    setUps += 1;
    const { version } = await acts.setUpProductInDevelopment({ processId: run.processId, round: setUps, proposal, testPlan: { ...plan.data }, by: plan.actor, at: run.now().toISOString() });
    await run.setStatus('testing', { development: { version, setUpBy: plan.actor } });
  };

  /** 001 §26(二): tested in development with simulated data until a run passes; every run's result is recorded. */
  const testUntilPassed = async () => {
    for (;;) {
      const tested = await run.task({
        status: 'testing',
        step: 'test-run',
        title: `产品测试（第${testRuns + 1}次），填写产品测试报告`,
        candidateRoles: ['product_developer'],
        decisions: ['passed', 'failed'] as const,
        form: 'product-test-run',
        caseData: { testRuns },
        abandonable: true,
      });
      testRuns += 1;
      await acts.recordCatalogueTestRun({ processId: run.processId, subject: 'product', code: proposal.productCode, round: testRuns, result: tested.decision, report: { ...tested.data }, testedBy: tested.actor, testedAt: run.now().toISOString() });
      if (tested.decision === 'passed') return;
    }
  };

  /** 001 §26(三)(2): the committee reviews the tested product; it may send it back to testing. */
  const testAndReview = async () => {
    for (;;) {
      await testUntilPassed();
      const review = await committee(run, {
        title: '产品评审（评审委秘书填写产品评审意见书）',
        form: 'product-review-opinion',
        prefill: { reviewType: proposal.serviceType === 'new' ? 'launch' : 'modify' },
        caseData: { testRuns },
      });
      if (review.decision !== 'return') return review;
    }
  };

  const body = async (): Promise<ProcessResult> => {
    let returned: Returned | null = null;
    // The committee may send the proposal back for revision: then everything runs again.
    for (;;) {
      const approval = await proposeAndApprove(returned);
      proposal = approval.value;
      if (approval.result === 'rejected') return rejected(approval.rejection);
      await setUpInDevelopment();
      const review = await testAndReview();
      if (review.decision === 'reject') return rejected(review.reason);
      if (review.decision === 'approve') break;
      returned = { step: review.reason.step, by: review.reason.actor, reason: review.reason.reason };
    }

    // 001 §26(三)(3)(4): the product department fills the notice from the review opinion; it takes
    // effect once the general manager signs it, who may return it to be filled again.
    for (;;) {
      const filled = await run.task({
        status: 'maintenance-notice',
        step: 'maintenance-notice',
        candidateRoles: ['product_developer'],
        decisions: ['submit'] as const,
        form: 'product-maintenance-notice',
        prefill: { outputFormats: proposal.outputFormats?.length ? proposal.outputFormats : ['PDF'], ...notice },
      });
      notice = filled.data;
      const signed = await tiers(run, [
        {
          status: 'gm-sign',
          step: 'gm-sign',
          title: '总经理签发征信产品维护通知单',
          candidateRoles: ['center_head'],
          notBy: ['maintenance-notice'],
          prefill: { ...proposal, ...notice, maintenanceType: proposal.serviceType === 'new' ? 'add' : 'modify' },
        },
      ]);
      if (signed.result === 'rejected') return rejected(signed);
      if (signed.result === 'approved') return maintain();
    }
  };

  /** 001 §26(四): production is changed only outside business hours (非营业时间). */
  const maintain = async (): Promise<ProcessResult> => {
    await run.waitForMaintenanceWindow();
    const done = await run.task({
      status: 'maintenance',
      step: 'maintenance',
      title: proposal.serviceType === 'new' ? '生产环境新增产品并启用（非营业时间）' : '生产环境停止、修改并启用产品（非营业时间）',
      candidateRoles: ['sysadmin'],
      decisions: ['done'] as const,
      form: 'catalogue-maintenance-record',
      prefill: { ...proposal, ...notice, operationNote: proposal.serviceType === 'new' ? '按维护通知单在生产环境新增产品并做启用标志' : '按维护通知单在生产环境先停止产品，再修改产品并做启用标志' },
    });
    // A decision taken during business hours is carried out in the next window.
    await run.waitForMaintenanceWindow();
    const at = run.now().toISOString();
    const maintenance = await acts.applyProductMaintenance({
      processId: run.processId,
      productCode: proposal.productCode,
      serviceType: proposal.serviceType,
      outputFormats: notice.outputFormats ?? ['PDF'],
      by: done.actor,
      at,
    });
    await run.setStatus('maintained', { maintenance: { ...maintenance, by: done.actor, at } });
    const what = proposal.serviceType === 'new' ? '新增' : '修改';
    await run.notifyDepartmentsOnWorkingDay(PRODUCT_POLICY.notifyOnWorkingDay, {
      title: `产品维护通知：${what}产品 ${proposal.productName}`,
      body: `征信产品「${proposal.productName}」（${proposal.productCode}，${PRODUCT_TYPE_ZH[proposal.productType]}）已于 ${at} 在生产环境${what}并启用，版本 ${maintenance.version}。`,
    });
    await run.archive(documents());
    return run.finish(proposal.serviceType === 'new' ? 'launched' : 'modified', { productCode: proposal.productCode, version: maintenance.version, operations: maintenance.operations, testRuns });
  };

  return run.run(async () => {
    try {
      return await body();
    } catch (error) {
      if (error instanceof CaseAbandoned) await discardDevelopment();
      throw error;
    }
  });
}

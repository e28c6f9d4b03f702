/**
 * P4c Indicator maintenance (指标维护: add/modify/delete, 001 §29–31): the 指标维护通知单
 * (product_developer) → dept-approval (product) → it-approval → test by the sysadmin → the review
 * committee → gm-sign → [for every live product the indicator feeds: a P4 product modification
 * as a child case, finished before the indicator is touched, §30(四)(3)] → the sysadmin maintains
 * the indicator in development and promotes development to production in the next
 * non-business-hours window; both environments must then be identical (§29) → departments told
 * on the 2nd working day (§32) → archive (§31).
 */
import type { ProductChangeForIndicator } from '../libs/contracts/product-contracts';
import { WorkflowFailureType } from '../libs/contracts/failure-types';
import type { ProcessResult, ProcessStart } from '../libs/contracts/workflow-contract';
import { IndicatorNotice, PRODUCT_POLICY, productModificationFor } from '../libs/domain/product-policy';
import { PRODUCT_VOCABULARY } from '../libs/procedures/product.vocabulary';
import { acts, CaseRun, reads } from './case-run';
import { productApprovalWorkflow } from './product-approval.workflow';
import { committee, Rejection, Returned, submitAndTiers, tiers } from './review-parts';

type ProductRun = CaseRun<typeof PRODUCT_VOCABULARY>;
/** Where review of the notice ended: approved, rejected, or back to the developer (a failed test, a revision). */
type Review = { result: 'approved' } | { result: 'rejected'; rejection: Rejection } | { result: 'returned'; returned: Returned };

const VERB = { add: '增加', modify: '修改', delete: '删除' } as const;
const OUTCOME = { add: 'added', modify: 'modified', delete: 'deleted' } as const;

export async function indicatorMaintenanceWorkflow(start: ProcessStart<IndicatorNotice>): Promise<ProcessResult> {
  const run: ProductRun = new CaseRun(start, PRODUCT_VOCABULARY);
  let notice = start.input;
  let tests = 0;
  const documents = () => [{ name: '指标维护通知单', ref: notice.noticeNo ?? notice.indicatorCode }];

  const rejected = async (rejection: Rejection): Promise<ProcessResult> => {
    await run.setStatus('rejected', { rejection });
    await run.archive(documents());
    return run.finish('rejected', { rejection, indicatorCode: notice.indicatorCode });
  };

  /** 001 §30(一)(二): the notice, approved by the product department's head, then the IT head's. */
  const submitAndApprove = (returned: Returned | null) =>
    submitAndTiers(run, {
      step: 'notice',
      status: 'notice',
      candidateRoles: ['product_developer'],
      form: 'indicator-notice',
      titles: { first: '提交指标维护通知单', again: '修改指标维护通知单' },
      current: notice,
      returned,
      problemKey: 'noticeProblem',
      check: async (next, current) =>
        next.indicatorCode !== current.indicatorCode || next.action !== current.action
          ? `指标编号和维护类型不能修改（${current.action} ${current.indicatorCode}）；如需另行维护请放弃本案`
          : reads.checkIndicatorNotice({ notice: next }),
      submitted: { status: 'submitted', data: (value) => ({ notice: value }) },
      // 001 §30(二): 经本部门负责人批准后送交信息技术部，经信息技术部负责人批准后.
      tiers: (value) => [
        { status: 'dept-approval', step: 'dept-approval', title: '产品研发部负责人审批指标维护通知单', candidateRoles: ['dept_head@product'], notBy: ['notice'], prefill: { ...value } },
        { status: 'it-approval', step: 'it-approval', title: '信息技术部负责人审批指标维护通知单', candidateRoles: ['dept_head@it'], notBy: ['notice'], prefill: { ...value } },
      ],
    });

  /**
   * 001 §30(二)(三): the sysadmin tests and writes the result on the notice (a failure goes back to
   * the developer); the committee reviews (it may return to testing); the general manager signs
   * (a return goes back to the committee).
   */
  const testAndReview = async (): Promise<Review> => {
    for (;;) {
      const tested = await run.task({
        status: 'testing',
        step: 'test',
        title: `指标维护测试（第${tests + 1}次）`,
        candidateRoles: ['sysadmin'],
        decisions: ['passed', 'failed'] as const,
        form: 'indicator-test',
        prefill: { ...notice },
      });
      tests += 1;
      await acts.recordCatalogueTestRun({ processId: run.processId, subject: 'indicator', code: notice.indicatorCode, round: tests, result: tested.decision, report: { ...tested.data }, testedBy: tested.actor, testedAt: run.now().toISOString() });
      if (tested.decision === 'failed') return { result: 'returned', returned: { step: 'test', by: tested.actor, reason: tested.data.testResult } };

      for (;;) {
        const review = await committee(run, { title: '指标评审（评审委秘书在指标维护通知单上填写评审结果）', form: 'indicator-review-opinion', prefill: {}, caseData: { tests } });
        if (review.decision === 'reject') return { result: 'rejected', rejection: review.reason };
        if (review.decision === 'revise') return { result: 'returned', returned: { step: review.reason.step, by: review.reason.actor, reason: review.reason.reason } };
        if (review.decision === 'return') break;
        // 001 §30(三)(3): the notice takes effect once the general manager signs it.
        const signed = await tiers(run, [{ status: 'gm-sign', step: 'gm-sign', title: '总经理签字：指标维护通知单生效', candidateRoles: ['center_head'], notBy: ['notice'], prefill: { ...notice } }]);
        if (signed.result === 'rejected') return { result: 'rejected', rejection: signed };
        if (signed.result === 'approved') return { result: 'approved' };
      }
    }
  };

  return run.run(async () => {
    let returned: Returned | null = null;
    for (;;) {
      const approval = await submitAndApprove(returned);
      notice = approval.value;
      if (approval.result === 'rejected') return rejected(approval.rejection);
      const review = await testAndReview();
      if (review.result === 'rejected') return rejected(review.rejection);
      if (review.result === 'approved') break;
      returned = review.returned;
    }

    // 001 §30(四)(3): the products the indicator feeds are maintained first, each as a P4 modification.
    const productChanges: ProductChangeForIndicator[] = [];
    if (notice.action !== 'add') {
      const affected = await reads.productsUsingIndicator({ indicatorCode: notice.indicatorCode });
      if (affected.length) {
        await run.setStatus('awaiting-product-maintenance', { affectedProducts: affected.map((p) => p.code) });
        const results = await Promise.all(
          affected.map((product) =>
            run.child(productApprovalWorkflow, {
              processType: 'product-approval',
              key: `product-${product.code}`,
              title: `因指标维护修改产品 ${product.name}（${product.code}）`,
              input: { ...productModificationFor(product, notice, { indicatorCaseId: run.processId, designer: start.startedBy }) },
            }),
          ),
        );
        affected.forEach((product, i) => productChanges.push({ productCode: product.code, processId: `${run.processId}.product-${product.code}`, outcome: results[i].outcome }));
        const refused = productChanges.filter((c) => c.outcome !== 'modified');
        if (refused.length) {
          // The indicator cannot change under a product that was not adapted: recorded, and the case ends.
          await run.setStatus('product-maintenance-refused', { productChanges });
          await run.archive(documents());
          return run.finish('product-maintenance-refused', { productChanges, indicatorCode: notice.indicatorCode });
        }
        await run.setStatus('products-maintained', { productChanges });
      }
    }

    // 001 §30(四)(1)(2): maintained in development, then imported into production, outside business hours.
    await run.waitForMaintenanceWindow();
    const done = await run.task({
      status: 'maintenance',
      step: 'maintenance',
      title: `${VERB[notice.action]}指标 ${notice.indicatorName}：开发环境维护并导入生产环境（非营业时间）`,
      candidateRoles: ['sysadmin'],
      decisions: ['done'] as const,
      form: 'catalogue-maintenance-record',
      prefill: { ...notice, productChanges, operationNote: `按指标维护通知单在开发环境${VERB[notice.action]}指标，并导入生产环境` },
    });
    await run.waitForMaintenanceWindow();
    const at = run.now().toISOString();
    const development = await acts.applyIndicatorChangeInDevelopment({ processId: run.processId, notice, by: done.actor, at });
    const promotion = await acts.promoteIndicatorsToProduction({ processId: run.processId, by: done.actor, at });
    const comparison = await reads.compareIndicatorEnvironments();
    if (!comparison.identical) run.fail(`development and production indicators differ after maintenance: ${comparison.differences.join('; ')}`, WorkflowFailureType.EnvironmentsDiverged);
    await run.setStatus('maintained', { maintenance: { version: development.version, promoted: promotion.promoted, identical: true, indicatorsCompared: comparison.indicators, by: done.actor, at } });

    await run.notifyDepartmentsOnWorkingDay(PRODUCT_POLICY.notifyOnWorkingDay, {
      title: `指标维护通知：${VERB[notice.action]}指标 ${notice.indicatorName}`,
      body: `指标「${notice.indicatorName}」（${notice.indicatorCode}）已于 ${at} ${VERB[notice.action]}，开发环境与生产环境一致${productChanges.length ? `；相关产品已先行修改：${productChanges.map((c) => c.productCode).join('、')}` : ''}。`,
    });
    await run.archive(documents());
    return run.finish(OUTCOME[notice.action], { indicatorCode: notice.indicatorCode, version: development.version, productChanges, identical: true });
  });
}

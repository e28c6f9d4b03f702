/**
 * P4b Product stop / enable (产品停用/启用, 001 §27): the 征信产品维护通知单 (product_developer)
 * → dept-approval (dept_head product) → gm-approval (center_head) → the sysadmin stops or enables
 * the product in production in the next non-business-hours window → departments told on the
 * 2nd working day (§32) → archive (§28). Each tier approves, rejects or returns one step.
 */
import type { ProcessResult, ProcessStart } from '../libs/contracts/workflow-contract';
import { PRODUCT_POLICY, ProductStatusNotice } from '../libs/domain/product-policy';
import { PRODUCT_VOCABULARY } from '../libs/procedures/product.vocabulary';
import { acts, CaseRun, reads } from './case-run';
import { Returned, tiers } from './review-parts';

type ProductRun = CaseRun<typeof PRODUCT_VOCABULARY>;

const VERB = { stop: '停用', enable: '启用' } as const;

export async function productStatusChangeWorkflow(start: ProcessStart<ProductStatusNotice>): Promise<ProcessResult> {
  const run: ProductRun = new CaseRun(start, PRODUCT_VOCABULARY);
  let notice = start.input;
  const documents = () => [{ name: '征信产品维护通知单', ref: notice.noticeNo ?? notice.productCode }];

  return run.run(async () => {
    let problem: string | null = null;
    let returned: Returned | null = null;
    let productName = '';

    for (;;) {
      const submitted = await run.task({
        status: 'notice',
        step: 'notice',
        title: run.actorsOf('notice').length ? '修改征信产品维护通知单（停用/启用）' : '提交征信产品维护通知单（停用/启用）',
        candidateRoles: ['product_developer'],
        decisions: ['submit'] as const,
        form: 'product-status-notice',
        prefill: { ...notice },
        caseData: { noticeProblem: problem, returned },
        abandonable: true,
      });
      notice = submitted.data;
      const check = await reads.checkProductStatusChange({ notice });
      problem = check.problem;
      if (problem) continue;
      productName = check.productName ?? notice.productCode;
      returned = null;
      await run.setStatus('submitted', { notice, productName, noticeProblem: null, returned: null });

      // 001 §27(一): 经本部门负责人批准后，报总经理审批.
      const outcome = await tiers(run, [
        { status: 'dept-approval', step: 'dept-approval', title: `产品研发部负责人审批产品${VERB[notice.maintenanceType]}`, candidateRoles: ['dept_head@product'], notBy: ['notice'], prefill: { ...notice, productName } },
        { status: 'gm-approval', step: 'gm-approval', title: `总经理审批产品${VERB[notice.maintenanceType]}`, candidateRoles: ['center_head'], notBy: ['notice'], prefill: { ...notice, productName } },
      ]);
      if (outcome.result === 'rejected') {
        const rejection = { step: outcome.step, actor: outcome.actor, reason: outcome.reason };
        await run.setStatus('rejected', { rejection });
        await run.archive(documents());
        return run.finish('rejected', { rejection, productCode: notice.productCode });
      }
      if (outcome.result === 'returned') {
        returned = { step: 'dept-approval', by: outcome.actor, reason: outcome.reason };
        continue;
      }
      break;
    }

    // 001 §27(二)(2): 非营业时间内在生产环境中停用或启用该产品.
    await run.waitForMaintenanceWindow();
    const done = await run.task({
      status: 'maintenance',
      step: 'maintenance',
      title: `生产环境${VERB[notice.maintenanceType]}产品 ${productName}（非营业时间）`,
      candidateRoles: ['sysadmin'],
      decisions: ['done'] as const,
      form: 'catalogue-maintenance-record',
      prefill: { ...notice, productName, operationNote: `按维护通知单在生产环境${VERB[notice.maintenanceType]}该产品` },
    });
    await run.waitForMaintenanceWindow();
    // The product may have been changed by another case since approval: then nothing is done, and that is recorded.
    const recheck = await reads.checkProductStatusChange({ notice });
    if (recheck.problem) {
      await run.setStatus('not-applied', { notApplied: recheck.problem });
      await run.archive(documents());
      return run.finish('not-applied', { reason: recheck.problem, productCode: notice.productCode });
    }
    const at = run.now().toISOString();
    const changed = await acts.changeProductStatus({ processId: run.processId, productCode: notice.productCode, action: notice.maintenanceType, by: done.actor, at });
    await run.setStatus('maintained', { maintenance: { ...changed, by: done.actor, at } });
    await run.notifyDepartmentsOnWorkingDay(PRODUCT_POLICY.notifyOnWorkingDay, {
      title: `产品维护通知：${VERB[notice.maintenanceType]}产品 ${productName}`,
      body: `征信产品「${productName}」（${notice.productCode}）已于 ${at} 在生产环境${VERB[notice.maintenanceType]}。原因：${notice.reason}`,
    });
    await run.archive(documents());
    return run.finish(notice.maintenanceType === 'stop' ? 'stopped' : 'enabled', { productCode: notice.productCode, status: changed.status });
  });
}

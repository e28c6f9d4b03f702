/**
 * P4c Indicator maintenance (指标维护: add/modify/delete, 001 §29–31): the 指标维护通知单
 * (product_developer) → dept-approval (product) → it-approval → test by the sysadmin → the review
 * committee → gm-sign → [for every live product the indicator feeds: a P4 product modification
 * as a child case, finished before the indicator is touched, §30(四)(3)] → the sysadmin maintains
 * the indicator in development and promotes development to production in the next
 * non-business-hours window; both environments must then be identical (§29) → departments told
 * on the 2nd working day (§32) → archive (§31).
 */
import { WorkflowFailureType } from '../libs/contracts/failure-types';
import type { ProcessResult, ProcessStart } from '../libs/contracts/workflow-contract';
import { IndicatorNotice, PRODUCT_POLICY, productModificationFor } from '../libs/domain/product-policy';
import { acts, CaseRun, reads } from './case-run';
import { Committee } from './product-approval.workflow';
import { tiers } from './review-chains';

const VERB = { add: '增加', modify: '修改', delete: '删除' } as const;
const OUTCOME = { add: 'added', modify: 'modified', delete: 'deleted' } as const;

type Stage = 'notice' | 'approval' | 'test' | 'committee' | 'gm-sign';

export async function indicatorMaintenanceWorkflow(start: ProcessStart<IndicatorNotice>): Promise<ProcessResult> {
  const run = new CaseRun(start);
  const committee = new Committee(run);
  let notice = start.input;
  let tests = 0;
  const documents = () => [{ name: '指标维护通知单', ref: notice.noticeNo ?? notice.indicatorCode }];

  const rejected = async (rejection: { step: string; actor: string; reason: string }): Promise<ProcessResult> => {
    await run.setStatus('rejected', { rejection });
    await run.archive(documents());
    return run.finish('rejected', { rejection, indicatorCode: notice.indicatorCode });
  };

  return run.run(async () => {
    let stage: Stage = 'notice';
    let problem: string | null = null;
    let returned: { step: string; by: string; reason: string } | null = null;

    for (let approved = false; !approved; ) {
      switch (stage) {
        case 'notice': {
          const submitted = await run.task({
            status: 'notice',
            step: 'notice',
            title: run.actorsOf('notice').length ? '修改指标维护通知单' : '提交指标维护通知单',
            candidateRoles: ['product_developer'],
            decisions: ['submit'] as const,
            form: 'indicator-notice',
            prefill: { ...notice },
            caseData: { noticeProblem: problem, returned },
            abandonable: true,
          });
          const next = submitted.data as unknown as IndicatorNotice;
          problem =
            next.indicatorCode !== notice.indicatorCode || next.action !== notice.action
              ? `指标编号和维护类型不能修改（${notice.action} ${notice.indicatorCode}）；如需另行维护请放弃本案`
              : await reads.checkIndicatorNotice({ notice: next });
          if (problem) continue;
          notice = next;
          returned = null;
          await run.setStatus('submitted', { notice, noticeProblem: null, returned: null });
          stage = 'approval';
          break;
        }

        case 'approval': {
          // 001 §30(二): 经本部门负责人批准后送交信息技术部，经信息技术部负责人批准后.
          const outcome = await tiers(run, [
            { status: 'dept-approval', step: 'dept-approval', title: '产品研发部负责人审批指标维护通知单', candidateRoles: ['dept_head@product'], notBy: ['notice'], prefill: { ...notice } },
            { status: 'it-approval', step: 'it-approval', title: '信息技术部负责人审批指标维护通知单', candidateRoles: ['dept_head@it'], notBy: ['notice'], prefill: { ...notice } },
          ]);
          if (outcome.result === 'rejected') return rejected(outcome);
          if (outcome.result === 'returned') {
            returned = { step: 'dept-approval', by: outcome.actor, reason: outcome.reason };
            stage = 'notice';
          } else stage = 'test';
          break;
        }

        case 'test': {
          // 001 §30(二): the sysadmin tests and writes the result on the notice, back to the developer.
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
          await acts.recordCatalogueTestRun({ processId: run.processId, subject: 'indicator', code: notice.indicatorCode, round: tests, result: tested.decision, report: tested.data, testedBy: tested.actor, testedAt: run.now().toISOString() });
          if (tested.decision === 'failed') {
            returned = { step: 'test', by: tested.actor, reason: String(tested.data.testResult ?? tested.comment ?? '') };
            stage = 'notice';
          } else stage = 'committee';
          break;
        }

        case 'committee': {
          const review = await committee.review({ title: '指标评审（评审委秘书在指标维护通知单上填写评审结果）', form: 'indicator-review-opinion', prefill: {}, caseData: { tests } });
          const reason = { step: 'committee-review', actor: review.record.actor, reason: review.record.comment ?? '' };
          if (review.decision === 'reject') return rejected(reason);
          if (review.decision === 'return') stage = 'test';
          else if (review.decision === 'revise') {
            returned = { step: reason.step, by: reason.actor, reason: reason.reason };
            stage = 'notice';
          } else stage = 'gm-sign';
          break;
        }

        case 'gm-sign': {
          // 001 §30(三)(3): the notice takes effect once the general manager signs it.
          const outcome = await tiers(run, [{ status: 'gm-sign', step: 'gm-sign', title: '总经理签字：指标维护通知单生效', candidateRoles: ['center_head'], notBy: ['notice'], prefill: { ...notice } }]);
          if (outcome.result === 'rejected') return rejected(outcome);
          if (outcome.result === 'returned') stage = 'committee';
          else approved = true;
          break;
        }
      }
    }

    // 001 §30(四)(3): the products the indicator feeds are maintained first, each as a P4 modification.
    const productChanges: Array<{ productCode: string; processId: string; outcome: string }> = [];
    if (notice.action !== 'add') {
      const affected = await reads.productsUsingIndicator({ indicatorCode: notice.indicatorCode });
      if (affected.length) {
        await run.setStatus('awaiting-product-maintenance', { affectedProducts: affected.map((p) => p.code) });
        const results = await Promise.all(
          affected.map((product) =>
            run.child('productApprovalWorkflow', {
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

/**
 * P9 Value-added service (增值服务, 001 §43–47, §61–70): the same order front half as P8
 * (order-intake.ts), then one child case per project (valueAddedProjectWorkflow):
 * confirm → plan (internal review, upload) → plan review, two levels → produce → product review:
 * none for batch-data products, three levels for analysis products → deliver → archive.
 * Rejections send the plan or product back to be revised; review restarts at the rejecting level.
 */
import type { ProcessResult, ProcessStart } from '../libs/contracts/workflow-contract';
import {
  contractApprovers,
  OrderTaskState,
  reviewLevelsUpTo,
  VALUE_ADDED_POLICY,
  ValueAddedProductKind,
  ValueAddedServiceInput,
} from '../libs/domain/report-policy';
import { REPORT_VOCABULARY } from '../libs/procedures/report.vocabulary';
import { acts, CaseRun, reads } from './case-run';
import { OrderTerms, ReportRun, takeOrder } from './order-intake';
import { deliverAndArchive, dispatchTasks, OrderTaskInput, reviewedSubmission, runTasks } from './order-procedure';

export async function valueAddedServiceWorkflow(start: ProcessStart<ValueAddedServiceInput>): Promise<ProcessResult> {
  const run: ReportRun = new CaseRun(start, REPORT_VOCABULARY);
  const input = start.input;
  const policy = VALUE_ADDED_POLICY[input.productKind];
  return run.run(async () => {
    const thresholds = await reads.reportThresholds();
    const terms: OrderTerms = {
      service: 'value-added-service',
      productType: input.productKind,
      productTitleZh: policy.titleZh,
      application: input,
      thresholds,
      // §44(四)(3): value-added service contracts always go to the company head as well.
      contractApprovers: contractApprovers('value-added-service', undefined, input.amount, thresholds),
      requiredReviewLevel: policy.productReviewLevel,
    };

    const intake = await takeOrder(run, terms);
    if (intake.result === 'ended') return intake.processResult;
    const projects = await dispatchTasks(run, intake.order, terms);
    const outcomes = await runTasks(run, intake.order, terms, projects, { workflow: valueAddedProjectWorkflow, processType: 'value-added-project' });
    const reviewed = policy.productReviewLevel > 0 || projects.some((p) => p.reviewLevel > 0);
    return deliverAndArchive(run, intake.order, terms, outcomes, [{ name: '方案评审意见书' }, ...(reviewed ? [{ name: '报告评审意见书' }] : [])]);
  });
}

/** One value-added project (§65–70), run by its project team. */
export async function valueAddedProjectWorkflow(start: ProcessStart<OrderTaskInput>): Promise<ProcessResult> {
  const run: ReportRun = new CaseRun(start, REPORT_VOCABULARY);
  const t = start.input;
  const policy = VALUE_ADDED_POLICY[t.productType as ValueAddedProductKind];
  const manager = { candidateRoles: ['analyst'] as const, candidateUsers: [t.projectManager] };
  const state = (s: OrderTaskState) => acts.setOrderTaskState({ orderTaskId: t.orderTaskId, state: s, at: run.now().toISOString() });

  if (t.dueInWorkingDays) await run.startCaseClock({ workingDays: t.dueInWorkingDays }, 'dept_head@product');

  await run.task({ ...manager, status: 'confirming', step: 'confirm', title: `任务确认：${t.title}`, decisions: ['confirmed'] as const, form: 'task-confirm' });
  await state('planning');

  // §67–68: the plan, after the project manager's internal review, passes two levels.
  const plan = await reviewedSubmission(run, {
    orderTaskId: t.orderTaskId,
    kind: 'plan',
    upload: {
      ...manager,
      step: 'plan',
      status: 'planning',
      revisedTitle: '按评审意见修改方案并重新上传',
      form: 'value-added-plan',
      toVersion: (data) => ({ documentNo: data.planNo, title: data.planName, fileRef: data.fileRef, ...(typeof data.summary === 'string' && { summary: data.summary }) }),
    },
    levels: reviewLevelsUpTo(policy.planReviewLevel),
    notBy: ['plan'],
    onState: (s) => state(s === 'revising' ? 'planning' : s),
  });

  // §69–70: the product; batch-data products need no review, analysis products three levels.
  await state('producing');
  const product = await reviewedSubmission(run, {
    orderTaskId: t.orderTaskId,
    kind: 'product',
    upload: {
      ...manager,
      step: 'produce',
      status: 'producing',
      revisedTitle: '按评审意见修改产品报告并重新上传',
      form: 'value-added-product',
      toVersion: (data) => ({ documentNo: data.productNo, title: data.productName, fileRef: data.fileRef, summary: data.resultSummary }),
    },
    levels: reviewLevelsUpTo(t.reviewLevel),
    notBy: ['produce'],
    onState: (s) => state(s === 'revising' ? 'producing' : s),
  });

  await state('passed');
  return run.finish('passed', {
    documentNo: product.documentNo,
    title: product.title,
    version: product.version,
    reviews: plan.reviews + product.reviews,
    plan: { documentNo: plan.documentNo, version: plan.version, reviews: plan.reviews },
    reviewLevel: t.reviewLevel,
  });
}

/**
 * P8 Investigation report with three-level review (调查报告, 001 §43–60).
 * accept → contract-dispatch → contract → contract-approval (+ center head for deep, custom or
 * large contracts) → payment → task-dispatch → one child case per investigation task, in parallel
 * (investigation-task.workflow.ts) → deliver when every task passed → archive.
 * The review levels come from the policy (libs/domain/report-policy.ts): standard 1, deep and
 * custom 2, an amount at or above the committee threshold 3.
 */
import type { ProcessResult, ProcessStart } from '../libs/contracts/workflow-contract';
import { contractApprovers, InvestigationReportInput, REPORT_TYPE_POLICY, requiredReportReviewLevel } from '../libs/domain/report-policy';
import { REPORT_VOCABULARY } from '../libs/procedures/report.vocabulary';
import { CaseRun, reads } from './case-run';
import { investigationTaskWorkflow } from './investigation-task.workflow';
import { OrderTerms, ReportRun, takeOrder } from './order-intake';
import { deliverAndArchive, dispatchTasks, runTasks } from './order-procedure';

export async function investigationReportWorkflow(start: ProcessStart<InvestigationReportInput>): Promise<ProcessResult> {
  const run: ReportRun = new CaseRun(start, REPORT_VOCABULARY);
  const input = start.input;
  return run.run(async () => {
    // The configured thresholds, read once through an activity: the history keeps what this case used.
    const thresholds = await reads.reportThresholds();
    const terms: OrderTerms = {
      service: 'investigation-report',
      productType: input.reportType,
      productTitleZh: REPORT_TYPE_POLICY[input.reportType].titleZh,
      application: input,
      thresholds,
      contractApprovers: contractApprovers('investigation-report', input.reportType, input.amount, thresholds),
      requiredReviewLevel: requiredReportReviewLevel(input.reportType, input.amount, thresholds),
    };

    const intake = await takeOrder(run, terms);
    if (intake.result === 'ended') return intake.processResult;
    const tasks = await dispatchTasks(run, intake.order, terms);
    const outcomes = await runTasks(run, intake.order, terms, tasks, { workflow: investigationTaskWorkflow, processType: 'investigation-task' });
    return deliverAndArchive(run, intake.order, terms, outcomes, [{ name: '报告评审意见书' }, { name: '调查记录与调查资料' }]);
  });
}

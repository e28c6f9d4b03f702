/**
 * P8 child: one investigation task (人工调查, 001 §53–60), run by its project team.
 * confirm (project manager) → prepare → field-visit → draft (internal team review) → upload →
 * review levels (1–3, from the policy as dispatched); a rejection at any level → the team revises
 * and re-uploads (a new report version) → review restarts at that level.
 */
import type { ProcessResult, ProcessStart } from '../libs/contracts/workflow-contract';
import { OrderTaskState, reviewLevelsUpTo } from '../libs/domain/report-policy';
import { REPORT_VOCABULARY } from '../libs/procedures/report.vocabulary';
import { acts, CaseRun } from './case-run';
import type { ReportRun } from './order-intake';
import { OrderTaskInput, reviewedSubmission } from './order-procedure';

export async function investigationTaskWorkflow(start: ProcessStart<OrderTaskInput>): Promise<ProcessResult> {
  const run: ReportRun = new CaseRun(start, REPORT_VOCABULARY);
  const t = start.input;
  const manager = { candidateRoles: ['analyst'] as const, candidateUsers: [t.projectManager] };
  const team = { candidateRoles: ['analyst'] as const, candidateUsers: [t.projectManager, ...t.members] };
  const state = (s: OrderTaskState) => acts.setOrderTaskState({ orderTaskId: t.orderTaskId, state: s, at: run.now().toISOString() });

  // §54(三): the dispatcher sees that the team finishes on time.
  if (t.dueInWorkingDays) await run.startCaseClock({ workingDays: t.dueInWorkingDays }, 'dept_head@product');

  await run.task({ ...manager, status: 'confirming', step: 'confirm', title: `任务确认：${t.title}`, decisions: ['confirmed'] as const, form: 'task-confirm' });
  await state('preparing');
  await run.task({ ...team, status: 'preparing', step: 'prepare', decisions: ['prepared'] as const, form: 'investigation-preparation' });
  await state('investigating');
  await run.task({ ...team, status: 'investigating', step: 'field-visit', title: `实地调查：${t.targetName}`, decisions: ['visited'] as const, form: 'investigation-field-visit' });
  await state('drafting');
  await run.task({ ...team, status: 'drafting', step: 'draft', decisions: ['reviewed'] as const, form: 'report-draft' });

  const report = await reviewedSubmission(run, {
    orderTaskId: t.orderTaskId,
    kind: 'report',
    upload: {
      ...manager,
      step: 'upload',
      status: 'uploading',
      revisedTitle: '按评审意见修改报告并重新上传',
      form: 'report-upload',
      toVersion: (data) => ({
        documentNo: data.reportNo,
        title: data.reportName,
        fileRef: data.fileRef,
        dataRef: data.dataRef,
        ...(typeof data.summary === 'string' && { summary: data.summary }),
      }),
    },
    levels: reviewLevelsUpTo(t.reviewLevel),
    notBy: ['draft', 'upload'],
    onState: state,
  });

  await state('passed');
  return run.finish('passed', { documentNo: report.documentNo, title: report.title, version: report.version, reviews: report.reviews, reviewLevel: t.reviewLevel });
}

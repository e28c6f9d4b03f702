/**
 * What P8 (investigation report) and P9 (value-added service) share after the order is paid
 * (order-intake.ts), written once (001 §54–60, §65–70): dispatch to project teams, the reviewed
 * submission their tasks make (upload → review levels, a rejection sends it back to be revised and
 * review restarts at the level that rejected), and the end — every task's child case passed →
 * delivery (产品交付登记表) → archive.
 */
import { WorkflowFailureType } from '../libs/contracts/failure-types';
import type { OrderTaskDraft, VersionContent } from '../libs/contracts/report-contracts';
import type { ProcessResult, ProcessStart } from '../libs/contracts/workflow-contract';
import { effectiveReviewLevel, ReviewLevel, teamProblems } from '../libs/domain/report-policy';
import type { RoleRef } from '../libs/domain/roles';
import { ReportVocabulary, REVIEW_LEVEL_KEYS, ReviewSubject } from '../libs/procedures/report.vocabulary';
import type { StatusOf, StepOf } from '../libs/procedures/vocabulary';
import type { FormDataOf } from './case-run';
import { acts, reads } from './case-run';
import { APPLICATION, Order, OrderTerms, ReportRun } from './order-intake';
import { LevelSpec, reviewLevels } from './review-parts';

type ReportStep = StepOf<ReportVocabulary>;
type ReportStatus = StatusOf<ReportVocabulary>;

/** One investigation task (§54) or value-added project (§65) as dispatched, and its child case. */
export interface DispatchedTask {
  taskNo: number;
  orderTaskId: number;
  /** The child case's key under this case: `task-1`, `task-2`, … */
  key: string;
  title: string;
  targetName: string;
  targetCode?: string;
  projectManager: string;
  members: string[];
  reviewLevel: number;
  dueInWorkingDays?: number;
}

/**
 * 任务分派 (§54, §65): the product head splits the order into tasks, each with a project team
 * (a project manager and at least one member, all analysts) and a review level no lower than the rule.
 */
export async function dispatchTasks(run: ReportRun, order: Order, terms: OrderTerms): Promise<DispatchedTask[]> {
  let problems: string[] = [];
  for (;;) {
    const dispatch = await run.task({
      status: 'task-dispatch',
      step: 'task-dispatch',
      ...(problems.length > 0 && { title: `任务分派（请重新分派：${problems.join('；')}）` }),
      candidateRoles: ['dept_head@product'],
      decisions: ['dispatch'] as const,
      form: 'task-dispatch',
      prefill: {
        tasks: terms.application.subjects.map((s) => ({ title: `${s.name}${terms.productTitleZh}`, targetName: s.name, ...(s.code && { targetCode: s.code }), reviewLevel: terms.requiredReviewLevel })),
      },
      caseData: { requiredReviewLevel: terms.requiredReviewLevel },
    });
    const items = dispatch.data.tasks;
    problems = items.flatMap((item, i) => teamProblems(item).map((p) => `任务${i + 1}：${p}`));
    const lacking = await reads.usersLackingRole({ usernames: items.flatMap((item) => [item.projectManager, ...item.members]), role: 'analyst' });
    if (lacking.length) problems.push(`${lacking.join('、')} 不是在岗的调查分析员`);
    if (problems.length) {
      await run.setStatus('task-dispatch', { dispatchProblems: problems });
      continue;
    }

    const drafts = items.map((item, i): OrderTaskDraft => ({
      taskNo: i + 1,
      processId: `${run.processId}.task-${i + 1}`,
      title: item.title,
      targetName: item.targetName,
      targetCode: item.targetCode,
      projectManager: item.projectManager,
      members: item.members,
      reviewLevel: effectiveReviewLevel(terms.requiredReviewLevel, item.reviewLevel),
      dueInWorkingDays: item.dueInWorkingDays,
    }));
    const rows = await acts.dispatchOrderTasks({ orderId: order.orderId, tasks: drafts, dispatchedAt: run.now().toISOString() });
    const tasks = drafts.map(({ processId: _childId, ...draft }) => ({
      ...draft,
      key: `task-${draft.taskNo}`,
      orderTaskId: rows.find((row) => row.taskNo === draft.taskNo)!.orderTaskId,
    }));
    await run.setStatus('in-production', { dispatchProblems: [], tasks: tasks.map((t) => ({ taskNo: t.taskNo, title: t.title, projectManager: t.projectManager, members: t.members, reviewLevel: t.reviewLevel })) });
    return tasks;
  }
}

/** What a task's child case receives. */
export interface OrderTaskInput extends Omit<DispatchedTask, 'key'> {
  orderId: number;
  orderNo: string;
  productType: string;
  amount: number;
}

export interface TaskOutcome {
  task: DispatchedTask;
  result: ProcessResult;
}

/** Every task as its own child case, all in parallel; resolves when every one has ended. */
export async function runTasks(run: ReportRun, order: Order, terms: OrderTerms, tasks: DispatchedTask[], child: { workflow: (start: ProcessStart<OrderTaskInput>) => Promise<ProcessResult>; processType: string }): Promise<TaskOutcome[]> {
  return Promise.all(
    tasks.map(async (task) => {
      const { key: _key, ...rest } = task;
      const input: OrderTaskInput = { ...rest, orderId: order.orderId, orderNo: order.orderNo, productType: terms.productType, amount: terms.application.amount };
      const result = await run.child(child.workflow, { processType: child.processType, key: task.key, title: `${order.orderNo} 任务${task.taskNo}：${task.title}`, input: { ...input } });
      return { task, result };
    }),
  );
}

/** A deliverable as a task's child case reports it. */
export interface Deliverable {
  taskNo: number;
  documentNo: string;
  title: string;
  version: number;
}

/** 报告交付 (§44(七)) once every task passed, with the 产品交付登记表; then the archive (§49). */
export async function deliverAndArchive(run: ReportRun, order: Order, terms: OrderTerms, outcomes: TaskOutcome[], documents: Array<{ name: string; ref?: string }>): Promise<ProcessResult> {
  const unfinished = outcomes.filter((o) => o.result.outcome !== 'passed');
  if (unfinished.length) run.fail(`tasks ${unfinished.map((o) => o.task.taskNo).join(', ')} did not pass; the order cannot be delivered`, WorkflowFailureType.TasksNotPassed);
  const deliverables: Deliverable[] = outcomes.map((o) => ({ taskNo: o.task.taskNo, ...(o.result.data as Omit<Deliverable, 'taskNo'>) }));
  const a = terms.application;

  const delivered = await run.task({
    status: 'delivering',
    caseData: { deliverables },
    step: 'deliver',
    candidateRoles: ['service_reviewer', 'marketer'],
    decisions: ['delivered'] as const,
    form: 'product-delivery',
    prefill: { deliveryMethod: a.deliveryMethod, recipientName: a.contactName, recipientPhone: a.contactPhone },
  });
  await acts.recordDelivery({ orderId: order.orderId, deliveredBy: delivered.actor, deliveryMethod: delivered.data.deliveryMethod, deliveredOn: delivered.data.deliveredOn });

  await run.archive([
    APPLICATION,
    { name: '产品合同', ref: order.contractNo },
    ...deliverables.map((d) => ({ name: `${d.title}（第${d.version}版）`, ref: d.documentNo })),
    ...documents,
    { name: '产品交付登记表', ref: order.orderNo },
  ]);
  await acts.updateOrder({ orderId: order.orderId, state: 'archived' });
  return run.finish('delivered', { orderNo: order.orderNo, deliverables });
}

/** The forms a task uploads its work with: the report (P8), the plan and the product (P9). */
export type UploadForm = 'report-upload' | 'value-added-plan' | 'value-added-product';

export interface SubmissionSpec<F extends UploadForm> {
  orderTaskId: number;
  /** What is reviewed; names the review steps and statuses (REVIEW_LEVEL_KEYS). */
  kind: ReviewSubject;
  /** The step that uploads (and, after a rejection, re-uploads) the work. */
  upload: {
    step: ReportStep;
    /** The title of a re-upload after a rejection (the first upload has the step's label). */
    revisedTitle: string;
    form: F;
    status: ReportStatus;
    candidateRoles: readonly RoleRef[];
    candidateUsers: string[];
    /** The version row from the upload form. */
    toVersion(data: FormDataOf<F>): VersionContent;
  };
  levels: ReviewLevel[];
  /** Four-eyes: the team's steps, whose deciders may not review. */
  notBy: ReportStep[];
  onState(state: 'under-review' | 'revising'): Promise<void>;
}

/**
 * Upload, then each review level in order; every level records its opinion (报告评审意见书 /
 * 方案评审意见书). A rejection sends the work back to be revised and re-uploaded as a new version,
 * and review restarts at the level that rejected ("直至审核通过", §60(二)–(五)).
 */
export async function reviewedSubmission<F extends UploadForm>(run: ReportRun, spec: SubmissionSpec<F>): Promise<Omit<Deliverable, 'taskNo'> & { reviews: number }> {
  let version = 0;
  let latest = { documentNo: '', title: '' };
  let reviews = 0;
  const upload = async (rejection?: { step: string; actor: string; reason: string }) => {
    const up = await run.task({
      status: spec.upload.status,
      step: spec.upload.step,
      ...(rejection && { title: spec.upload.revisedTitle }),
      candidateRoles: spec.upload.candidateRoles,
      candidateUsers: spec.upload.candidateUsers,
      decisions: ['uploaded'] as const,
      form: spec.upload.form,
      ...(rejection && { caseData: { lastRejection: { ...rejection, version } } }),
    });
    version += 1;
    const row = spec.upload.toVersion(up.data);
    latest = { documentNo: row.documentNo, title: row.title };
    await acts.recordReportVersion({ orderTaskId: spec.orderTaskId, kind: spec.kind, version, ...row, uploadedBy: up.actor, uploadedAt: up.decidedAt });
  };

  await upload();
  for (const [i, level] of spec.levels.entries()) {
    const { step, status } = REVIEW_LEVEL_KEYS[spec.kind][level.level] ?? run.fail(`a ${spec.kind} has no review level ${level.level}`, WorkflowFailureType.NoSuchReviewLevel);
    const ref = { orderTaskId: spec.orderTaskId, kind: spec.kind };
    const levelSpec: LevelSpec<'review-opinion'> = {
      status,
      step,
      candidateRoles: level.candidateRoles,
      form: 'review-opinion',
      notBy: spec.notBy,
    };
    await spec.onState('under-review');
    // One level per call, so each approval is recorded when it is given; reviewLevels itself
    // restarts this level after the revision.
    const [approval] = await reviewLevels(run, [levelSpec], async (rejection) => {
      reviews += 1;
      await acts.recordReviewOpinion({ ...ref, version, step, level: level.level, reviewer: rejection.actor, decision: 'reject', opinion: rejection.reason, decidedAt: run.now().toISOString(), final: false });
      await spec.onState('revising');
      await upload(rejection);
      await spec.onState('under-review');
    });
    reviews += 1;
    await acts.recordReviewOpinion({
      ...ref,
      version,
      step,
      level: level.level,
      reviewer: approval.actor,
      decision: 'approve',
      opinion: approval.data.opinion,
      ...(typeof approval.data.reviewSituation === 'string' && { reviewSituation: approval.data.reviewSituation }),
      decidedAt: approval.decidedAt,
      final: i === spec.levels.length - 1,
    });
  }
  return { ...latest, version, reviews };
}

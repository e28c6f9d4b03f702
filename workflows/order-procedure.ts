/**
 * What P8 (investigation report) and P9 (value-added service) share, written once (001 §43–47):
 * the front half — acceptance, contract dispatch, contract, contract approval, payment, dispatch to
 * project teams — the reviewed submission their tasks make (upload → review levels, a rejection
 * sends it back to be revised and review restarts at the level that rejected), and the end —
 * every task's child case passed → delivery (产品交付登记表) → archive.
 */
import { WorkflowFailureType } from '../libs/contracts/failure-types';
import type { ProcessResult } from '../libs/contracts/workflow-contract';
import {
  effectiveReviewLevel,
  OrderApplication,
  OrderService,
  ReportThresholds,
  ReviewLevel,
  reviewStep,
  teamProblems,
} from '../libs/domain/report-policy';
import type { RoleRef } from '../libs/domain/roles';
import { acts, CaseAbandoned, CaseRun, reads } from './case-run';
import { LevelSpec, reviewLevels, tiers } from './review-chains';

export interface OrderTerms {
  service: OrderService;
  /** The report type (P8) or the product kind (P9). */
  productType: string;
  productTitleZh: string;
  application: OrderApplication;
  thresholds: ReportThresholds;
  /** Who approves the signed contract, in order (policy: contractApprovers). */
  contractApprovers: RoleRef[];
  /** The review level the rules require of each task; the dispatcher may raise it, never lower it. */
  requiredReviewLevel: number;
}

export interface Order {
  orderId: number;
  orderNo: string;
  marketer: string;
  contractNo: string;
}

export type OrderIntake = { result: 'paid'; order: Order } | { result: 'ended'; processResult: ProcessResult };

const APPLICATION = { name: '企业征信业务调查报告申请单' };

/**
 * 业务受理 → 待签合同分派 → 签订合同 → 合同审核 → 收费. Ends the case itself when the application is
 * not accepted or the contract is rejected; an abandonment (with its reason) marks the order too.
 */
export async function takeOrder(run: CaseRun, terms: OrderTerms): Promise<OrderIntake> {
  const { orderId, orderNo } = await acts.registerOrder({
    processId: run.processId,
    service: terms.service,
    productType: terms.productType,
    application: terms.application,
    receivedAt: run.now().toISOString(),
  });
  try {
    return await intake(run, terms, orderId, orderNo);
  } catch (error) {
    if (error instanceof CaseAbandoned) await acts.updateOrder({ orderId, state: 'abandoned', reason: `${error.step}：${error.reason}` });
    throw error;
  }
}

async function intake(run: CaseRun, terms: OrderTerms, orderId: number, orderNo: string): Promise<OrderIntake> {
  const a = terms.application;
  await run.setStatus('accepting', {
    orderNo,
    orderPolicy: { productType: terms.productType, amount: a.amount, requiredReviewLevel: terms.requiredReviewLevel, contractApprovers: terms.contractApprovers, thresholds: terms.thresholds },
  });

  // 业务受理 / 申请单导入 (§44(一)(二), §45(一), §47(一)): the application and the documents of §48.
  const accept = await run.task({
    step: 'accept',
    title: `业务受理：${terms.productTitleZh}`,
    candidateRoles: ['service_clerk', 'marketer'],
    decisions: ['accept', 'reject'] as const,
    form: 'order-acceptance',
  });
  if (accept.decision === 'reject') {
    const reason = accept.comment ?? '';
    await acts.updateOrder({ orderId, state: 'not-accepted', reason });
    await run.setStatus('not-accepted', { rejection: { by: accept.actor, reason } });
    await run.archive([APPLICATION]);
    return { result: 'ended', processResult: await run.finish('not-accepted', { orderNo, reason }) };
  }
  await acts.updateOrder({ orderId, state: 'accepted' });

  // 待签合同分派 (§44(三)): the customer-service head names a marketer; only that marketer signs.
  let problem: string | undefined;
  let marketer: string;
  for (;;) {
    const dispatch = await run.task({
      status: 'contract-dispatch',
      step: 'contract-dispatch',
      title: problem ? `待签合同分派（请重新指定：${problem}）` : '待签合同分派',
      candidateRoles: ['dept_head@customer_service'],
      decisions: ['assign'] as const,
      form: 'contract-dispatch',
      abandonable: true,
    });
    marketer = String(dispatch.data.marketer);
    if ((await reads.usersLackingRole({ usernames: [marketer], role: 'marketer' })).length === 0) break;
    problem = `${marketer} 不是在岗的市场营销人员`;
  }
  await acts.updateOrder({ orderId, state: 'contract-dispatched', marketer });

  // 签订合同 → 合同审核 (§44(四)): a return sends the contract back to the marketer.
  let contractNo: string;
  for (;;) {
    const contract = await run.task({
      status: 'contracting',
      step: 'contract',
      title: '签订合同（确认需求、验证证明材料）',
      candidateRoles: ['marketer'],
      candidateUsers: [marketer],
      decisions: ['signed'] as const,
      form: 'product-contract',
      abandonable: true,
    });
    contractNo = String(contract.data.contractNo);
    await acts.updateOrder({ orderId, state: 'contract-signed', contractNo, contractSignedOn: String(contract.data.signedOn) });

    const approval = await tiers(
      run,
      terms.contractApprovers.map((role, i) => ({
        status: 'contract-approval',
        step: i === 0 ? 'contract-approval' : 'contract-center-approval',
        title: i === 0 ? '合同审核（客户服务部负责人）' : '合同审核（公司负责人）',
        candidateRoles: [role],
        form: 'contract-approval',
        notBy: ['contract'],
      })),
    );
    if (approval.result === 'approved') {
      await acts.updateOrder({ orderId, state: 'contract-approved', contractApprovedBy: approval.decisions.map((d) => d.actor) });
      break;
    }
    if (approval.result === 'rejected') {
      await acts.updateOrder({ orderId, state: 'contract-rejected', reason: approval.reason });
      await run.setStatus('contract-rejected', { rejection: { step: approval.step, by: approval.actor, reason: approval.reason } });
      await run.archive([APPLICATION, { name: '产品合同', ref: contractNo }]);
      return { result: 'ended', processResult: await run.finish('contract-rejected', { orderNo, reason: approval.reason }) };
    }
  }

  // 收费 (§44(五)): the cashier marks the fee received.
  const payment = await run.task({
    status: 'awaiting-payment',
    step: 'payment',
    title: '收费（缴费标记）',
    candidateRoles: ['cashier'],
    decisions: ['paid'] as const,
    form: 'payment-mark',
    prefill: { amountReceived: a.amount },
    notBy: ['contract'],
    abandonable: true,
  });
  await acts.updateOrder({
    orderId,
    state: 'paid',
    paidOn: String(payment.data.paidOn),
    paymentRef: String(payment.data.paymentRef),
    amountReceived: Number(payment.data.amountReceived),
  });
  return { result: 'paid', order: { orderId, orderNo, marketer, contractNo } };
}

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

interface DispatchItem {
  title: string;
  targetName: string;
  targetCode?: string;
  projectManager: string;
  members: string[];
  reviewLevel?: number;
  dueInWorkingDays?: number;
}

/**
 * 任务分派 (§54, §65): the product head splits the order into tasks, each with a project team
 * (a project manager and at least one member, all analysts) and a review level no lower than the rule.
 */
export async function dispatchTasks(run: CaseRun, order: Order, terms: OrderTerms): Promise<DispatchedTask[]> {
  let problems: string[] = [];
  for (;;) {
    const dispatch = await run.task({
      status: 'task-dispatch',
      step: 'task-dispatch',
      title: problems.length ? `任务分派（请重新分派：${problems.join('；')}）` : '任务分派（项目组与评审级别）',
      candidateRoles: ['dept_head@product'],
      decisions: ['dispatch'] as const,
      form: 'task-dispatch',
      prefill: {
        tasks: terms.application.subjects.map((s) => ({ title: `${s.name}${terms.productTitleZh}`, targetName: s.name, ...(s.code && { targetCode: s.code }), reviewLevel: terms.requiredReviewLevel })),
      },
      caseData: { requiredReviewLevel: terms.requiredReviewLevel },
    });
    const items = dispatch.data.tasks as DispatchItem[];
    problems = items.flatMap((item, i) => teamProblems(item).map((p) => `任务${i + 1}：${p}`));
    const lacking = await reads.usersLackingRole({ usernames: items.flatMap((item) => [item.projectManager, ...item.members]), role: 'analyst' });
    if (lacking.length) problems.push(`${lacking.join('、')} 不是在岗的调查分析员`);
    if (problems.length) {
      await run.setStatus('task-dispatch', { dispatchProblems: problems });
      continue;
    }

    const drafts = items.map((item, i) => ({
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
export async function runTasks(run: CaseRun, order: Order, terms: OrderTerms, tasks: DispatchedTask[], child: { workflowType: string; processType: string }): Promise<TaskOutcome[]> {
  return Promise.all(
    tasks.map(async (task) => {
      const { key: _key, ...rest } = task;
      const input: OrderTaskInput = { ...rest, orderId: order.orderId, orderNo: order.orderNo, productType: terms.productType, amount: terms.application.amount };
      const result = await run.child(child.workflowType, { processType: child.processType, key: task.key, title: `${order.orderNo} 任务${task.taskNo}：${task.title}`, input: { ...input } });
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
export async function deliverAndArchive(run: CaseRun, order: Order, terms: OrderTerms, outcomes: TaskOutcome[], documents: Array<{ name: string; ref?: string }>): Promise<ProcessResult> {
  const unfinished = outcomes.filter((o) => o.result.outcome !== 'passed');
  if (unfinished.length) run.fail(`tasks ${unfinished.map((o) => o.task.taskNo).join(', ')} did not pass; the order cannot be delivered`, WorkflowFailureType.TasksNotPassed);
  const deliverables: Deliverable[] = outcomes.map((o) => ({ taskNo: o.task.taskNo, ...(o.result.data as Omit<Deliverable, 'taskNo'>) }));
  const a = terms.application;

  const delivered = await run.task({
    status: 'delivering',
    caseData: { deliverables },
    step: 'deliver',
    title: '产品交付（产品交付登记表）',
    candidateRoles: ['service_reviewer', 'marketer'],
    decisions: ['delivered'] as const,
    form: 'product-delivery',
    prefill: { deliveryMethod: a.deliveryMethod, recipientName: a.contactName, recipientPhone: a.contactPhone },
  });
  await acts.recordDelivery({ orderId: order.orderId, deliveredBy: delivered.actor, deliveryMethod: String(delivered.data.deliveryMethod), deliveredOn: String(delivered.data.deliveredOn) });

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

export interface SubmissionSpec {
  orderTaskId: number;
  kind: 'report' | 'plan' | 'product';
  /** The step that uploads (and, after a rejection, re-uploads) the work. */
  upload: {
    step: string;
    title: string;
    revisedTitle: string;
    form: string;
    status: string;
    candidateRoles: RoleRef[];
    candidateUsers: string[];
    /** The version row from the upload form. */
    toVersion(data: Record<string, unknown>): { documentNo: string; title: string; fileRef: string; dataRef?: string; summary?: string };
  };
  levels: ReviewLevel[];
  /** P9 reviews two things: its steps are `plan-dept-review`, `product-dept-review`, … */
  stepPrefix?: 'plan' | 'product';
  reviewTitle: string;
  /** Four-eyes: the team's steps, whose deciders may not review. */
  notBy: string[];
  onState(state: 'under-review' | 'revising'): Promise<void>;
}

/**
 * Upload, then each review level in order; every level records its opinion (报告评审意见书 /
 * 方案评审意见书). A rejection sends the work back to be revised and re-uploaded as a new version,
 * and review restarts at the level that rejected ("直至审核通过", §60(二)–(五)).
 */
export async function reviewedSubmission(run: CaseRun, spec: SubmissionSpec): Promise<Omit<Deliverable, 'taskNo'> & { reviews: number }> {
  let version = 0;
  let latest = { documentNo: '', title: '' };
  let reviews = 0;
  const upload = async (rejection?: { step: string; actor: string; reason: string }) => {
    const up = await run.task({
      status: spec.upload.status,
      step: spec.upload.step,
      title: rejection ? spec.upload.revisedTitle : spec.upload.title,
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
    const step = reviewStep(level, spec.stepPrefix);
    const ref = { orderTaskId: spec.orderTaskId, kind: spec.kind };
    const levelSpec: LevelSpec = {
      status: `${spec.kind}-review-level-${level.level}`,
      step,
      title: `${spec.reviewTitle}：${level.titleZh}（第${level.level}级）`,
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
      opinion: String(approval.data.opinion ?? approval.comment ?? ''),
      ...(typeof approval.data.reviewSituation === 'string' && { reviewSituation: approval.data.reviewSituation }),
      decidedAt: approval.decidedAt,
      final: i === spec.levels.length - 1,
    });
  }
  return { ...latest, version, reviews };
}

/**
 * The order's front half that P8 (investigation report) and P9 (value-added service) share
 * (001 §44–47): 业务受理 → 待签合同分派 → 签订合同 → 合同审核 → 收费. What follows — dispatch to
 * project teams, the tasks' child cases, delivery — is in order-procedure.ts.
 */
import type { ProcessResult } from '../libs/contracts/workflow-contract';
import type { OrderApplication, OrderService, ReportThresholds } from '../libs/domain/report-policy';
import type { RoleRef } from '../libs/domain/roles';
import type { REPORT_VOCABULARY } from '../libs/procedures/report.vocabulary';
import { patched } from '@temporalio/workflow';
import { acts, CaseAbandoned, CaseRun, reads } from './case-run';
import { supervised, tiers } from './review-parts';

/** A case of the report family (orders, investigation tasks, value-added projects), typed by its words. */
export type ReportRun = CaseRun<typeof REPORT_VOCABULARY>;

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

/** The application every order files first and last (企业征信业务调查报告申请单, 001 附件14). */
export const APPLICATION = { name: '企业征信业务调查报告申请单' };

/**
 * 业务受理 → 待签合同分派 → 签订合同 → 合同审核 → 收费. Ends the case itself when the application is
 * not accepted or the contract is rejected; an abandonment (with its reason) marks the order too.
 */
export async function takeOrder(run: ReportRun, terms: OrderTerms): Promise<OrderIntake> {
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

async function intake(run: ReportRun, terms: OrderTerms, orderId: number, orderNo: string): Promise<OrderIntake> {
  const a = terms.application;
  await run.setStatus('accepting', {
    orderNo,
    orderPolicy: { productType: terms.productType, amount: a.amount, requiredReviewLevel: terms.requiredReviewLevel, contractApprovers: terms.contractApprovers, thresholds: terms.thresholds },
  });

  // 001 §44–47: the channel shapes the front half. Cases begun before ran every channel the outlet's way (§45).
  const channel = a.channel !== 'outlet' && patched('order-channels') ? a.channel : 'outlet';

  // 业务受理 / 申请单导入 (§44(一)(二), §45(一), §47(一)): the application and the documents of §48.
  const acceptSpec = {
    step: 'accept' as const,
    title: `业务受理：${terms.productTitleZh}`,
    // §47(一): in active marketing the marketer takes the application on the client's premises.
    candidateRoles: channel === 'marketing' ? (['marketer'] as const) : (['service_clerk', 'marketer'] as const),
    decisions: ['accept', 'reject'] as const,
    form: 'order-acceptance' as const,
  };
  const accept =
    channel === 'website'
      ? // §44(二): the website's application is registered by one person and imported by a second.
        (
          await supervised(run, acceptSpec, (registered) => ({
            status: 'application-import',
            step: 'application-import',
            ...(registered.decision === 'reject' && { title: '申请单导入：核对网站受理业务登记表（不予受理）' }),
            candidateRoles: ['service_reviewer'],
            decisions: ['confirm', 'return'] as const,
            form: 'application-import',
            prefill: { registeredBy: registered.actor, applicationNo: registered.data.applicationNo },
          }))
        ).done
      : await run.task(acceptSpec);
  if (accept.decision === 'reject') return notAccepted(run, orderId, orderNo, accept.actor, accept.comment ?? '');
  await acts.updateOrder({ orderId, state: 'accepted' });

  // §46(五): a product the member agreement already includes needs no contract and no fee: the
  // acceptance reviewer confirms the application's validity and marks the fee.
  if (channel === 'member' && a.memberAgreementCovers) {
    const validation = await run.task({
      status: 'member-validation',
      step: 'member-validation',
      candidateRoles: ['service_reviewer'],
      decisions: ['confirm', 'reject'] as const,
      form: 'member-validation',
      notBy: ['accept'],
    });
    if (validation.decision === 'reject') return notAccepted(run, orderId, orderNo, validation.actor, validation.comment ?? '');
    const agreementNo = validation.data.agreementNo;
    await acts.updateOrder({ orderId, state: 'paid', paidOn: validation.decidedAt.slice(0, 10), paymentRef: `会员协议 ${agreementNo}`, amountReceived: 0 });
    await run.setStatus('task-dispatch', { memberAgreement: { agreementNo, confirmedBy: validation.actor } });
    return { result: 'paid', order: { orderId, orderNo, marketer: '', contractNo: agreementNo } };
  }

  // §47: active marketing has no 待签合同分派 — the marketer who took the application signs.
  const marketer = channel === 'marketing' ? accept.actor : await assignMarketer(run);
  await acts.updateOrder({ orderId, state: 'contract-dispatched', marketer });

  // 签订合同 → 合同审核 (§44(四)): a return sends the contract back to the marketer.
  let contractNo: string;
  for (;;) {
    const contract = await run.task({
      status: 'contracting',
      step: 'contract',
      candidateRoles: ['marketer'],
      candidateUsers: [marketer],
      decisions: ['signed'] as const,
      form: 'product-contract',
      abandonable: true,
    });
    contractNo = contract.data.contractNo;
    await acts.updateOrder({ orderId, state: 'contract-signed', contractNo, contractSignedOn: contract.data.signedOn });

    const approval = await tiers(
      run,
      terms.contractApprovers.map((role, i) => ({
        status: 'contract-approval',
        step: i === 0 ? 'contract-approval' : 'contract-center-approval',
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

  // §47(二)(4): the marketer enters the application; the reviewer audits the application and documents again.
  if (channel === 'marketing') {
    const recheck = await run.task({
      status: 'rechecking',
      step: 'marketing-recheck',
      candidateRoles: ['service_reviewer'],
      decisions: ['confirm', 'reject'] as const,
      form: 'order-acceptance',
      notBy: ['accept', 'contract'],
    });
    if (recheck.decision === 'reject') return notAccepted(run, orderId, orderNo, recheck.actor, recheck.comment ?? '', [{ name: '产品合同', ref: contractNo }]);
  }

  // 收费 (§44(五)): the cashier marks the fee received.
  const payment = await run.task({
    status: 'awaiting-payment',
    step: 'payment',
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
    paidOn: payment.data.paidOn,
    paymentRef: payment.data.paymentRef,
    amountReceived: payment.data.amountReceived,
  });
  return { result: 'paid', order: { orderId, orderNo, marketer, contractNo } };
}

/** The application is not accepted: the order marked, the reason recorded, the application filed. */
async function notAccepted(run: ReportRun, orderId: number, orderNo: string, by: string, reason: string, documents: Array<{ name: string; ref?: string }> = []): Promise<OrderIntake> {
  await acts.updateOrder({ orderId, state: 'not-accepted', reason });
  await run.setStatus('not-accepted', { rejection: { by, reason } });
  await run.archive([APPLICATION, ...documents]);
  return { result: 'ended', processResult: await run.finish('not-accepted', { orderNo, reason }) };
}

/** 待签合同分派 (§44(三)): the customer-service head names a marketer; only that marketer signs. */
async function assignMarketer(run: ReportRun): Promise<string> {
  let problem: string | undefined;
  for (;;) {
    const dispatch = await run.task({
      status: 'contract-dispatch',
      step: 'contract-dispatch',
      ...(problem && { title: `待签合同分派（请重新指定：${problem}）` }),
      candidateRoles: ['dept_head@customer_service'],
      decisions: ['assign'] as const,
      form: 'contract-dispatch',
      abandonable: true,
    });
    const marketer = dispatch.data.marketer;
    if ((await reads.usersLackingRole({ usernames: [marketer], role: 'marketer' })).length === 0) return marketer;
    problem = `${marketer} 不是在岗的市场营销人员`;
  }
}

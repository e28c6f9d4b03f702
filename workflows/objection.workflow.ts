/**
 * P1 Objection handling (异议处理): one workflow, four policies (libs/domain/objection-policy.ts).
 * accept → confirm (four-eyes) → difference check or reason routing → handling → reply → archive,
 * with the objection mark on the disputed item from confirmation to the end.
 */
import type { ProcessResult, ProcessStart } from '../libs/contracts/workflow-contract';
import {
  DifferenceType,
  OBJECTION_POLICY,
  ObjectionInput,
  ObjectionPolicy,
  ObjectionPolicyKey,
  PROVIDER_REPLIES,
  routeByReason,
} from '../libs/domain/objection-policy';
import { patched } from '@temporalio/workflow';
import { OBJECTION_VOCABULARY } from '../libs/procedures/objection.vocabulary';
import { acts, CaseRun, reads } from './case-run';
import { dataCollectionWorkflow } from './data-collection.workflow';

type ObjectionRun = CaseRun<typeof OBJECTION_VOCABULARY>;

type Outcome = 'corrected' | 'no-change' | 'mark-removed' | 'founded-unchangeable' | 'unverifiable' | 'provider-overdue';

export async function objectionWorkflow(start: ProcessStart<ObjectionInput>): Promise<ProcessResult> {
  const run: ObjectionRun = new CaseRun(start, OBJECTION_VOCABULARY);
  const policy = OBJECTION_POLICY[start.policy as ObjectionPolicyKey];
  const input = start.input;
  const item = { subjectCode: input.subjectCode, itemName: input.itemName };
  const documents = [{ name: '异议申请单' }, { name: '异议申请回执' }, ...input.evidence];

  // Acceptance rules that need no person (000 §33, 001 §110): recorded, and the case ends at once.
  const rejection = await reads.checkObjectionAcceptance({ processId: run.processId, policy: policy.key, input, acceptedAt: run.now().toISOString() });
  if (rejection) {
    await run.setStatus('not-accepted', { rejection });
    // 001 §112(四): a refused application is still answered (the reason explained, the materials
    // returned) and filed. Cases refused before this rule ended at once, as their histories say.
    if (patched('refusal-answered')) {
      await replyToApplicant(run, policy, 'not-accepted');
      await run.archive(documents);
    }
    return run.finish('not-accepted', { rejection });
  }

  if (policy.overallSla) await run.startCaseClock(policy.overallSla, 'dept_head@customer_service');

  // 003 C.3: under `zhejiang` an application that does not conform goes back to the applicant to
  // amend; elsewhere it is refused. Cases accepted before this rule keep the refusal.
  const returnsToApplicant = policy.returnsToApplicant && patched('zhejiang-returns-to-applicant');
  for (;;) {
    const accept = await run.task({
      status: 'accepting',
      step: 'accept',
      candidateRoles: ['service_clerk'],
      decisions: returnsToApplicant ? (['accept', 'return'] as const) : (['accept', 'reject'] as const),
      form: 'objection-initial-review',
      due: { workingDays: 1 },
    });
    if (accept.decision === 'accept') break;
    if (accept.decision === 'return') {
      const amended = await run.task({
        status: 'returned-to-applicant',
        caseData: { returnedForAmendment: { by: accept.actor, reason: accept.comment } },
        step: 'applicant-amend',
        candidateRoles: ['service_clerk'],
        decisions: ['resubmitted', 'withdrawn'] as const,
        form: 'objection-amendment',
      });
      if (amended.decision === 'resubmitted') continue;
      // C.5: returned materials are filed too.
      await run.archive(documents);
      return run.finish('withdrawn', { returnedForAmendment: { reason: accept.comment }, withdrawnAt: amended.decidedAt });
    }
    const refused = { rule: 'initial-review', by: accept.actor, message: accept.comment };
    await run.setStatus('not-accepted', { rejection: refused });
    if (patched('refusal-answered')) await replyToApplicant(run, policy, 'not-accepted');
    await run.archive(documents);
    return run.finish('not-accepted', { rejection: refused });
  }

  const confirm = await run.task({
    status: 'confirming',
    step: 'confirm',
    candidateRoles: ['service_reviewer'],
    decisions: ['confirm', 'reject'] as const,
    form: 'objection-initial-review',
    notBy: ['accept'],
    due: policy.confirmWithin,
  });
  if (confirm.decision === 'reject') {
    await run.setStatus('confirmation-failed', { confirmationFailure: { by: confirm.actor, reason: confirm.comment } });
    await replyToApplicant(run, policy, 'confirmation-failed');
    await run.archive(documents);
    return run.finish('confirmation-failed', { reason: confirm.comment });
  }

  await acts.setObjectionMark({ ...item, processId: run.processId });
  await run.setStatus('marked');

  const outcome = policy.routesByReason ? await handleByReason(run, policy, input) : await handleByDifference(run, policy, input);

  await replyToApplicant(run, policy, outcome);
  await acts.clearObjectionMark({ ...item, processId: run.processId });
  await run.archive([...documents, { name: '异议回复书' }]);
  return run.finish(outcome);
}

/** 000 §37–38, 001 §114–115, 002 §31: classify, then handle by the kind of difference. */
async function handleByDifference(run: ObjectionRun, policy: ObjectionPolicy, input: ObjectionInput): Promise<Outcome> {
  const proposal = await reads.proposeDifference({ policy: policy.key, subjectCode: input.subjectCode, itemName: input.itemName, claimedValue: input.claimedValue });
  const kinds: DifferenceType[] = policy.checksQueryRecords ? ['internal', 'external', 'query-time', 'query-record'] : ['internal', 'external', 'query-time'];
  const check = await run.task({
    status: 'checking',
    caseData: { differenceProposal: proposal },
    step: 'check',
    candidateRoles: ['it_staff'],
    decisions: kinds,
    form: 'objection-difference-check',
    prefill: proposal,
    due: policy.checkWithin,
    clockFrom: policy.checkClockFromReceipt ? run.receivedAt : undefined,
  });
  await run.setStatus('handling', { differenceType: check.decision });

  switch (check.decision) {
    case 'internal': {
      await run.task({ step: 'reload', candidateRoles: ['it_staff'], decisions: ['reloaded'] as const, form: 'objection-handling-note', due: { workingDays: 1 } });
      await acts.reloadItemFromBase({ subjectCode: input.subjectCode, itemName: input.itemName, processId: run.processId });
      return 'corrected';
    }
    case 'query-time':
      return 'no-change';
    case 'query-record':
      return checkQueryRecord(run, input);
    case 'external':
      return askProvider(run, policy, input);
  }
}

/** 001 §115(三): the archivist checks the query application and authorisation on file. */
async function checkQueryRecord(run: ObjectionRun, input: ObjectionInput): Promise<Outcome> {
  for (;;) {
    const finding = await run.task({
      step: 'archive-check',
        candidateRoles: ['archivist'],
      decisions: ['authorised', 'unauthorised'] as const,
      form: 'objection-handling-note',
      due: { workingDays: 2 },
    });
    const approval = await run.task({
      step: 'finding-approval',
        candidateRoles: ['dept_head@it'],
      decisions: ['approve', 'return'] as const,
      form: 'objection-handling-note',
      due: { workingDays: 1 },
    });
    if (approval.decision === 'return') continue;
    await run.task({ step: 'record-result', candidateRoles: ['it_staff'], decisions: ['recorded'] as const, form: 'objection-handling-note', due: { workingDays: 1 } });
    if (finding.decision === 'authorised') return 'mark-removed';
    await acts.annotateItem({ subjectCode: input.subjectCode, itemName: input.itemName, annotation: `查询记录无授权，已按异议处理 ${run.processId} 更正` });
    return 'corrected';
  }
}

/** Zhejiang annex C.4: a/d to the data-source unit, b/c handled by the service organisation. */
async function handleByReason(run: ObjectionRun, policy: ObjectionPolicy, input: ObjectionInput): Promise<Outcome> {
  const route = routeByReason(input.reason!);
  await run.setStatus('handling', { route });
  if (route === 'source-unit') return askProvider(run, policy, input);

  const handling = await run.task({
    step: 'self-handle',
    title: input.reason === 'expired' ? '超期披露核实处理' : '文字错误核实处理',
    candidateRoles: ['it_staff'],
    decisions: ['corrected', 'no-change'] as const,
    form: 'objection-handling-note',
    due: { workingDays: 2 },
  });
  if (handling.decision === 'no-change') return 'mark-removed';
  if (input.reason === 'expired') {
    await acts.stopDisclosure({ subjectCode: input.subjectCode, itemName: input.itemName, reason: `超出规定期限仍在披露（${run.processId}）` });
  } else {
    await acts.applyCorrection({ subjectCode: input.subjectCode, itemName: input.itemName, value: input.claimedValue, processId: run.processId });
  }
  return 'corrected';
}

/**
 * External difference (000 §38 二, 001 §115 二, 002 §31–32): IT staff edit the difference into the
 * reporting format for the collectors, who send the verification letter; the provider's reply, raced
 * against the policy's deadline, is registered by IT staff. Cases begun before this path had the
 * collector register the reply and imported the correction inline.
 */
async function askProvider(run: ObjectionRun, policy: ObjectionPolicy, input: ObjectionInput): Promise<Outcome> {
  const replyPath = patched('provider-reply-path');
  if (replyPath) {
    await run.task({
      step: 'difference-file',
      candidateRoles: ['it_staff'],
      decisions: ['prepared'] as const,
      form: 'objection-difference-file',
      prefill: { fileName: `异议差异数据-${input.subjectCode}-${input.itemName}.txt`, records: 1 },
      due: { workingDays: 1 },
    });
  }
  const letter = await run.task({
    step: 'provider-letter',
    candidateRoles: ['data_collector'],
    decisions: ['sent'] as const,
    form: 'objection-verification-letter',
    prefill: { itemName: input.itemName, originalValue: input.originalValue, requestedValue: input.claimedValue, evidence: input.evidence.map((e) => e.name).join('、') },
    due: { workingDays: 1 },
  });
  const replySpec = {
    status: 'awaiting-provider' as const,
    step: 'provider-reply' as const,
    // 000 §38 二(四)(五), 001 §115 二(五): the collector passes the reply on; IT staff register it.
    candidateRoles: replyPath ? (['it_staff'] as const) : (['data_collector'] as const),
    decisions: PROVIDER_REPLIES,
    form: 'objection-provider-reply' as const,
  };
  const reply = policy.providerDeadline
    ? await run.taskUntil(replySpec, policy.providerDeadline)
    : await run.task({ ...replySpec, due: { workingDays: 3 } });

  if (!reply) {
    await run.setStatus('provider-overdue', { providerOverdue: true });
    if (policy.stopDisclosureWhenProviderOverdue) {
      await acts.stopDisclosure({ subjectCode: input.subjectCode, itemName: input.itemName, reason: `信源单位未按时回复核查结果（${run.processId}）` });
    }
    return 'provider-overdue';
  }
  await run.setStatus('provider-replied', { providerReply: reply.decision });
  const correctedValue = reply.data.correctedValue ?? input.claimedValue;
  const annotate = (check: string) =>
    acts.annotateItem({ subjectCode: input.subjectCode, itemName: input.itemName, annotation: `异议内容：${input.claimedValue}；核查情况：${check}` });

  if (!replyPath) {
    switch (reply.decision) {
      case 'agreed-changed':
        return importCorrection(run, input, correctedValue);
      case 'rejected':
        return 'mark-removed';
      case 'agreed-unchangeable':
      case 'unverifiable':
        if (policy.deleteUnverifiable) {
          await acts.deleteItem({ subjectCode: input.subjectCode, itemName: input.itemName, reason: `经核查无法确定其真实性（${run.processId}）` });
        } else {
          await annotate(reply.comment ?? reply.decision);
        }
        return 'unverifiable';
    }
  }

  switch (reply.decision) {
    case 'agreed-changed':
      return collectCorrection(run, input, letter.data.providerName, correctedValue);
    case 'rejected':
      return 'mark-removed';
    case 'agreed-unchangeable':
      // The objection is founded but the provider cannot change its data: kept with the item, never deleted.
      await annotate(reply.comment ?? '信息提供单位确认异议成立，但无法修改');
      return 'founded-unchangeable';
    case 'unverifiable':
      // 002 §32: only information whose truth cannot be established is deleted, with the reason.
      if (policy.deleteUnverifiable) {
        await acts.deleteItem({ subjectCode: input.subjectCode, itemName: input.itemName, reason: `经核查无法确定其真实性（${run.processId}）` });
      } else {
        await annotate(reply.comment ?? reply.decision);
      }
      return 'unverifiable';
  }
}

/**
 * 001 §115 二(四), 000 §38 二(四): the provider's corrected file comes back through the normal data
 * path — a P5 collection case (two collectors at the copy, the 数据采集文件登记表, signed for, unpacked
 * and stored under supervision) whose P6 import (数据导入文件登记表, the IT head's signature and on-site
 * authorisation) loads the correction; then the objection item's status follows.
 */
async function collectCorrection(run: ObjectionRun, input: ObjectionInput, providerName: string, correctedValue: string): Promise<Outcome> {
  await run.setStatus('collecting-correction', { correction: { providerName, correctedValue, processId: `${run.processId}.correction` } });
  const collected = await run.child(dataCollectionWorkflow, {
    processType: 'data-collection',
    policy: 'disk',
    key: 'correction',
    title: `异议更正数据采集：${providerName} · ${input.subjectName} · ${input.itemName}`,
    input: {
      providerName,
      fileName: `异议更正-${input.subjectCode}-${input.itemName}.dat`,
      records: [{ subjectCode: input.subjectCode, subjectName: input.subjectName, itemName: input.itemName, value: correctedValue }],
      objectionProcessId: run.processId,
    },
  });
  await run.setStatus('provider-replied', { correction: { providerName, correctedValue, processId: `${run.processId}.correction`, outcome: collected.outcome } });
  if (collected.outcome === 'loaded') return 'corrected';
  // The provider agreed, but its corrected data could not be taken in: the objection stays founded, unchanged.
  await acts.annotateItem({ subjectCode: input.subjectCode, itemName: input.itemName, annotation: `异议内容：${input.claimedValue}；核查情况：信息提供单位同意更正，更正数据未能导入（${collected.outcome}）` });
  return 'founded-unchangeable';
}

/** 001 §115(四): the corrected file is imported only with the IT dept_head's authorisation (four-eyes). */
async function importCorrection(run: ObjectionRun, input: ObjectionInput, correctedValue: string): Promise<Outcome> {
  for (;;) {
    await run.task({
      step: 'import-register',
        candidateRoles: ['it_staff'],
      decisions: ['registered'] as const,
      form: 'objection-import-register',
      prefill: { correctedValue },
      due: { workingDays: 2 },
    });
    const authorise = await run.task({
      step: 'import-authorise',
        candidateRoles: ['dept_head@it'],
      decisions: ['approve', 'return'] as const,
      notBy: ['import-register'],
      due: { workingDays: 1 },
    });
    if (authorise.decision === 'approve') break;
  }
  await acts.applyCorrection({ subjectCode: input.subjectCode, itemName: input.itemName, value: correctedValue, processId: run.processId });
  return 'corrected';
}

const REPLY_TITLE: Partial<Record<string, string>> = {
  'not-accepted': '告知申请人不予受理（说明理由、退回材料）',
  'confirmation-failed': '告知申请人受理不成功',
};

/** 000 §39, 001 §116, 002 §31: the reply (异议回复书) within the policy's time. */
async function replyToApplicant(run: ObjectionRun, policy: ObjectionPolicy, outcome: string): Promise<void> {
  await run.task({
    status: 'replying',
    caseData: { outcomeProposed: outcome },
    step: 'reply',
    title: REPLY_TITLE[outcome] ?? '异议回复（打印异议回复书并通知申请人）',
    candidateRoles: ['service_clerk'],
    decisions: ['replied'] as const,
    form: 'objection-reply',
    prefill: { outcome },
    due: policy.replyWithin,
  });
  await run.stopCaseClock();
}

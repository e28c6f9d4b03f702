/**
 * Every P1 clock on the time-skipping server, at real calendar dates: the provider deadline
 * per policy, the confirmation escalation across National Day, the overall SLA, and the
 * workflow's own four-eyes refusal.
 */
import { caseStateQuery } from '../../libs/contracts/workflow-contract';
import { ObjectionPolicyKey } from '../../libs/domain/objection-policy';
import { AuditLogEntity, NoticeEntity, ProcessEntity, TaskEntity } from '../../libs/persistence/entities';
import { createTestSubject, creditItem } from '../support/database';
import { INITIAL_REVIEW_PASSED, objectionInput } from '../support/objection-input';
import { DAY_MS, decide, eventually, openTask, startCase, useWorkflowTests } from '../support/workflow-harness';

const t = useWorkflowTests();

async function objection(policy: ObjectionPolicyKey, initialTime: string, itemName = '行政处罚记录') {
  await t.start(initialTime);
  const subject = await createTestSubject(t.dataSource);
  const handle = await startCase(t.h, t.dataSource, 'objectionWorkflow', {
    processType: 'objection',
    policy,
    startedBy: 'service_clerk_1',
    input: objectionInput(subject, { itemName, reportQueriedAt: new Date(Date.parse(initialTime) - 5 * DAY_MS).toISOString() }),
  });
  return { handle, subject };
}

/** accept → confirm → check (external) → difference file → provider letter sent: the provider's clock is running. */
async function toProviderReply(policy: ObjectionPolicyKey, initialTime: string) {
  const { handle, subject } = await objection(policy, initialTime);
  await decide(t.h, t.dataSource, handle, 'accept', 'service_clerk_1', 'accept', INITIAL_REVIEW_PASSED);
  await decide(t.h, t.dataSource, handle, 'confirm', 'service_reviewer_1', 'confirm', INITIAL_REVIEW_PASSED);
  await decide(t.h, t.dataSource, handle, 'check', 'it_staff_1', 'external');
  await decide(t.h, t.dataSource, handle, 'difference-file', 'it_staff_1', 'prepared', { fileName: 'diff.txt', records: 1 });
  const letter = await decide(t.h, t.dataSource, handle, 'provider-letter', 'data_collector_1', 'sent', {
    providerName: '市生态环境局',
    itemName: '行政处罚记录',
    originalValue: '2025-03-12 环境违法罚款2万元',
    requestedValue: '无',
    letterNo: 'HD-001',
  });
  const reply = await openTask(t.dataSource, handle.workflowId, 'provider-reply');
  return { handle, subject, letter, reply };
}

describe('the provider reply is raced against the policy deadline', () => {
  it.each([
    ['center', 20],
    ['company', 10],
  ] as const)('%s: provider-overdue after exactly %i days, not one day earlier', async (policy, days) => {
    const { handle, letter, reply } = await toProviderReply(policy, '2026-03-02T09:30:00+08:00');
    // The provider's clock starts when the letter has gone out (the reply task opens right after).
    expect(reply.createdAt.getTime()).toBeGreaterThanOrEqual(letter.completedAt!.getTime());
    expect(reply.dueAt!.getTime() - reply.createdAt.getTime()).toBe(days * DAY_MS);

    await t.h.server.env.sleep((days - 1) * DAY_MS);
    expect((await t.dataSource.getRepository(TaskEntity).findOneByOrFail({ taskId: reply.taskId })).status).toBe('open');
    expect((await handle.query(caseStateQuery)).businessStatus).toBe('awaiting-provider');

    await t.h.server.env.sleep(DAY_MS + 60_000);
    await eventually(async () => (await t.dataSource.getRepository(TaskEntity).findOneByOrFail({ taskId: reply.taskId })).status === 'cancelled', 'provider reply expired');
    await eventually(async () => (await handle.query(caseStateQuery)).businessStatus === 'replying', 'reply step');
    expect((await t.dataSource.getRepository(ProcessEntity).findOneByOrFail({ processId: handle.workflowId })).data).toMatchObject({ providerOverdue: true, outcomeProposed: 'provider-overdue' });

    await decide(t.h, t.dataSource, handle, 'reply', 'service_clerk_1', 'replied', { replyNo: 'HF-1', notifiedBy: 'phone' });
    await decide(t.h, t.dataSource, handle, 'archive', 'archivist_1', 'filed', { receiptNo: 'DA-1' });
    expect(await handle.result()).toMatchObject({ outcome: 'provider-overdue' });
  });

  it('municipal: 10 working days across the Qingming holiday, then disclosure of the item stops', async () => {
    // Letter sent on Wed 2026-04-01; Qingming is Sat 4–Mon 6 April: the 10th working day is Thu 16 April.
    const { handle, subject, reply } = await toProviderReply('municipal', '2026-04-01T10:00:00+08:00');
    expect(reply.dueAt!.toISOString()).toBe(new Date('2026-04-17T00:00:00+08:00').toISOString());

    const untilDue = reply.dueAt!.getTime() - (await t.h.server.env.currentTimeMs());
    await t.h.server.env.sleep(untilDue - DAY_MS);
    expect((await t.dataSource.getRepository(TaskEntity).findOneByOrFail({ taskId: reply.taskId })).status).toBe('open');
    expect((await creditItem(t.dataSource, subject.subjectCode, '行政处罚记录')).disclosed).toBe(true);

    await t.h.server.env.sleep(DAY_MS + 60_000);
    await eventually(async () => !(await creditItem(t.dataSource, subject.subjectCode, '行政处罚记录')).disclosed, 'disclosure stopped');
    expect((await handle.query(caseStateQuery)).businessStatus).toBe('replying');
  });
});

describe('SLA escalation', () => {
  it('confirmation is due at the end of the 2nd working day across National Day, and escalates to the customer-service head', async () => {
    // Accepted Tue 2025-09-30; 1–8 October are holidays: the 2nd working day is Fri 10 October.
    const { handle } = await objection('center', '2025-09-30T10:00:00+08:00');
    await decide(t.h, t.dataSource, handle, 'accept', 'service_clerk_1', 'accept', INITIAL_REVIEW_PASSED);
    const confirm = await openTask(t.dataSource, handle.workflowId, 'confirm');
    expect(confirm.dueAt!.toISOString()).toBe(new Date('2025-10-11T00:00:00+08:00').toISOString());

    const escalations = () => t.dataSource.getRepository(NoticeEntity).findBy({ taskId: confirm.taskId, kind: 'escalation' });
    const untilDue = confirm.dueAt!.getTime() - (await t.h.server.env.currentTimeMs());
    await t.h.server.env.sleep(untilDue - 3600_000);
    expect((await t.dataSource.getRepository(TaskEntity).findOneByOrFail({ taskId: confirm.taskId })).escalatedAt).toBeNull();
    expect(await escalations()).toHaveLength(0);

    await t.h.server.env.sleep(2 * 3600_000);
    const notices = await eventually(async () => ((await escalations()).length > 0 ? escalations() : undefined), 'escalation notice');
    expect(notices.map((n) => n.recipient)).toEqual(['cs_head']);
    const escalated = await t.dataSource.getRepository(TaskEntity).findOneByOrFail({ taskId: confirm.taskId });
    expect(escalated.escalatedAt!.getTime()).toBeGreaterThanOrEqual(confirm.dueAt!.getTime());
    // Escalation is not expiry: the task stays open and can still be decided.
    expect(escalated.status).toBe('open');
    await decide(t.h, t.dataSource, handle, 'confirm', 'service_reviewer_1', 'confirm', INITIAL_REVIEW_PASSED);
  });

  it.each([
    // Mon 2025-09-29 + 20 working days (National Day, and the 调休 Saturday 11 October counts) = Mon 3 November.
    ['center', '2025-09-29T09:00:00+08:00', '2025-11-04T00:00:00+08:00'],
    // Thu 2026-02-12 + 5 working days across Spring Festival (the 调休 Saturday 14 February counts) = Thu 26 February.
    ['zhejiang', '2026-02-12T09:00:00+08:00', '2026-02-27T00:00:00+08:00'],
  ] as const)('%s: the overall SLA from acceptance flags the case at %s → %s, and the clock never stops', async (policy, start, due) => {
    await t.start(start);
    const subject = await createTestSubject(t.dataSource);
    const handle = await startCase(t.h, t.dataSource, 'objectionWorkflow', {
      processType: 'objection',
      policy,
      startedBy: 'service_clerk_1',
      input: objectionInput(subject, { reason: policy === 'zhejiang' ? 'text' : undefined, reportQueriedAt: new Date(Date.parse(start) - 5 * DAY_MS).toISOString() }),
    });
    const caseRow = () => t.dataSource.getRepository(ProcessEntity).findOneByOrFail({ processId: handle.workflowId });
    await eventually(async () => (await caseRow()).dueAt, 'case due time');
    expect((await caseRow()).dueAt!.toISOString()).toBe(new Date(due).toISOString());

    const untilDue = Date.parse(due) - (await t.h.server.env.currentTimeMs());
    await t.h.server.env.sleep(untilDue - 3600_000);
    expect((await caseRow()).slaBreached).toBe(false);
    await t.h.server.env.sleep(2 * 3600_000);
    await eventually(async () => (await caseRow()).slaBreached, 'case SLA breached');
    const notice = await t.dataSource.getRepository(NoticeEntity).findOneByOrFail({ processId: handle.workflowId, dedupeKey: `case-escalation:${handle.workflowId}` });
    expect(notice.recipient).toBe('cs_head');
    expect((await caseRow()).status).toBe('running');
  });
});

describe('municipal: the comparison runs from receipt (002 §31)', () => {
  it('is due 2 working days after the objection was received, however long acceptance took', async () => {
    // Received Wed 2026-04-01, accepted and confirmed on Thu 2 April. Two working days from receipt
    // end with Fri 3 April; counted from the check's opening they would end with Tue 7 April
    // (Qingming is Sat 4 – Mon 6 April).
    const { handle } = await objection('municipal', '2026-04-01T10:00:00+08:00');
    await t.h.server.env.sleep(Date.parse('2026-04-02T09:30:00+08:00') - (await t.h.server.env.currentTimeMs()));
    await decide(t.h, t.dataSource, handle, 'accept', 'service_clerk_1', 'accept', INITIAL_REVIEW_PASSED);
    await decide(t.h, t.dataSource, handle, 'confirm', 'service_reviewer_1', 'confirm', INITIAL_REVIEW_PASSED);
    const check = await openTask(t.dataSource, handle.workflowId, 'check');
    expect(check.dueAt!.toISOString()).toBe(new Date('2026-04-04T00:00:00+08:00').toISOString());
  });
});

describe('the overall clock stops when the applicant is told', () => {
  it('center: a reply on the last working day is on time, however late the archive is filed', async () => {
    // Accepted Mon 2025-09-29: due at the end of Mon 3 November (20 working days across National Day).
    const { handle } = await objection('center', '2025-09-29T09:00:00+08:00');
    const caseRow = () => t.dataSource.getRepository(ProcessEntity).findOneByOrFail({ processId: handle.workflowId });
    await decide(t.h, t.dataSource, handle, 'accept', 'service_clerk_1', 'accept', INITIAL_REVIEW_PASSED);
    await decide(t.h, t.dataSource, handle, 'confirm', 'service_reviewer_1', 'confirm', INITIAL_REVIEW_PASSED);
    await decide(t.h, t.dataSource, handle, 'check', 'it_staff_1', 'query-time');
    expect((await caseRow()).dueAt!.toISOString()).toBe(new Date('2025-11-04T00:00:00+08:00').toISOString());

    // The reply goes out on Mon 3 November, the last working day of the clock.
    await openTask(t.dataSource, handle.workflowId, 'reply');
    await t.h.server.env.sleep(Date.parse('2025-11-03T15:00:00+08:00') - (await t.h.server.env.currentTimeMs()));
    await decide(t.h, t.dataSource, handle, 'reply', 'service_clerk_1', 'replied', { replyNo: 'HF-9', notifiedBy: 'phone' });
    const replied = await eventually(async () => (await caseRow()).data.repliedAt as string | undefined, 'reply instant recorded');
    expect(Date.parse(replied)).toBeLessThan(Date.parse('2025-11-04T00:00:00+08:00'));

    // The archive is filed three days after the clock's end: no breach, no escalation.
    await t.h.server.env.sleep(3 * DAY_MS);
    expect((await caseRow()).slaBreached).toBe(false);
    expect(await t.dataSource.getRepository(NoticeEntity).countBy({ processId: handle.workflowId, dedupeKey: `case-escalation:${handle.workflowId}` })).toBe(0);
    await decide(t.h, t.dataSource, handle, 'archive', 'archivist_1', 'filed', { receiptNo: 'DA-9' });
    expect(await handle.result()).toMatchObject({ outcome: 'no-change' });
    expect((await caseRow()).slaBreached).toBe(false);
  });
});

describe('the workflow checks every decision again', () => {
  it('refuses and records a four-eyes breach sent around the API, then takes a valid decision', async () => {
    const { handle } = await objection('center', '2026-03-02T09:30:00+08:00');
    // A user who holds both roles, so only the four-eyes rule stands in the way.
    await t.dataSource.query(
      `INSERT INTO user_roles (user_id, role) SELECT id, 'service_reviewer' FROM users WHERE username = 'service_clerk_2' ON CONFLICT DO NOTHING`,
    );
    await decide(t.h, t.dataSource, handle, 'accept', 'service_clerk_2', 'accept', INITIAL_REVIEW_PASSED);
    const confirm = await openTask(t.dataSource, handle.workflowId, 'confirm');
    expect(confirm.excludedUsers).toEqual(['service_clerk_2']);

    const { decisionSignal } = await import('../../libs/contracts/workflow-contract');
    await handle.signal(decisionSignal, { taskId: confirm.taskId, username: 'service_clerk_2', decision: 'confirm', data: INITIAL_REVIEW_PASSED, decidedAt: new Date().toISOString() });
    const refusal = await eventually(
      () => t.dataSource.getRepository(AuditLogEntity).findOneBy({ taskId: confirm.taskId, action: 'refusal' }),
      'recorded refusal',
    );
    expect(refusal.detail).toMatchObject({ by: 'workflow', code: 'FOUR_EYES' });
    expect((await t.dataSource.getRepository(TaskEntity).findOneByOrFail({ taskId: confirm.taskId })).status).toBe('open');

    // A wrong role is refused too.
    await handle.signal(decisionSignal, { taskId: confirm.taskId, username: 'it_staff_1', decision: 'confirm', data: INITIAL_REVIEW_PASSED, decidedAt: new Date().toISOString() });
    await eventually(async () => (await t.dataSource.getRepository(AuditLogEntity).countBy({ taskId: confirm.taskId, action: 'refusal' })) === 2, 'second refusal');

    await decide(t.h, t.dataSource, handle, 'confirm', 'service_reviewer_1', 'confirm', INITIAL_REVIEW_PASSED);
    await openTask(t.dataSource, handle.workflowId, 'check');
  });
});

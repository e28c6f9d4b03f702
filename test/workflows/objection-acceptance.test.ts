/**
 * Acceptance as the seeds write it: a refusal is still answered and filed (001 §112(四)), and
 * under `zhejiang` a non-conforming application goes back to the applicant to amend (003 C.3).
 */
import { ProcessEntity, TaskEntity } from '../../libs/persistence/entities';
import { createTestSubject } from '../support/database';
import { INITIAL_REVIEW_PASSED, objectionInput } from '../support/objection-input';
import { DAY_MS, decide, openTask, startCase, useWorkflowTests } from '../support/workflow-harness';

const t = useWorkflowTests();

async function objection(policy: 'center' | 'company' | 'zhejiang', overrides: Record<string, unknown> = {}) {
  const at = '2026-03-02T09:30:00+08:00';
  await t.start(at);
  const subject = await createTestSubject(t.dataSource);
  return startCase(t.h, t.dataSource, 'objectionWorkflow', {
    processType: 'objection',
    policy,
    startedBy: 'service_clerk_1',
    input: objectionInput(subject, { reason: policy === 'zhejiang' ? 'text' : undefined, reportQueriedAt: new Date(Date.parse(at) - 5 * DAY_MS).toISOString(), ...overrides }),
  });
}

const REPLY = { replyNo: 'HF-1', notifiedBy: 'counter' };

describe('a refused objection is still answered', () => {
  it('company: refused by the identifier rule, the clerk explains and returns the materials, then it is filed', async () => {
    const handle = await objection('company', { itemName: '组织机构代码号' });
    const reply = await openTask(t.dataSource, handle.workflowId, 'reply');
    expect(reply).toMatchObject({ title: '告知申请人不予受理（说明理由、退回材料）', candidateRoles: ['service_clerk'], prefill: { outcome: 'not-accepted' } });
    await decide(t.h, t.dataSource, handle, 'reply', 'service_clerk_1', 'replied', REPLY);
    await decide(t.h, t.dataSource, handle, 'archive', 'archivist_1', 'filed', { receiptNo: 'DA-1' });
    expect(await handle.result()).toMatchObject({ outcome: 'not-accepted', data: { rejection: { rule: 'identifier-item', article: '001 §110 一(二)' } } });
  });

  it('center: refused at the initial review, the applicant is told why before the case is filed', async () => {
    const handle = await objection('center');
    await decide(t.h, t.dataSource, handle, 'accept', 'service_clerk_1', 'reject', { ...INITIAL_REVIEW_PASSED, materialsComplete: false }, '缺少证明材料');
    await decide(t.h, t.dataSource, handle, 'reply', 'service_clerk_1', 'replied', REPLY);
    await decide(t.h, t.dataSource, handle, 'archive', 'archivist_1', 'filed', { receiptNo: 'DA-2' });
    expect(await handle.result()).toMatchObject({ outcome: 'not-accepted' });
  });
});

describe('zhejiang returns a non-conforming application to the applicant (003 C.3)', () => {
  it('offers return instead of refusal; the amended application is reviewed again and goes on', async () => {
    const handle = await objection('zhejiang');
    const first = await openTask(t.dataSource, handle.workflowId, 'accept');
    expect(first.decisions).toEqual(['accept', 'return']);
    await decide(t.h, t.dataSource, handle, 'accept', 'service_clerk_1', 'return', { ...INITIAL_REVIEW_PASSED, identityGenuine: false }, '身份证号码与申请人名称不符');
    const amend = await openTask(t.dataSource, handle.workflowId, 'applicant-amend');
    expect((await t.dataSource.getRepository(ProcessEntity).findOneByOrFail({ processId: handle.workflowId })).businessStatus).toBe('returned-to-applicant');
    expect(amend.decisions).toEqual(['resubmitted', 'withdrawn']);
    await decide(t.h, t.dataSource, handle, 'applicant-amend', 'service_clerk_1', 'resubmitted', { amendment: '补正了身份证号码' });
    const second = await openTask(t.dataSource, handle.workflowId, 'accept');
    expect(second.round).toBe(2);
    await decide(t.h, t.dataSource, handle, 'accept', 'service_clerk_1', 'accept', INITIAL_REVIEW_PASSED);
    await openTask(t.dataSource, handle.workflowId, 'confirm');
  });

  it('an applicant who withdraws instead: the returned materials are filed and the case ends withdrawn', async () => {
    const handle = await objection('zhejiang');
    await decide(t.h, t.dataSource, handle, 'accept', 'service_clerk_1', 'return', INITIAL_REVIEW_PASSED, '异议内容不明确');
    await decide(t.h, t.dataSource, handle, 'applicant-amend', 'service_clerk_1', 'withdrawn', { amendment: '申请人放弃补正' });
    await decide(t.h, t.dataSource, handle, 'archive', 'archivist_1', 'filed', { receiptNo: 'DA-3' });
    expect(await handle.result()).toMatchObject({ outcome: 'withdrawn' });
    expect(await t.dataSource.getRepository(TaskEntity).countBy({ processId: handle.workflowId, step: 'confirm' })).toBe(0);
  });
});

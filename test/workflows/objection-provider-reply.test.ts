/**
 * P1's external difference as the seeds write it (000 §38 二, 001 §115 二, 002 §32): IT staff prepare
 * the difference file and register the provider's reply; a correction comes back through a real P5
 * collection case (two collectors, the collection register) and its P6 import (the import register,
 * the IT head's signature and on-site authorisation); 成立但无法修改 is its own outcome, and under
 * `municipal` only information whose truth cannot be established is deleted.
 */
import type { WorkflowHandle } from '@temporalio/client';
import type { ObjectionPolicyKey } from '../../libs/domain/objection-policy';
import { ProcessEntity } from '../../libs/persistence/entities';
import { DataDriver } from '../support/data-driver';
import { RECEIVE, SUPERVISED, UNPACK, WITNESS, registerForm } from '../support/data-input';
import { createTestSubject, creditItem } from '../support/database';
import { INITIAL_REVIEW_PASSED, objectionInput } from '../support/objection-input';
import { DAY_MS, openTask, startCase, useWorkflowTests } from '../support/workflow-harness';

const t = useWorkflowTests();

const PROVIDER = '市生态环境局';
const LETTER = { providerName: PROVIDER, itemName: '行政处罚记录', originalValue: '2025-03-12 环境违法罚款2万元', requestedValue: '无', letterNo: 'HD-2026-081' };

/** accept → confirm → external → the difference file (its clock checked) → the letter: the reply task is open. */
async function toProviderReply(policy: ObjectionPolicyKey) {
  const initialTime = '2026-11-02T09:30:00+08:00';
  await t.start(initialTime);
  const d = new DataDriver(t.h, t.dataSource);
  const subject = await createTestSubject(t.dataSource);
  const handle = await startCase(t.h, t.dataSource, 'objectionWorkflow', {
    processType: 'objection',
    policy,
    startedBy: 'service_clerk_1',
    input: objectionInput(subject, { reportQueriedAt: new Date(Date.parse(initialTime) - 5 * DAY_MS).toISOString() }),
  });
  await d.decide(handle, 'accept', 'service_clerk_1', 'accept', INITIAL_REVIEW_PASSED);
  await d.decide(handle, 'confirm', 'service_reviewer_1', 'confirm', INITIAL_REVIEW_PASSED);
  await d.decide(handle, 'check', 'it_staff_1', 'external');
  // 000 §38 二(二): IT staff edit the difference into the reporting format and hand it to the collectors.
  const file = await d.clock(handle, 'difference-file', { workingDays: 1 }, 'it_head');
  expect(file.candidateRoles).toEqual(['it_staff']);
  expect(await d.refused(handle, 'difference-file', 'data_collector_1', 'prepared', { fileName: 'diff.txt', records: 1 })).toMatchObject({ code: 'FORBIDDEN' });
  await d.decide(handle, 'difference-file', 'it_staff_1', 'prepared', { fileName: 'diff.txt', records: 1 });
  await d.decide(handle, 'provider-letter', 'data_collector_1', 'sent', LETTER);
  // 000 §38 二(四)(五), 001 §115 二(五): the collector passes the reply on; IT staff register it.
  const reply = await openTask(t.dataSource, handle.workflowId, 'provider-reply');
  expect(reply.candidateRoles).toEqual(['it_staff']);
  expect(await d.refused(handle, 'provider-reply', 'data_collector_1', 'rejected', { repliedOn: '2026-11-10' })).toMatchObject({ code: 'FORBIDDEN' });
  return { d, handle, subject };
}

async function replyAndArchive(d: DataDriver, handle: WorkflowHandle) {
  await d.decide(handle, 'reply', 'service_clerk_1', 'replied', { replyNo: 'HF-2026-081', notifiedBy: 'phone' });
  await d.decide(handle, 'archive', 'archivist_1', 'filed', { receiptNo: 'DA-2026-0810' });
}

it('center: the agreed correction comes back through a P5 collection case (two collectors) and its P6 import (IT head), then the objection ends corrected', async () => {
  const { d, handle, subject } = await toProviderReply('center');
  await d.decide(handle, 'provider-reply', 'it_staff_2', 'agreed-changed', { repliedOn: '2026-11-10', correctedValue: '无' });

  // The correction as its own P5 case: the collection register by one collector, the copy witnessed by a second.
  const collection = t.h.server.env.client.workflow.getHandle(`${handle.workflowId}.correction`);
  const register = await openTask(t.dataSource, collection.workflowId, 'register-file');
  expect(register.prefill).toMatchObject({ providerName: PROVIDER, records: [{ subjectCode: subject.subjectCode, itemName: '行政处罚记录', value: '无' }] });
  const records = [{ ...subject, itemName: '行政处罚记录', value: '无' }];
  expect((await t.dataSource.getRepository(ProcessEntity).findOneByOrFail({ processId: collection.workflowId })).policy).toBe('disk');
  await d.decide(collection, 'register-file', 'data_collector_1', 'registered', registerForm(PROVIDER, records, { medium: 'disk', fileName: 'correction.dat' }));
  expect(await d.refused(collection, 'copy-witness', 'data_collector_1', 'confirm', WITNESS)).toMatchObject({ code: 'FOUR_EYES' });
  await d.decide(collection, 'copy-witness', 'data_collector_2', 'confirm', WITNESS);
  await d.decide(collection, 'receive', 'data_manager_1', 'received', RECEIVE);
  await d.decide(collection, 'unpack', 'data_manager_1', 'unpacked', UNPACK);
  await d.decide(collection, 'unpack-supervise', 'data_manager_2', 'confirm', SUPERVISED);
  await d.burnAndStore(collection);
  // Nothing is corrected before the import register is signed and the load authorised.
  expect(await creditItem(t.dataSource, subject.subjectCode, '行政处罚记录')).toMatchObject({ creditValue: '2025-03-12 环境违法罚款2万元' });
  await d.importAndLoad(d.child(collection, 1), { providerName: PROVIDER, fileName: 'correction.dat', records: 1 });
  await d.decide(collection, 'archive', 'archivist_1', 'filed', { receiptNo: 'DA-2026-0811' });
  expect(await collection.result()).toMatchObject({ outcome: 'loaded' });

  await replyAndArchive(d, handle);
  expect(await handle.result()).toMatchObject({ outcome: 'corrected' });
  expect(await creditItem(t.dataSource, subject.subjectCode, '行政处罚记录')).toMatchObject({ baseValue: '无', creditValue: '无', objectionProcessId: null });
  // The old inline import steps are gone from this path.
  expect(await t.dataSource.query(`SELECT count(*)::int AS n FROM tasks WHERE process_id = $1 AND step IN ('import-register', 'import-authorise')`, [handle.workflowId])).toEqual([{ n: 0 }]);
});

it('municipal: 成立但无法修改 is its own outcome and the item is kept (annotated), not deleted', async () => {
  const { d, handle, subject } = await toProviderReply('municipal');
  await d.decide(handle, 'provider-reply', 'it_staff_1', 'agreed-unchangeable', { repliedOn: '2026-11-10' }, '原始处罚决定已归档，系统无法修改');
  await replyAndArchive(d, handle);
  expect(await handle.result()).toMatchObject({ outcome: 'founded-unchangeable' });
  const item = await creditItem(t.dataSource, subject.subjectCode, '行政处罚记录');
  expect(item.deletedAt).toBeNull();
  expect(item.annotation).toContain('原始处罚决定已归档');
});

it('municipal: information whose truth cannot be established is deleted with the reason (002 §32)', async () => {
  const { d, handle, subject } = await toProviderReply('municipal');
  await d.decide(handle, 'provider-reply', 'it_staff_1', 'unverifiable', { repliedOn: '2026-11-10' }, '信源单位无法核实');
  await replyAndArchive(d, handle);
  expect(await handle.result()).toMatchObject({ outcome: 'unverifiable' });
  expect((await creditItem(t.dataSource, subject.subjectCode, '行政处罚记录')).deletedAt).not.toBeNull();
});

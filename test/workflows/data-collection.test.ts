/**
 * P5 data collection on the time-skipping server, every branch: the error file back to the provider
 * and the resubmission loop (unpack errors and import errors), each channel's four-eyes step refused
 * inside the workflow, the open channel's month end and its way into P6, abandonment by a reasoned
 * decision, and every step's clock (across the Qingming holiday).
 */
import { In } from 'typeorm';
import { ProcessEntity, TaskEntity } from '../../libs/persistence/entities';
import { DataFileEntity } from '../../libs/persistence/entities/data-file.entity';
import { DataImportBatchEntity } from '../../libs/persistence/entities/data-import-batch.entity';
import { DataOpenEntryEntity } from '../../libs/persistence/entities/data-open-entry.entity';
import { DATA_CLOCKS } from '../../libs/domain/data-policy';
import { DataDriver } from '../support/data-driver';
import {
  badCodeRecord,
  BURN,
  correctedRecord,
  goodRecords,
  HAND_OVER,
  MANUAL,
  notice,
  OPEN_REPORT,
  OPEN_REVIEW,
  openEntry,
  registerForm,
  renamedRecord,
  RECEIVE,
  RETURNED,
  SUPERVISED,
  UNPACK,
  WITNESS,
} from '../support/data-input';
import { createTestSubject, creditItem } from '../support/database';
import { eventually, openTask, useWorkflowTests } from '../support/workflow-harness';

const t = useWorkflowTests();

async function driver(initialTime: string): Promise<DataDriver> {
  await t.start(initialTime);
  return new DataDriver(t.h, t.dataSource);
}

const caseRow = (processId: string) => t.dataSource.getRepository(ProcessEntity).findOneByOrFail({ processId });
const filesOf = (processId: string) => t.dataSource.getRepository(DataFileEntity).find({ where: { processId }, order: { version: 'ASC' } });
const ARCHIVE = { receiptNo: 'DA-2026-0001' };

describe('the error file goes back to the provider and the case loops', () => {
  it('online: a file short of its register is returned; an import error is returned; the third version loads — records counted all the way', async () => {
    const d = await driver('2026-10-12T09:30:00+08:00');
    const subject = await createTestSubject(t.dataSource);
    const records = goodRecords(subject);
    const handle = await d.collect('online', { providerName: '市税务局', fileName: 'tax-2026-10.dat' });

    // Version 1 declares four records and carries three: it can only go back.
    await d.decide(handle, 'register-file', 'data_collector_1', 'registered', registerForm('市税务局', records, { recordsDeclared: 4 }));
    await d.decide(handle, 'receive', 'data_manager_1', 'received', RECEIVE);
    const unpack = await openTask(t.dataSource, handle.workflowId, 'unpack');
    expect(unpack.decisions).toEqual(['error']);
    expect(unpack.prefill).toMatchObject({ recordsDeclared: 4, recordsReceived: 3, problems: ['登记记录数 4 与原始文件记录数 3 不一致'] });
    await d.decide(handle, 'unpack', 'data_manager_1', 'error', UNPACK, '登记记录数与原始文件不符');
    expect(await d.refused(handle, 'unpack-supervise', 'data_manager_1', 'confirm', SUPERVISED)).toMatchObject({ code: 'FOUR_EYES' });
    await d.decide(handle, 'unpack-supervise', 'data_manager_2', 'confirm', SUPERVISED);
    await d.decide(handle, 'error-notice', 'data_manager_1', 'issued', notice(3));
    await eventually(async () => (await caseRow(handle.workflowId)).businessStatus === 'returned-to-provider', 'returned to the provider');
    await d.decide(handle, 'return-to-provider', 'data_collector_2', 'resubmit', RETURNED);

    // Version 2 is complete, but one record's code has a wrong check character.
    await d.decide(handle, 'register-file', 'data_collector_1', 'registered', registerForm('市税务局', [...records, badCodeRecord(subject)]));
    await d.decide(handle, 'receive', 'data_manager_2', 'received', RECEIVE);
    expect((await openTask(t.dataSource, handle.workflowId, 'unpack')).decisions).toEqual(['unpacked', 'error']);
    await d.decide(handle, 'unpack', 'data_manager_1', 'unpacked', UNPACK);
    await d.decide(handle, 'unpack-supervise', 'data_manager_2', 'confirm', SUPERVISED);
    await d.decide(handle, 'burn-and-store', 'data_manager_1', 'stored', { discNo: 'GP-2026-041', safeLocation: '中心机房保险柜A-2', storedAt: '2026-10-12T15:00:00+08:00' });
    expect(await d.refused(handle, 'burn-and-store-supervise', 'data_manager_1', 'confirm', SUPERVISED)).toMatchObject({ code: 'FOUR_EYES' });
    await d.decide(handle, 'burn-and-store-supervise', 'data_manager_2', 'confirm', SUPERVISED);
    await d.importAndLoad(d.child(handle, 2), { providerName: '市税务局', fileName: 'tax-2026-10.dat', records: 4 }, { rejected: 1 });

    // The import's error file goes back through the collector; the provider resubmits the rejected record.
    const back = await openTask(t.dataSource, handle.workflowId, 'return-to-provider');
    expect(back.prefill).toMatchObject({ source: 'import', records: 1 });
    await d.decide(handle, 'return-to-provider', 'data_collector_1', 'resubmit', RETURNED);
    const register3 = await openTask(t.dataSource, handle.workflowId, 'register-file');
    expect(register3.prefill.records).toEqual([badCodeRecord(subject)]);
    await d.decide(handle, 'register-file', 'data_collector_2', 'registered', registerForm('市税务局', [correctedRecord(subject)], { fileName: 'tax-2026-10-fix.dat' }));
    await d.decide(handle, 'receive', 'data_manager_1', 'received', RECEIVE);
    await d.decide(handle, 'unpack', 'data_manager_1', 'unpacked', UNPACK);
    await d.decide(handle, 'unpack-supervise', 'data_manager_2', 'confirm', SUPERVISED);
    await d.burnAndStore(handle);
    await d.importAndLoad(d.child(handle, 3), { providerName: '市税务局', fileName: 'tax-2026-10-fix.dat', records: 1 });
    await d.decide(handle, 'archive', 'archivist_1', 'filed', ARCHIVE);

    expect(await handle.result()).toMatchObject({ outcome: 'loaded', data: { totals: { recordsIn: 4, recordsRejected: 1, recordsLoaded: 4, imports: 2 }, fileVersions: 3 } });
    const files = await filesOf(handle.workflowId);
    expect(files.map((f) => [f.version, f.status, f.recordsDeclared, f.recordsReceived])).toEqual([
      [1, 'returned', 4, 3],
      [2, 'loaded', 4, 4],
      [3, 'loaded', 1, 1],
    ]);
    expect(files[0].errorNotice).toMatchObject({ source: 'unpack', records: 3, issuedBy: 'data_manager_1', handedTo: 'data_collector_2' });
    expect(files[1]).toMatchObject({ unpackedBy: 'data_manager_1', unpackSupervisedBy: 'data_manager_2', storedBy: 'data_manager_1', storeSupervisedBy: 'data_manager_2', storageLocation: '中心机房保险柜A-2（光盘 GP-2026-041）' });
    expect(files[1].errorNotice).toMatchObject({ source: 'import', records: 1, handedTo: 'data_collector_1' });

    const batches = await t.dataSource.getRepository(DataImportBatchEntity).find({ where: { fileId: In(files.map((f) => f.id)) }, order: { id: 'ASC' } });
    expect(batches.map((b) => [b.processId, b.recordsTotal, b.recordsIn, b.recordsRejected, b.recordsLoaded, b.loadAttempts])).toEqual([
      [`${handle.workflowId}.import-2`, 4, 3, 1, 3, 1],
      [`${handle.workflowId}.import-3`, 1, 1, 0, 1, 1],
    ]);
    expect(batches[0].rows.find((r) => r.state === 'rejected')).toMatchObject({ itemName: '纳税信用等级', reason: '主体代码（统一社会信用代码或公民身份号码）格式或校验位错误' });
    expect(batches[0]).toMatchObject({ registeredBy: 'data_manager_1', registerSupervisedBy: 'data_manager_2', approvedBy: 'it_head', importedBy: 'data_manager_1', loadedBy: 'data_manager_1', authorisedBy: 'it_head' });

    // Real rows: base and credit values written for every loaded record.
    expect(await creditItem(t.dataSource, subject.subjectCode, '贷款余额')).toMatchObject({ baseValue: '280万元', creditValue: '280万元', providerName: '市税务局' });
    expect(await creditItem(t.dataSource, subject.subjectCode, '社保缴费记录')).toMatchObject({ baseValue: '2026年1–9月正常缴纳', creditValue: '2026年1–9月正常缴纳' });
    expect(await creditItem(t.dataSource, subject.subjectCode, '纳税信用等级')).toMatchObject({ baseValue: 'A级', creditValue: 'A级' });

    const data = (await caseRow(handle.workflowId)).data;
    expect(data).toMatchObject({ totals: { recordsIn: 4, recordsRejected: 1, recordsLoaded: 4 }, imports: [{ fileVersion: 2, recordsIn: 3, recordsRejected: 1 }, { fileVersion: 3, recordsIn: 1 }] });
    expect((data.errorNotices as unknown[]).length).toBe(2);
    expect((await caseRow(`${handle.workflowId}.import-2`)).parentId).toBe(handle.workflowId);
  });

  it('a provider without an agreement for the channel is not accepted; a provider that will not resubmit ends the case only by a reasoned decision', async () => {
    const d = await driver('2026-10-12T09:30:00+08:00');
    const noAgreement = await d.collect('online', { providerName: '市建设工程质量协会' });
    expect(await noAgreement.result()).toMatchObject({ outcome: 'not-accepted', data: { rejection: { rule: 'no-agreement' } } });
    const wrongChannel = await d.collect('disk', { providerName: '市市场监督管理局' });
    expect(await wrongChannel.result()).toMatchObject({ outcome: 'not-accepted', data: { rejection: { rule: 'channel-not-agreed' } } });

    const subject = await createTestSubject(t.dataSource);
    const handle = await d.collect('online', { providerName: '市税务局' });
    await d.decide(handle, 'register-file', 'data_collector_1', 'registered', registerForm('市税务局', goodRecords(subject), { recordsDeclared: 9 }));
    await d.decide(handle, 'receive', 'data_manager_1', 'received', RECEIVE);
    await d.decide(handle, 'unpack', 'data_manager_1', 'error', UNPACK, '记录数不符');
    await d.decide(handle, 'unpack-supervise', 'data_manager_2', 'confirm', SUPERVISED);
    await d.clock(handle, 'error-notice', DATA_CLOCKS.errorNotice, 'it_head');
    await d.decide(handle, 'error-notice', 'data_manager_1', 'issued', notice(3));
    const returnTask = await d.clock(handle, 'return-to-provider', DATA_CLOCKS.returnToProvider, 'collection_head');
    expect(returnTask.decisions).toEqual(['resubmit', 'abandon']);
    expect(await d.refused(handle, 'return-to-provider', 'data_collector_1', 'abandon', RETURNED)).toMatchObject({ code: 'VALIDATION_FAILED' });
    await d.decide(handle, 'return-to-provider', 'data_collector_1', 'abandon', RETURNED, '数据提供单位书面答复本期数据不再报送');

    expect(await handle.result()).toMatchObject({ outcome: 'abandoned', data: { abandonment: { step: 'return-to-provider', by: 'data_collector_1', reason: '数据提供单位书面答复本期数据不再报送' } } });
    expect((await filesOf(handle.workflowId)).map((f) => f.status)).toEqual(['returned']);

    // An open-channel case started after its month ended still takes its entries, without a deadline.
    const late = await d.collect('open', { period: '2026-09' });
    const collect = await openTask(t.dataSource, late.workflowId, 'collect');
    expect(collect).toMatchObject({ expires: false, dueAt: null });
    await d.decide(late, 'collect', 'data_collector_2', 'last-entry', openEntry(subject, '守信表彰', ['2026年度守信企业']));
    expect((await openTask(t.dataSource, late.workflowId, 'monthly-report')).prefill).toMatchObject({ period: '2026-09', entries: 1, records: 1 });
  });
});

describe('each channel keeps its four-eyes step', () => {
  it('two collectors and two data managers may swap roles on a resubmission: four-eyes binds each execution to its own supervisor', async () => {
    const d = await driver('2026-10-12T09:30:00+08:00');
    const subject = await createTestSubject(t.dataSource);
    const handle = await d.collect('disk', { providerName: '市税务局' });
    await d.decide(handle, 'register-file', 'data_collector_1', 'registered', registerForm('市税务局', goodRecords(subject), { recordsDeclared: 9, medium: 'disk' }));
    await d.decide(handle, 'copy-witness', 'data_collector_2', 'confirm', WITNESS);
    await d.decide(handle, 'receive', 'data_manager_1', 'received', RECEIVE);
    await d.decide(handle, 'unpack', 'data_manager_1', 'error', UNPACK, '记录数不符');
    await d.decide(handle, 'unpack-supervise', 'data_manager_2', 'confirm', SUPERVISED);
    await d.decide(handle, 'error-notice', 'data_manager_1', 'issued', notice(3));
    await d.decide(handle, 'return-to-provider', 'data_collector_1', 'resubmit', RETURNED);

    // Version 2: who executed and who supervised swap; each supervisor is still not the executor.
    await d.decide(handle, 'register-file', 'data_collector_2', 'registered', registerForm('市税务局', goodRecords(subject), { medium: 'disk' }));
    expect((await openTask(t.dataSource, handle.workflowId, 'copy-witness')).excludedUsers).toEqual(['data_collector_2']);
    expect(await d.refused(handle, 'copy-witness', 'data_collector_2', 'confirm', WITNESS)).toMatchObject({ code: 'FOUR_EYES' });
    await d.decide(handle, 'copy-witness', 'data_collector_1', 'confirm', WITNESS);
    await d.decide(handle, 'receive', 'data_manager_2', 'received', RECEIVE);
    await d.decide(handle, 'unpack', 'data_manager_2', 'unpacked', UNPACK);
    expect((await openTask(t.dataSource, handle.workflowId, 'unpack-supervise')).excludedUsers).toEqual(['data_manager_2']);
    await d.decide(handle, 'unpack-supervise', 'data_manager_1', 'confirm', SUPERVISED);
    await d.decide(handle, 'burn-and-store', 'data_manager_2', 'stored', BURN);
    await d.decide(handle, 'burn-and-store-supervise', 'data_manager_1', 'confirm', SUPERVISED);
    await openTask(t.dataSource, `${handle.workflowId}.import-2`, 'import-register');
  });

  it('disk: the second collector present at the copy, never the one who registered; every clock across Qingming; a load error re-matched and reloaded', async () => {
    // Thursday 2 April 2026; Qingming is Saturday 4 – Monday 6 April.
    const d = await driver('2026-04-02T10:00:00+08:00');
    const subject = await createTestSubject(t.dataSource);
    const records = [...goodRecords(subject), renamedRecord(subject)];
    const handle = await d.collect('disk', { providerName: '市生态环境局', fileName: 'env-2026-q1.dat' });

    const register = await d.clock(handle, 'register-file', DATA_CLOCKS.registerFile, 'collection_head');
    expect(register.dueAt!.toISOString()).toBe(new Date('2026-04-04T00:00:00+08:00').toISOString());
    await d.decide(handle, 'register-file', 'data_collector_1', 'registered', registerForm('市生态环境局', records, { medium: 'disk', fileName: 'env-2026-q1.dat' }));
    expect(await d.refused(handle, 'copy-witness', 'data_collector_1', 'confirm', WITNESS)).toMatchObject({ code: 'FOUR_EYES' });
    // Opened on the holiday Saturday: due at the end of Tuesday 7 April.
    const witness = await d.clock(handle, 'copy-witness', DATA_CLOCKS.copyWitness, 'collection_head');
    expect(witness.dueAt!.toISOString()).toBe(new Date('2026-04-08T00:00:00+08:00').toISOString());
    await d.decide(handle, 'copy-witness', 'data_collector_2', 'return', WITNESS, '磁介质编号与登记表不一致');
    await d.decide(handle, 'register-file', 'data_collector_1', 'registered', registerForm('市生态环境局', records, { medium: 'disk', fileName: 'env-2026-q1.dat' }));
    await d.decide(handle, 'copy-witness', 'data_collector_2', 'confirm', WITNESS);

    await d.clock(handle, 'receive', DATA_CLOCKS.receive, 'it_head');
    await d.decide(handle, 'receive', 'data_manager_1', 'received', RECEIVE);
    await d.clock(handle, 'unpack', DATA_CLOCKS.unpack, 'it_head');
    await d.decide(handle, 'unpack', 'data_manager_1', 'unpacked', UNPACK);
    await d.clock(handle, 'unpack-supervise', DATA_CLOCKS.supervise, 'it_head');
    await d.decide(handle, 'unpack-supervise', 'data_manager_2', 'return', SUPERVISED, '解密密钥版本登记错误，重新解密');
    await d.decide(handle, 'unpack', 'data_manager_1', 'unpacked', UNPACK);
    await d.decide(handle, 'unpack-supervise', 'data_manager_2', 'confirm', SUPERVISED);
    await d.clock(handle, 'burn-and-store', DATA_CLOCKS.burnAndStore, 'it_head');
    await d.decide(handle, 'burn-and-store', 'data_manager_1', 'stored', { discNo: 'GP-1', safeLocation: '保险柜B', storedAt: '2026-04-08T10:00:00+08:00' });
    await d.clock(handle, 'burn-and-store-supervise', DATA_CLOCKS.supervise, 'it_head');
    await d.decide(handle, 'burn-and-store-supervise', 'data_manager_2', 'return', SUPERVISED, '光盘标签未填写');
    await d.burnAndStore(handle);
    await d.importAndLoad(d.child(handle, 1), { providerName: '市生态环境局', fileName: 'env-2026-q1.dat', records: 4 }, { loadError: 'rematch' });
    await d.decide(handle, 'archive', 'archivist_1', 'filed', ARCHIVE);

    expect(await handle.result()).toMatchObject({ outcome: 'loaded', data: { totals: { recordsIn: 4, recordsRejected: 0, recordsLoaded: 4 } } });
    const [file] = await filesOf(handle.workflowId);
    expect(file).toMatchObject({ channel: 'disk', registeredBy: 'data_collector_1', witnessedBy: 'data_collector_2', status: 'loaded', discNo: 'GP-2026-041' });
    const batch = await t.dataSource.getRepository(DataImportBatchEntity).findOneByOrFail({ fileId: file.id });
    expect(batch).toMatchObject({ recordsLoaded: 4, loadAttempts: 2, loadedBy: 'data_manager_2' });
    // The re-matched record is loaded under the name the credit database knows.
    expect(await creditItem(t.dataSource, subject.subjectCode, '对外担保')).toMatchObject({ creditValue: '无', subjectName: subject.subjectName });
  });

  it('manual: entry by one collector, review and register by another', async () => {
    const d = await driver('2026-10-12T09:30:00+08:00');
    const subject = await createTestSubject(t.dataSource);
    const records = goodRecords(subject);
    const handle = await d.collect('manual', { providerName: '市住房公积金中心', fileName: 'gjj-2026-10.xlsx' });

    await d.clock(handle, 'manual-entry', DATA_CLOCKS.manualEntry, 'collection_head');
    await d.decide(handle, 'manual-entry', 'data_collector_1', 'entered', MANUAL(records));
    const review = await openTask(t.dataSource, handle.workflowId, 'register-file');
    expect(review.excludedUsers).toEqual(['data_collector_1']);
    expect(review.prefill.records).toEqual(records);
    expect(await d.refused(handle, 'register-file', 'data_collector_1', 'registered', registerForm('市住房公积金中心', records, { medium: 'paper' }))).toMatchObject({ code: 'FOUR_EYES' });
    await d.decide(handle, 'register-file', 'data_collector_2', 'return', registerForm('市住房公积金中心', records, { medium: 'paper' }), '第3条与纸质原件不符');
    await d.decide(handle, 'manual-entry', 'data_collector_1', 'entered', MANUAL(records));
    await d.decide(handle, 'register-file', 'data_collector_2', 'registered', registerForm('市住房公积金中心', records, { medium: 'paper', fileName: 'gjj-2026-10.xlsx' }));
    await d.decide(handle, 'receive', 'data_manager_2', 'received', RECEIVE);
    // Typed in by the center itself: no decryption step.
    await d.burnAndStore(handle);
    await d.importAndLoad(d.child(handle, 1), { providerName: '市住房公积金中心', fileName: 'gjj-2026-10.xlsx', records: 3 });
    await d.decide(handle, 'archive', 'archivist_1', 'filed', ARCHIVE);

    expect(await handle.result()).toMatchObject({ outcome: 'loaded', data: { totals: { recordsIn: 3, recordsLoaded: 3 } } });
    expect((await filesOf(handle.workflowId))[0]).toMatchObject({ enteredBy: 'data_collector_1', registeredBy: 'data_collector_2', status: 'loaded' });
    const steps = await t.dataSource.getRepository(TaskEntity).find({ where: { processId: handle.workflowId }, order: { createdAt: 'ASC' } });
    expect(steps.some((t) => t.step === 'unpack')).toBe(false);
  });
});

describe('the open channel', () => {
  it('takes daily entries until the month ends, then report → review → head signs → hand-over → P6, each four-eyes step refused for the same person', async () => {
    // Monday 30 March 2026: the March entries close at midnight on 1 April.
    const d = await driver('2026-03-30T10:00:00+08:00');
    const subject = await createTestSubject(t.dataSource);
    const other = await createTestSubject(t.dataSource);
    const handle = await d.collect('open', { period: '2026-03' });

    const first = await openTask(t.dataSource, handle.workflowId, 'collect');
    expect(first.expires).toBe(true);
    expect(Math.abs(first.dueAt!.getTime() - Date.parse('2026-04-01T00:00:00+08:00'))).toBeLessThan(1000);
    await d.decide(handle, 'collect', 'data_collector_1', 'add-entry', openEntry(subject, '行政处罚记录', ['2026-03-27 违反广告法罚款1万元']));
    await d.decide(handle, 'collect', 'data_collector_2', 'add-entry', openEntry(other, '守信表彰', ['2025年度守合同重信用企业'], '武汉市人民政府公报'));
    const third = await openTask(t.dataSource, handle.workflowId, 'collect');
    await t.h.server.env.sleep(third.dueAt!.getTime() - (await t.h.server.env.currentTimeMs()) - 60_000);
    expect((await t.dataSource.getRepository(TaskEntity).findOneByOrFail({ taskId: third.taskId })).status).toBe('open');
    await t.h.server.env.sleep(2 * 60_000);
    await eventually(async () => (await t.dataSource.getRepository(TaskEntity).findOneByOrFail({ taskId: third.taskId })).status === 'cancelled', 'month end closes the entries');

    // The report is due 3 working days after the month ended: 2, 3 and (after Qingming) 7 April.
    const report = await d.clock(handle, 'monthly-report', DATA_CLOCKS.monthlyReport, 'collection_head');
    expect(report.dueAt!.toISOString()).toBe(new Date('2026-04-08T00:00:00+08:00').toISOString());
    expect(report.prefill).toMatchObject({ period: '2026-03', entries: 2, records: 2 });
    await d.decide(handle, 'monthly-report', 'data_collector_1', 'compiled', OPEN_REPORT);
    expect(await d.refused(handle, 'review', 'data_collector_1', 'confirm', OPEN_REVIEW)).toMatchObject({ code: 'FOUR_EYES' });
    await d.clock(handle, 'review', DATA_CLOCKS.review, 'collection_head');
    await d.decide(handle, 'review', 'data_collector_2', 'return', OPEN_REVIEW, '来源地址缺失一项');
    await d.decide(handle, 'monthly-report', 'data_collector_1', 'compiled', OPEN_REPORT);
    await d.decide(handle, 'review', 'data_collector_2', 'confirm', OPEN_REVIEW);

    // Even a collector who is also a head may not sign what they compiled or reviewed.
    const revoke = await d.grant('data_collector_1', 'dept_head', 'collection');
    try {
      expect(await d.refused(handle, 'sign', 'data_collector_1', 'sign', {})).toMatchObject({ code: 'FOUR_EYES' });
    } finally {
      await revoke();
    }
    await d.clock(handle, 'sign', DATA_CLOCKS.sign, 'center_head');
    await d.decide(handle, 'sign', 'collection_head', 'return', {}, '请补充各来源的发布时间');
    await d.decide(handle, 'monthly-report', 'data_collector_1', 'compiled', OPEN_REPORT);
    await d.decide(handle, 'review', 'data_collector_2', 'confirm', OPEN_REVIEW);
    await d.decide(handle, 'sign', 'collection_head', 'sign', { note: '同意' });
    await d.clock(handle, 'hand-over', DATA_CLOCKS.handOver, 'collection_head');
    await d.decide(handle, 'hand-over', 'data_collector_1', 'handed-over', HAND_OVER);
    await d.decide(handle, 'receive', 'data_manager_1', 'received', RECEIVE);
    await d.burnAndStore(handle);
    await d.importAndLoad(d.child(handle, 1), { providerName: '公开渠道', fileName: HAND_OVER.fileName, records: 2 });
    await d.decide(handle, 'archive', 'archivist_1', 'filed', ARCHIVE);

    expect(await handle.result()).toMatchObject({ outcome: 'loaded', data: { totals: { recordsIn: 2, recordsLoaded: 2 } } });
    const entries = await t.dataSource.getRepository(DataOpenEntryEntity).find({ where: { processId: handle.workflowId }, order: { seq: 'ASC' } });
    expect(entries.map((e) => [e.seq, e.itemName, e.records, e.enteredBy])).toEqual([
      [1, '行政处罚记录', 1, 'data_collector_1'],
      [2, '守信表彰', 1, 'data_collector_2'],
    ]);
    const [file] = await filesOf(handle.workflowId);
    expect(file).toMatchObject({ channel: 'open', providerName: '公开渠道', registerNo: HAND_OVER.listNo, recordsDeclared: 2, status: 'loaded' });
    expect(file.records.map((r) => r.provider)).toEqual(['武汉市中级人民法院网站', '武汉市人民政府公报']);
    expect((await caseRow(handle.workflowId)).data).toMatchObject({ openReport: { entries: 2, records: 2, reportNo: OPEN_REPORT.reportNo, compiledBy: 'data_collector_1', reviewedBy: 'data_collector_2', signedBy: 'collection_head' } });
    expect(await creditItem(t.dataSource, subject.subjectCode, '行政处罚记录')).toMatchObject({ creditValue: '2026-03-27 违反广告法罚款1万元', providerName: '武汉市中级人民法院网站' });
    expect(await creditItem(t.dataSource, other.subjectCode, '守信表彰')).toMatchObject({ creditValue: '2025年度守合同重信用企业' });
  });
});

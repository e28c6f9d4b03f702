/**
 * P6 import and load on the time-skipping server: every supervising and authorising step refuses the
 * person who executed (inside the workflow, even for someone holding both roles), the IT head's
 * return and refusal loops, the import's error file back to the provider, the load error registered
 * and excluded, a file whose every record is rejected, and the clock of every step.
 */
import { DATA_CLOCKS } from '../../libs/domain/data-policy';
import { ProcessEntity, TaskEntity } from '../../libs/persistence/entities';
import { DataFileEntity } from '../../libs/persistence/entities/data-file.entity';
import { DataImportBatchEntity } from '../../libs/persistence/entities/data-import-batch.entity';
import { DataLoadErrorEntity } from '../../libs/persistence/entities/data-load-error.entity';
import { DataDriver } from '../support/data-driver';
import { AUTHORISE, badCodeRecord, goodRecords, IMPORT_REGISTER, IMPORT_RUN, LOAD, LOAD_ERROR, notice, renamedRecord, RETURNED, SUPERVISED } from '../support/data-input';
import { createTestSubject, creditItem } from '../support/database';
import { eventually, useWorkflowTests } from '../support/workflow-harness';

const t = useWorkflowTests();

const caseRow = (processId: string) => t.dataSource.getRepository(ProcessEntity).findOneByOrFail({ processId });

it('refuses the executor on every supervising and authorising step; returns the import error file; registers and excludes a load error; every clock escalates', async () => {
  await t.start('2026-10-12T09:30:00+08:00');
  const d = new DataDriver(t.h, t.dataSource);
  const subject = await createTestSubject(t.dataSource);
  const records = [...goodRecords(subject), badCodeRecord(subject), renamedRecord(subject)];
  const handle = await d.importFile({ providerName: '市税务局', fileName: 'tax-correction.dat', channel: 'online', records });
  const register = IMPORT_REGISTER('市税务局', 'tax-correction.dat', 5);

  await d.clock(handle, 'import-register', DATA_CLOCKS.importRegister, 'it_head');
  await d.decide(handle, 'import-register', 'data_manager_1', 'registered', register);
  expect(await d.refused(handle, 'import-register-supervise', 'data_manager_1', 'confirm', SUPERVISED)).toMatchObject({ code: 'FOUR_EYES' });
  await d.clock(handle, 'import-register-supervise', DATA_CLOCKS.supervise, 'it_head');
  await d.decide(handle, 'import-register-supervise', 'data_manager_2', 'return', SUPERVISED, '记录数与签收单不一致，请核对');
  await d.decide(handle, 'import-register', 'data_manager_1', 'registered', register);
  await d.decide(handle, 'import-register-supervise', 'data_manager_2', 'confirm', SUPERVISED);

  // Holding the IT head's role does not let the registrar or the supervisor sign their own register.
  const revokes = [await d.grant('data_manager_1', 'dept_head', 'it'), await d.grant('data_manager_2', 'dept_head', 'it')];
  try {
    expect(await d.refused(handle, 'import-approval', 'data_manager_1', 'approve', {})).toMatchObject({ code: 'FOUR_EYES' });
    expect(await d.refused(handle, 'import-approval', 'data_manager_2', 'approve', {})).toMatchObject({ code: 'FOUR_EYES' });
  } finally {
    for (const revoke of revokes) await revoke();
  }
  // An IT head's task overdue goes to the center head.
  await d.clock(handle, 'import-approval', DATA_CLOCKS.importApproval, 'center_head');
  await d.decide(handle, 'import-approval', 'it_head', 'return', {}, '请补填签收日期');
  await d.decide(handle, 'import-register', 'data_manager_1', 'registered', register);
  await d.decide(handle, 'import-register-supervise', 'data_manager_2', 'confirm', SUPERVISED);
  await d.decide(handle, 'import-approval', 'it_head', 'approve', { note: '同意导入' });

  await d.clock(handle, 'import', DATA_CLOCKS.import, 'it_head');
  await d.decide(handle, 'import', 'data_manager_1', 'import', IMPORT_RUN);
  await d.decide(handle, 'import-supervise', 'data_manager_2', 'confirm', SUPERVISED);
  await eventually(async () => (await caseRow(handle.workflowId)).data.counts, 'import counts in the case data');
  expect((await caseRow(handle.workflowId)).data).toMatchObject({ counts: { recordsTotal: 5, recordsIn: 4, recordsRejected: 1 } });
  // Imported into the base database only: the credit database still shows the old value.
  expect(await creditItem(t.dataSource, subject.subjectCode, '贷款余额')).toMatchObject({ baseValue: '280万元', creditValue: '300万元' });

  await d.clock(handle, 'error-notice', DATA_CLOCKS.errorNotice, 'it_head');
  await d.decide(handle, 'error-notice', 'data_manager_1', 'issued', notice(1));
  await d.clock(handle, 'return-to-provider', DATA_CLOCKS.returnToProvider, 'collection_head');
  await d.decide(handle, 'return-to-provider', 'data_collector_1', 'returned', RETURNED);

  await d.clock(handle, 'load', DATA_CLOCKS.load, 'it_head');
  await d.decide(handle, 'load', 'data_manager_2', 'load', LOAD);
  const revoke = await d.grant('data_manager_2', 'dept_head', 'it');
  try {
    expect(await d.refused(handle, 'load-authorise', 'data_manager_2', 'authorise', AUTHORISE)).toMatchObject({ code: 'FOUR_EYES' });
  } finally {
    await revoke();
  }
  expect(await d.refused(handle, 'load-authorise', 'it_head', 'refuse', AUTHORISE)).toMatchObject({ code: 'VALIDATION_FAILED' });
  expect(await d.refused(handle, 'load-authorise', 'it_head', 'authorise', { onSite: false })).toMatchObject({ code: 'VALIDATION_FAILED' });
  await d.clock(handle, 'load-authorise', DATA_CLOCKS.loadAuthorise, 'center_head');
  await d.decide(handle, 'load-authorise', 'it_head', 'refuse', AUTHORISE, '装载预处理日志不完整，补齐后再装载');
  // Nothing reached the credit database without an authorisation.
  expect(await creditItem(t.dataSource, subject.subjectCode, '贷款余额')).toMatchObject({ creditValue: '300万元' });
  await d.decide(handle, 'load', 'data_manager_2', 'load', LOAD);
  await d.decide(handle, 'load-authorise', 'it_head', 'authorise', AUTHORISE);

  const errorTask = await d.clock(handle, 'load-error-register', DATA_CLOCKS.loadErrorRegister, 'it_head');
  expect(errorTask.prefill.errors).toEqual([expect.objectContaining({ itemName: '对外担保', reason: expect.stringContaining('无法匹配') })]);
  await d.decide(handle, 'load-error-register', 'data_manager_1', 'exclude', { ...LOAD_ERROR, remedy: '主体不一致，剔除该记录并退回数据提供单位核实' });
  // 001 §19 (二): even after an exclusion the batch is reloaded, with the IT head's authorisation.
  await d.decide(handle, 'load', 'data_manager_2', 'load', LOAD);
  await d.decide(handle, 'load-authorise', 'it_head', 'authorise', AUTHORISE);
  await d.decide(handle, 'archive', 'archivist_1', 'filed', { receiptNo: 'DA-2026-0002' });

  const counts = { recordsTotal: 5, recordsIn: 4, recordsRejected: 1, recordsLoaded: 3, recordsExcluded: 1, loadAttempts: 2 };
  expect(await handle.result()).toMatchObject({ outcome: 'loaded', data: { counts, errorNotice: { source: 'import', records: 1 } } });
  expect((await caseRow(handle.workflowId)).data).toMatchObject({ counts });
  const batch = await t.dataSource.getRepository(DataImportBatchEntity).findOneByOrFail({ processId: handle.workflowId });
  expect(batch).toMatchObject({ ...counts, status: 'loaded', registeredBy: 'data_manager_1', registerSupervisedBy: 'data_manager_2', approvedBy: 'it_head', loadedBy: 'data_manager_2', authorisedBy: 'it_head' });
  const loadErrors = await t.dataSource.getRepository(DataLoadErrorEntity).findBy({ batchId: batch.id });
  expect(loadErrors.map((e) => [e.attempt, e.records, e.resolution, e.registeredBy])).toEqual([[1, 1, 'excluded', 'data_manager_1']]);
  const file = await t.dataSource.getRepository(DataFileEntity).findOneByOrFail({ id: batch.fileId });
  expect(file).toMatchObject({ processId: handle.workflowId, status: 'loaded', recordsReceived: 5, receivedBy: 'data_manager_1', errorNotice: { handedTo: 'data_collector_1' } });

  expect(await creditItem(t.dataSource, subject.subjectCode, '贷款余额')).toMatchObject({ baseValue: '280万元', creditValue: '280万元' });
  expect(await creditItem(t.dataSource, subject.subjectCode, '对外担保')).toMatchObject({ baseValue: '无', creditValue: null });

  const refusals = await t.dataSource.query(`SELECT t.step, a.detail->>'code' AS code FROM audit_log a JOIN tasks t ON t.task_id = a.task_id WHERE t.process_id = $1 AND a.action = 'refusal' ORDER BY a.id`, [handle.workflowId]);
  expect(refusals).toEqual([
    { step: 'import-register-supervise', code: 'FOUR_EYES' },
    { step: 'import-approval', code: 'FOUR_EYES' },
    { step: 'import-approval', code: 'FOUR_EYES' },
    { step: 'load-authorise', code: 'FOUR_EYES' },
    { step: 'load-authorise', code: 'VALIDATION_FAILED' },
    { step: 'load-authorise', code: 'VALIDATION_FAILED' },
  ]);
});

it('a file whose every record is rejected is returned and never reaches a load', async () => {
  await t.start('2026-10-12T09:30:00+08:00');
  const d = new DataDriver(t.h, t.dataSource);
  const subject = await createTestSubject(t.dataSource);
  const handle = await d.importFile({ providerName: '市税务局', fileName: 'bad.dat', channel: 'disk', records: [badCodeRecord(subject), { ...subject, itemName: '欠税记录', value: ' ' }] });
  await d.decide(handle, 'import-register', 'data_manager_2', 'registered', IMPORT_REGISTER('市税务局', 'bad.dat', 2));
  await d.decide(handle, 'import-register-supervise', 'data_manager_1', 'confirm', SUPERVISED);
  await d.decide(handle, 'import-approval', 'it_head', 'approve', {});
  await d.decide(handle, 'import', 'data_manager_2', 'import', IMPORT_RUN);
  await d.decide(handle, 'import-supervise', 'data_manager_1', 'confirm', SUPERVISED);
  await d.decide(handle, 'error-notice', 'data_manager_2', 'issued', notice(2));
  await d.decide(handle, 'return-to-provider', 'data_collector_2', 'returned', RETURNED);
  await d.decide(handle, 'archive', 'archivist_1', 'filed', { receiptNo: 'DA-2026-0003' });
  expect(await handle.result()).toMatchObject({ outcome: 'all-rejected', data: { counts: { recordsTotal: 2, recordsIn: 0, recordsRejected: 2, recordsLoaded: 0 } } });
  expect(await t.dataSource.getRepository(TaskEntity).countBy({ processId: handle.workflowId, step: 'load' })).toBe(0);
  expect(await creditItem(t.dataSource, subject.subjectCode, '欠税记录')).toMatchObject({ baseValue: '无' });
});

it('001 §18 (一): the import is supervised by a second data manager; a file not imported at once goes to the safe custodian; §19 (二): an excluded load error is still reloaded', async () => {
  await t.start('2026-10-12T09:30:00+08:00');
  const d = new DataDriver(t.h, t.dataSource);
  const subject = await createTestSubject(t.dataSource);
  const handle = await d.importFile({ providerName: '市税务局', fileName: 'tax-late.dat', channel: 'online', records: [...goodRecords(subject), renamedRecord(subject)] });
  await d.decide(handle, 'import-register', 'data_manager_1', 'registered', IMPORT_REGISTER('市税务局', 'tax-late.dat', 4));
  await d.decide(handle, 'import-register-supervise', 'data_manager_2', 'confirm', SUPERVISED);
  await d.decide(handle, 'import-approval', 'it_head', 'approve', {});

  // Not imported at once: the reason is required, the supervisor confirms, the custodian (not the importer) deposits it.
  expect(await d.refused(handle, 'import', 'data_manager_1', 'to-safe', {})).toMatchObject({ code: 'VALIDATION_FAILED' });
  await d.decide(handle, 'import', 'data_manager_1', 'to-safe', {}, '基础库维护中，今日无法导入');
  expect(await d.refused(handle, 'import-supervise', 'data_manager_1', 'confirm', SUPERVISED)).toMatchObject({ code: 'FOUR_EYES' });
  await d.clock(handle, 'import-supervise', DATA_CLOCKS.supervise, 'it_head');
  await d.decide(handle, 'import-supervise', 'data_manager_2', 'confirm', SUPERVISED);
  expect(await d.refused(handle, 'safe-custody', 'data_manager_1', 'deposited', { safeLocation: '1号保险柜' })).toMatchObject({ code: 'FOUR_EYES' });
  await d.clock(handle, 'safe-custody', DATA_CLOCKS.safeCustody, 'it_head');
  await d.decide(handle, 'safe-custody', 'data_manager_2', 'deposited', { safeLocation: '1号保险柜' });
  await eventually(async () => (await caseRow(handle.workflowId)).data.safeCustody, 'the safe custody in the case data');
  expect((await caseRow(handle.workflowId)).data).toMatchObject({ safeCustody: { safeLocation: '1号保险柜', depositedBy: 'data_manager_2' } });
  // Nothing was imported while the file was in the safe.
  expect((await creditItem(t.dataSource, subject.subjectCode, '贷款余额')).baseValue).not.toBe('280万元');

  // Taken out again: imported under supervision (this time the two swap roles); a pre-processing is required to import.
  expect(await d.refused(handle, 'import', 'data_manager_2', 'import', { preprocessed: false })).toMatchObject({ code: 'VALIDATION_FAILED' });
  await d.clock(handle, 'import', DATA_CLOCKS.import, 'it_head');
  await d.decide(handle, 'import', 'data_manager_2', 'import', IMPORT_RUN);
  await d.decide(handle, 'import-supervise', 'data_manager_1', 'return', SUPERVISED, '导入条数与登记表不符，请重新导入');
  await d.decide(handle, 'import', 'data_manager_2', 'import', IMPORT_RUN);
  await d.decide(handle, 'import-supervise', 'data_manager_1', 'confirm', SUPERVISED);
  await eventually(async () => (await caseRow(handle.workflowId)).data.counts, 'import counts');
  expect(await creditItem(t.dataSource, subject.subjectCode, '贷款余额')).toMatchObject({ baseValue: '280万元' });

  await d.decide(handle, 'load', 'data_manager_1', 'load', LOAD);
  await d.decide(handle, 'load-authorise', 'it_head', 'authorise', AUTHORISE);
  await d.decide(handle, 'load-error-register', 'data_manager_1', 'exclude', { ...LOAD_ERROR, remedy: '剔除并退回核实' });
  // The excluded error does not end the load: the batch is reloaded under a new authorisation.
  const reload = await d.clock(handle, 'load', DATA_CLOCKS.load, 'it_head');
  expect(reload.round).toBe(2);
  await d.decide(handle, 'load', 'data_manager_1', 'load', LOAD);
  await d.decide(handle, 'load-authorise', 'it_head', 'authorise', AUTHORISE);
  await d.decide(handle, 'archive', 'archivist_1', 'filed', { receiptNo: 'DA-2026-0009' });
  expect(await handle.result()).toMatchObject({ outcome: 'loaded', data: { counts: { recordsTotal: 4, recordsIn: 4, recordsLoaded: 3, recordsExcluded: 1, loadAttempts: 2 } } });
  const importer = await t.dataSource.getRepository(DataImportBatchEntity).findOneByOrFail({ processId: handle.workflowId });
  expect(importer).toMatchObject({ importedBy: 'data_manager_2' });
});

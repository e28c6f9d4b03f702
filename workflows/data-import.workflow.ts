/**
 * P6 Four-eyes data import and load 数据导入/装载 (001 §18–19):
 * import-register (数据导入文件登记表) under a second data manager's supervision → the IT head signs
 * → import into the base database (records in / rejected filled into the register; rejected records
 * make the error file that goes back to the provider) → load into the credit database, each load only
 * with the IT head's on-site authorisation → a load error is registered (装载差错文件登记表), fixed and
 * the batch reloaded. Every executing step and its supervisor or authoriser are two different people.
 * Started by P5 as a child case (the stored file), or on its own by a data manager (a file handed over).
 */
import type { DataDocument, DataFileRef, DataImportResult, ImportOutcome } from '../libs/contracts/data-contracts';
import type { ProcessResult, ProcessStart } from '../libs/contracts/workflow-contract';
import { DATA_CLOCKS, DataImportCounts, DataImportInput, ErrorNotice } from '../libs/domain/data-policy';
import { DATA_VOCABULARY } from '../libs/procedures/data.vocabulary';
import { patched } from '@temporalio/workflow';
import { acts, CaseRun, Decided } from './case-run';
import { supervised, supervisedAndSigned } from './review-parts';

type DataRun = CaseRun<typeof DATA_VOCABULARY>;

export async function dataImportWorkflow(start: ProcessStart<DataImportInput>): Promise<ProcessResult> {
  const run: DataRun = new CaseRun(start, DATA_VOCABULARY);
  return run.run(() => importAndLoad(run, start));
}

async function importAndLoad(run: DataRun, start: ProcessStart<DataImportInput>): Promise<ProcessResult> {
  const input = start.input;
  const standalone = input.fileId === undefined;
  const file: DataFileRef =
    input.fileId !== undefined
      ? await acts.dataFile({ fileId: input.fileId })
      : await acts.receiveImportFile({
          processId: run.processId,
          providerName: input.providerName,
          fileName: input.fileName,
          channel: input.channel,
          records: input.records ?? [],
          receivedBy: start.startedBy,
          receivedAt: run.now().toISOString(),
        });
  await run.setStatus('received', { file: { ...file } });
  const documents: DataDocument[] = [];

  // 001 §18 (一)(二): the register, under a second data manager's supervision, signed by the IT head.
  const { done: register, check: supervision, signed: approval } = await supervisedAndSigned(
    run,
    // A new round's register is prefilled with that day's date.
    async () => ({
      status: 'registering' as const,
      step: 'import-register' as const,
      title: `填写数据导入文件登记表：${file.fileName}`,
      candidateRoles: ['data_manager'],
      decisions: ['registered'] as const,
      form: 'data-import-register' as const,
      prefill: { providerName: file.providerName, fileName: file.fileName, records: file.recordsReceived, receivedOn: run.now().toISOString().slice(0, 10) },
      due: DATA_CLOCKS.importRegister,
    }),
    (registered) => ({
      step: 'import-register-supervise',
      candidateRoles: ['data_manager'],
      decisions: ['confirm', 'return'] as const,
      form: 'data-supervision',
      prefill: { registeredBy: registered.actor, ...registered.data },
      due: DATA_CLOCKS.supervise,
    }),
    ({ done: registered, check: supervised }) => ({
      status: 'awaiting-approval',
      step: 'import-approval',
      candidateRoles: ['dept_head@it'],
      decisions: ['approve', 'return'] as const,
      form: 'data-supervision',
      prefill: { registeredBy: registered.actor, supervisedBy: supervised.actor, ...registered.data },
      due: DATA_CLOCKS.importApproval,
    }),
  );
  documents.push({ name: '数据导入文件登记表', ref: register.data.registerNo });
  const { batchId } = await acts.createImportBatch({
    processId: run.processId,
    fileId: file.fileId,
    registerNo: register.data.registerNo,
    registeredBy: register.actor,
    registerSupervisedBy: supervision.actor,
    approvedBy: approval.actor,
    approvedAt: approval.decidedAt,
  });

  // 001 §18 (一)–(三): pre-process and import into the base database under a second data manager's
  // supervision; the result goes into the register. Cases begun before the supervision imported alone.
  const importer = patched('import-supervised') ? await superviseImport(run, file, batchId) : await run.task(importSpec(batchId, file, false));
  const imported: ImportOutcome = await acts.importBatch({ batchId, importedBy: importer.actor, importedAt: importer.decidedAt });
  const { rejected, ...importCounts } = imported;
  await run.setStatus('imported', { batchId, counts: importCounts, rejected });

  // 001 §18 (四): the rejected records make the error file that goes back to the provider.
  let errorNotice: ErrorNotice | undefined;
  if (imported.recordsRejected > 0) {
    const issued = await run.task({
      status: 'error-file',
      step: 'error-notice',
      title: `填写差错文件返还通知书（导入差错 ${imported.recordsRejected} 条）`,
      candidateRoles: ['data_manager'],
      decisions: ['issued'] as const,
      form: 'data-error-notice',
      prefill: { records: imported.recordsRejected, description: rejected.map((r) => `${r.subjectCode} ${r.itemName}：${r.reason}`).join('；') },
      due: DATA_CLOCKS.errorNotice,
    });
    errorNotice = {
      source: 'import',
      noticeNo: issued.data.noticeNo,
      description: issued.data.description,
      records: issued.data.records,
      issuedBy: issued.actor,
      issuedAt: issued.decidedAt,
    };
    await acts.recordImportErrorNotice({ batchId, notice: errorNotice });
    documents.push({ name: '差错文件返还通知书（导入差错）', ref: errorNotice.noticeNo });
    await run.setStatus('error-file', { errorNotice });
    if (standalone) {
      // No collection case to take it back: the collector hands it to the provider from here.
      const returned = await run.task({
        step: 'return-to-provider',
        title: `差错文件返还：联系${file.providerName}核对、重新报送`,
        candidateRoles: ['data_collector'],
        decisions: ['returned'] as const,
        form: 'data-return-to-provider',
        prefill: { ...errorNotice },
        due: DATA_CLOCKS.returnToProvider,
      });
      await acts.recordReturnToProvider({ fileId: file.fileId, handedTo: returned.actor, contactedOn: returned.data.contactedOn });
    }
  }

  let counts: DataImportCounts = importCounts;
  if (imported.recordsIn > 0) counts = await load(run, batchId, imported.recordsIn, documents);

  const result: DataImportResult = { batchId, counts, documents, ...(errorNotice && { errorNotice, rejected }) };
  await run.setStatus('loaded', { counts });
  if (standalone) await run.archive(documents);
  return run.finish(imported.recordsIn > 0 ? 'loaded' : 'all-rejected', { ...result });
}

/** The import step (导入预处理并导入基础库); with `toSafe`, a file that cannot be imported at once may go to the safe. */
function importSpec(batchId: number, file: DataFileRef, toSafe: boolean, round = 1) {
  return {
    status: 'importing' as const,
    step: 'import' as const,
    ...(round > 1 && { title: `从保险柜取出报送文件，导入预处理并导入基础库（第${round}次）` }),
    candidateRoles: ['data_manager'] as const,
    decisions: toSafe ? (['import', 'to-safe'] as const) : (['import'] as const),
    ...(toSafe && { reasonRequired: ['to-safe'] as const }),
    form: 'data-import-run' as const,
    prefill: { batchId, records: file.recordsReceived },
    due: DATA_CLOCKS.import,
  };
}

/**
 * 001 §18 (一): the import is done under a second data manager's supervision; a file that cannot be
 * imported at once goes to the safe custodian (保险柜管理人员), and is imported when taken out again.
 */
async function superviseImport(run: DataRun, file: DataFileRef, batchId: number): Promise<Decided<'import' | 'to-safe', 'data-import-run'>> {
  for (let round = 1; ; round++) {
    const { done } = await supervised(run, importSpec(batchId, file, true, round), (importing) => ({
      step: 'import-supervise',
      title: importing.decision === 'to-safe' ? '监督：不能及时导入，报送文件交保险柜保存' : '监督导入基础库（第二名数据管理人员）',
      candidateRoles: ['data_manager'],
      decisions: ['confirm', 'return'] as const,
      form: 'data-supervision',
      prefill: { importedBy: importing.actor, decision: importing.decision, records: file.recordsReceived },
      due: DATA_CLOCKS.supervise,
    }));
    if (done.decision === 'import') return done;
    await run.setStatus('in-safe', { deferredImport: { by: done.actor, reason: done.comment } });
    const custody = await run.task({
      step: 'safe-custody',
      candidateRoles: ['data_manager'],
      decisions: ['deposited'] as const,
      form: 'data-safe-custody',
      prefill: { fileName: file.fileName, reason: done.comment },
      notBy: ['import'],
      notByScope: 'latest-round',
      due: DATA_CLOCKS.safeCustody,
    });
    await run.setStatus('in-safe', { safeCustody: { safeLocation: custody.data.safeLocation, depositedBy: custody.actor, depositedAt: custody.decidedAt, reason: done.comment } });
  }
}

/**
 * 001 §19: every load needs the IT head's on-site authorisation of that load (a second person's
 * decision on the same step). A load that produces an error file is registered, fixed and reloaded.
 */
async function load(run: DataRun, batchId: number, recordsIn: number, documents: DataDocument[]): Promise<DataImportCounts> {
  for (let attempt = 1; ; ) {
    const { done: loader, check: authorisation } = await supervised(
      run,
      {
        status: 'loading',
        step: 'load',
        title: attempt === 1 ? `装载预处理并申请装载征信库（${recordsIn} 条）` : `排除故障后重新装载（第${attempt}次）`,
        candidateRoles: ['data_manager'],
        decisions: ['load'] as const,
        form: 'data-load',
        prefill: { batchId, attempt },
        due: DATA_CLOCKS.load,
      },
      (loading) => ({
        status: 'awaiting-authorisation',
        step: 'load-authorise',
        title: `装载征信库现场授权（第${attempt}次装载）`,
        candidateRoles: ['dept_head@it'],
        decisions: ['authorise', 'refuse'] as const,
        reasonRequired: ['refuse'] as const,
        // A refused authorisation sends the load back to the data manager.
        sendBack: ['refuse'] as const,
        form: 'data-load-authorise',
        prefill: { batchId, attempt, loadedBy: loading.actor },
        due: DATA_CLOCKS.loadAuthorise,
      }),
    );

    const loaded = await acts.loadBatch({ batchId, attempt, loadedBy: loader.actor, authorisedBy: authorisation.actor, loadedAt: authorisation.decidedAt });
    const { errors, loadedNow: _loadedNow, attempt: _attempt, ...counts } = loaded;
    await run.setStatus('loaded-attempt', { counts, loadErrors: errors });
    if (errors.length === 0) return counts;

    const registered = await run.task({
      status: 'load-error',
      step: 'load-error-register',
      title: `填写装载差错文件登记表（${errors.length} 条），排除故障`,
      candidateRoles: ['data_manager'],
      decisions: ['rematch', 'exclude'] as const,
      form: 'data-load-error',
      prefill: { errorFileName: `load-error-${batchId}-${attempt}.txt`, cause: errors.map((e) => `${e.subjectCode} ${e.itemName}：${e.reason}`).join('；'), errors },
      due: DATA_CLOCKS.loadErrorRegister,
    });
    const form = registered.data;
    const after = await acts.registerLoadError({
      batchId,
      attempt,
      errorFileName: form.errorFileName,
      cause: form.cause,
      remedy: form.remedy,
      resolution: registered.decision,
      registeredBy: registered.actor,
      registeredAt: registered.decidedAt,
    });
    documents.push({ name: `装载差错文件登记表（第${attempt}次装载）`, ref: form.errorFileName });
    await run.setStatus('load-error-registered', { counts: after });
    // 001 §19 (二): a load error is fixed and the batch reloaded; cases begun before this rule ended at an exclusion.
    if (registered.decision === 'exclude' && !patched('load-error-reloaded')) return after;
    attempt += 1;
  }
}

/**
 * P5 Data collection 数据采集 (001 §15–17, §20–21): one workflow, the channel as its policy
 * (libs/domain/data-policy.ts). Agreement channels: [manual entry →] register the file (数据采集文件登记表)
 * [→ the second collector at the copy] → the data manager signs for it → [unpack under a second data
 * manager's supervision] → burn to disc and store in the safe (supervised) → P6 import and load as a
 * child case. The open channel: daily entries until the month ends → month-end report → review by
 * another collector → the collection head signs → hand-over → the same storage and import.
 * Every error file (差错文件返还通知书) goes back to the provider through the collector, and the case
 * loops to a new registration of the resubmitted file. How a file reaches the data manager (the
 * intake, the open channel's month) is in workflows/data-intake.ts.
 */
import { DataDocument, DataFileRef, dataImportResult } from '../libs/contracts/data-contracts';
import type { ProcessResult, ProcessStart } from '../libs/contracts/workflow-contract';
import { CHANNEL_POLICY, ChannelPolicy, DATA_CLOCKS, DataChannel, DataCollectionInput, DataImportCounts, DataImportInput, ErrorNotice } from '../libs/domain/data-policy';
import type { UnpackCheck } from '../libs/domain/data-records';
import { DATA_VOCABULARY } from '../libs/procedures/data.vocabulary';
import { acts, CaseRun, reads } from './case-run';
import { collectMonth, DataRun, intake } from './data-intake';
import { dataImportWorkflow } from './data-import.workflow';
import { supervised } from './review-parts';

interface ImportSummary extends DataImportCounts {
  processId: string;
  fileVersion: number;
}

export async function dataCollectionWorkflow(start: ProcessStart<DataCollectionInput>): Promise<ProcessResult> {
  const run: DataRun = new CaseRun(start, DATA_VOCABULARY);
  const policy = CHANNEL_POLICY[start.policy as DataChannel];
  return run.run(() => collect(run, policy, start.input));
}

async function collect(run: DataRun, policy: ChannelPolicy, input: DataCollectionInput): Promise<ProcessResult> {
  const documents: DataDocument[] = [];

  if (policy.agreement) {
    const refusal = await reads.checkDataProvider({ providerName: input.providerName ?? '', channel: policy.key });
    if (refusal) {
      await run.setStatus('not-accepted', { rejection: refusal });
      return run.finish('not-accepted', { rejection: refusal });
    }
  }

  let file = policy.monthly ? await collectMonth(run, input, documents) : await intake(run, policy, input, 1, input.records ?? [], documents);
  const imports: ImportSummary[] = [];
  const notices: Array<ErrorNotice & { fileVersion: number }> = [];

  for (;;) {
    if (policy.unpacks) {
      const notice = await unpack(run, file, documents);
      if (notice) {
        await returnToProvider(run, file, notice, notices);
        file = await intake(run, policy, input, file.version + 1, [], documents);
        continue;
      }
    }
    await burnAndStore(run, file, documents);

    const childInput: DataImportInput & Record<string, unknown> = {
      fileId: file.fileId,
      collectionProcessId: run.processId,
      providerName: file.providerName,
      fileName: file.fileName,
      channel: policy.key,
    };
    await run.setStatus('importing', { fileVersion: file.version });
    const imported = dataImportResult(
      await run.child(dataImportWorkflow, {
        processType: 'data-import',
        key: `import-${file.version}`,
        title: `数据导入与装载：${file.providerName} · ${file.fileName}（第${file.version}版）`,
        input: childInput,
      }),
    );
    imports.push({ processId: `${run.processId}.import-${file.version}`, fileVersion: file.version, ...imported.counts });
    documents.push(...imported.documents);
    await run.setStatus('imported', { imports, totals: totalsOf(imports) });

    const notice = imported.errorNotice;
    if (!notice) break;
    // 001 §18 (四): the import's error file goes back to the provider, who resubmits those records.
    await returnToProvider(run, file, notice, notices);
    const rejected = (imported.rejected ?? []).map(({ subjectCode, subjectName, itemName, value }) => ({ subjectCode, subjectName, itemName, value }));
    file = await intake(run, policy, input, file.version + 1, rejected, documents);
  }

  await run.archive(documents);
  return run.finish('loaded', { imports, totals: totalsOf(imports), fileVersions: file.version });
}

function totalsOf(imports: ImportSummary[]) {
  const sum = (key: keyof DataImportCounts) => imports.reduce((n, i) => n + i[key], 0);
  return { recordsIn: sum('recordsIn'), recordsRejected: sum('recordsRejected'), recordsLoaded: sum('recordsLoaded'), recordsExcluded: sum('recordsExcluded'), imports: imports.length };
}

/**
 * 001 §16 (一) 1(4): decrypt and decompress under a second data manager's supervision. Returns the
 * error notice when the file goes back to the provider, undefined when the original file is formed.
 */
async function unpack(run: DataRun, file: DataFileRef, documents: DataDocument[]): Promise<ErrorNotice | undefined> {
  // Each round checks the file anew before the data manager unpacks it.
  let check!: UnpackCheck;
  const { done: unpacked, check: supervision } = await supervised(
    run,
    async () => {
      check = await reads.checkDataFile({ fileId: file.fileId });
      return {
        status: 'unpacking' as const,
        caseData: { unpackCheck: check },
        step: 'unpack' as const,
        candidateRoles: ['data_manager'],
        // A file that does not match its register can only go back.
        decisions: check.problems.length ? (['error'] as const) : (['unpacked', 'error'] as const),
        reasonRequired: ['error'] as const,
        form: 'data-unpack' as const,
        prefill: { ...check, originalFileName: file.fileName },
        due: DATA_CLOCKS.unpack,
      };
    },
    (done) => ({
      step: 'unpack-supervise',
      title: `监督解压、解密（${done.decision === 'error' ? '确认差错' : '确认原始文件'}）`,
      candidateRoles: ['data_manager'],
      decisions: ['confirm', 'return'] as const,
      form: 'data-supervision',
      prefill: { unpackedBy: done.actor, result: done.decision, problems: check.problems },
      due: DATA_CLOCKS.supervise,
    }),
  );

  if (unpacked.decision === 'unpacked') {
    await acts.unpackDataFile({ fileId: file.fileId, unpackedBy: unpacked.actor, supervisedBy: supervision.actor });
    return undefined;
  }
  const issued = await run.task({
    status: 'error-file',
    step: 'error-notice',
    title: '填写差错文件返还通知书（解压、解密差错）',
    candidateRoles: ['data_manager'],
    decisions: ['issued'] as const,
    form: 'data-error-notice',
    prefill: { description: [...check.problems, unpacked.comment ?? ''].filter(Boolean).join('；'), records: check.recordsReceived },
    due: DATA_CLOCKS.errorNotice,
  });
  const notice: ErrorNotice = {
    source: 'unpack',
    noticeNo: issued.data.noticeNo,
    description: issued.data.description,
    records: issued.data.records,
    issuedBy: issued.actor,
    issuedAt: issued.decidedAt,
  };
  await acts.returnDataFile({ fileId: file.fileId, notice, unpackedBy: unpacked.actor, supervisedBy: supervision.actor });
  documents.push({ name: `差错文件返还通知书（第${file.version}版）`, ref: notice.noticeNo });
  return notice;
}

/**
 * The collector takes the notice and the erroneous file to the provider, who checks and resubmits.
 * A provider that will not resubmit ends the case, by a decision with its reason (abandon).
 */
async function returnToProvider(run: DataRun, file: DataFileRef, notice: ErrorNotice, notices: Array<ErrorNotice & { fileVersion: number }>): Promise<void> {
  notices.push({ ...notice, fileVersion: file.version });
  await run.setStatus('returned-to-provider', { errorNotices: notices });
  const returned = await run.task({
    step: 'return-to-provider',
    title: `差错文件返还：联系${file.providerName}核对、重新报送`,
    candidateRoles: ['data_collector'],
    decisions: ['resubmit'] as const,
    form: 'data-return-to-provider',
    prefill: { ...notice },
    due: DATA_CLOCKS.returnToProvider,
    abandonable: true,
  });
  await acts.recordReturnToProvider({ fileId: file.fileId, handedTo: returned.actor, contactedOn: returned.data.contactedOn });
}

/** 001 §16 (一) 1(5): burn the original to disc and put it in the safe, under a second data manager's supervision. */
async function burnAndStore(run: DataRun, file: DataFileRef, documents: DataDocument[]): Promise<void> {
  const { done: stored, check: supervision } = await supervised(
    run,
    {
      status: 'storing',
      step: 'burn-and-store',
      candidateRoles: ['data_manager'],
      decisions: ['stored'] as const,
      form: 'data-burn-store',
      due: DATA_CLOCKS.burnAndStore,
    },
    (done) => ({
      step: 'burn-and-store-supervise',
      candidateRoles: ['data_manager'],
      decisions: ['confirm', 'return'] as const,
      form: 'data-supervision',
      prefill: { storedBy: done.actor, ...done.data },
      due: DATA_CLOCKS.supervise,
    }),
  );
  const form = stored.data;
  await acts.storeDataFile({ fileId: file.fileId, discNo: form.discNo, safeLocation: form.safeLocation, storedBy: stored.actor, supervisedBy: supervision.actor, storedAt: form.storedAt });
  documents.push({ name: `存放记录（第${file.version}版）`, ref: form.discNo });
}

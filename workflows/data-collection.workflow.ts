/**
 * P5 Data collection 数据采集 (001 §15–17, §20–21): one workflow, the channel as its policy
 * (libs/domain/data-policy.ts). Agreement channels: [manual entry →] register the file (数据采集文件登记表)
 * [→ the second collector at the copy] → the data manager signs for it → [unpack under a second data
 * manager's supervision] → burn to disc and store in the safe (supervised) → P6 import and load as a
 * child case. The open channel: daily entries until the month ends → month-end report → review by
 * another collector → the collection head signs → hand-over → the same storage and import.
 * Every error file (差错文件返还通知书) goes back to the provider through the collector, and the case
 * loops to a new registration of the resubmitted file.
 */
import type { DataFileRef } from '../activities/data.activities';
import type { ProcessResult, ProcessStart } from '../libs/contracts/workflow-contract';
import {
  CHANNEL_POLICY,
  ChannelPolicy,
  DATA_CLOCKS,
  DataChannel,
  DataCollectionInput,
  DataImportCounts,
  DataImportInput,
  DataRecord,
  ErrorNotice,
  OPEN_CHANNEL_PROVIDER,
  ProvidedRecord,
} from '../libs/domain/data-policy';
import { monthEndOf } from '../libs/domain/data-records';
import { acts, CaseRun, Decided, reads } from './case-run';
import { dataImportWorkflow } from './data-import.workflow';

const DAY_MS = 24 * 3600 * 1000;

type Document = { name: string; ref?: string };

interface ImportSummary extends DataImportCounts {
  processId: string;
  fileVersion: number;
}

export async function dataCollectionWorkflow(start: ProcessStart<DataCollectionInput>): Promise<ProcessResult> {
  const run = new CaseRun(start);
  const policy = CHANNEL_POLICY[start.policy as DataChannel];
  return run.run(() => collect(run, policy, start.input));
}

async function collect(run: CaseRun, policy: ChannelPolicy, input: DataCollectionInput): Promise<ProcessResult> {
  const documents: Document[] = [];

  if (policy.agreement) {
    const refusal = await reads.checkDataProvider({ providerName: input.providerName ?? '', channel: policy.key });
    if (refusal) {
      await run.setStatus('not-accepted', { rejection: refusal });
      return run.finish('not-accepted', { rejection: refusal });
    }
  }

  let file = policy.monthly ? await collectMonth(run, input, documents) : await intake(run, policy, input, 1, [], documents);
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
    const imported = await run.child(dataImportWorkflow, {
      processType: 'data-import',
      key: `import-${file.version}`,
      title: `数据导入与装载：${file.providerName} · ${file.fileName}（第${file.version}版）`,
      input: childInput,
    });
    const counts = imported.data?.counts as DataImportCounts;
    imports.push({ processId: `${run.processId}.import-${file.version}`, fileVersion: file.version, ...counts });
    documents.push(...((imported.data?.documents as Document[] | undefined) ?? []));
    await run.setStatus('imported', { imports, totals: totalsOf(imports) });

    const notice = imported.data?.errorNotice as ErrorNotice | undefined;
    if (!notice) break;
    // 001 §18 (四): the import's error file goes back to the provider, who resubmits those records.
    await returnToProvider(run, file, notice, notices);
    const rejected = ((imported.data?.rejected as DataRecord[] | undefined) ?? []).map(({ subjectCode, subjectName, itemName, value }) => ({ subjectCode, subjectName, itemName, value }));
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
 * A submission reaches the data manager: [人工录入 → another collector reviews and registers] or
 * [register → the second collector present at the copy confirms] or [register], then 签收.
 */
async function intake(run: CaseRun, policy: ChannelPolicy, input: DataCollectionInput, version: number, resubmit: DataRecord[], documents: Document[]): Promise<DataFileRef> {
  const resubmission = version > 1;
  for (;;) {
    let entry: Decided<'entered'> | undefined;
    if (policy.manualEntry) {
      entry = await run.task({
        status: 'entering',
        step: 'manual-entry',
        title: resubmission ? `人工录入（重新报送，第${version}版）` : '人工录入（逐条录入形成电子文件）',
        candidateRoles: ['data_collector'],
        decisions: ['entered'] as const,
        form: 'data-manual-entry',
        prefill: { records: resubmit },
        due: DATA_CLOCKS.manualEntry,
      });
    }
    const records = (entry?.data.records as DataRecord[] | undefined) ?? resubmit;
    const register = await run.task({
      status: 'registering',
      caseData: { fileVersion: version },
      step: 'register-file',
      title: policy.manualEntry ? '复核录入数据并填写数据采集文件登记表' : resubmission ? `登记重新报送的数据文件（第${version}版）` : '填写数据采集文件登记表',
      candidateRoles: ['data_collector'],
      decisions: policy.manualEntry ? (['registered', 'return'] as const) : (['registered'] as const),
      // 人工录入: the register is filled by the collector who reviewed someone else's entry.
      notBy: policy.manualEntry ? ['manual-entry'] : undefined,
      notByScope: 'latest-round',
      form: 'data-file-register',
      prefill: { providerName: input.providerName ?? OPEN_CHANNEL_PROVIDER, fileName: input.fileName ?? '', medium: policy.medium, records, recordsDeclared: records.length },
      due: DATA_CLOCKS.registerFile,
    });
    if (register.decision === 'return') continue;

    let witness: Decided<'confirm' | 'return'> | undefined;
    if (policy.copyWitness) {
      witness = await run.task({
        step: 'copy-witness',
        title: '双人上岗拷盘确认（第二名采集人员）',
        candidateRoles: ['data_collector'],
        decisions: ['confirm', 'return'] as const,
        notBy: ['register-file'],
        notByScope: 'latest-round',
        form: 'data-copy-witness',
        due: DATA_CLOCKS.copyWitness,
      });
      if (witness.decision === 'return') continue;
    }

    const form = register.data as { registerNo: string; providerName: string; fileName: string; recordsDeclared: number; records: DataRecord[] };
    const file = await acts.registerDataFile({
      processId: run.processId,
      version,
      channel: policy.key,
      providerName: form.providerName,
      fileName: form.fileName,
      registerNo: form.registerNo,
      recordsDeclared: form.recordsDeclared,
      records: form.records.map((r): ProvidedRecord => ({ ...r, provider: form.providerName })),
      registeredBy: register.actor,
      enteredBy: entry?.actor,
      witnessedBy: witness?.actor,
      registeredAt: register.decidedAt,
    });
    documents.push({ name: `数据采集文件登记表（第${version}版）`, ref: form.registerNo });
    await receive(run, file);
    return file;
  }
}

/** The data manager signs for the file (签收). */
async function receive(run: CaseRun, file: DataFileRef): Promise<void> {
  const received = await run.task({
    status: 'receiving',
    caseData: { file: { ...file } },
    step: 'receive',
    title: `签收数据文件：${file.fileName}（${file.recordsDeclared} 条）`,
    candidateRoles: ['data_manager'],
    decisions: ['received'] as const,
    form: 'data-receive',
    prefill: { ...file },
    due: DATA_CLOCKS.receive,
  });
  await acts.receiveDataFile({ fileId: file.fileId, receivedBy: received.actor, receivedAt: received.decidedAt });
}

/**
 * 001 §16 (一) 1(4): decrypt and decompress under a second data manager's supervision. Returns the
 * error notice when the file goes back to the provider, undefined when the original file is formed.
 */
async function unpack(run: CaseRun, file: DataFileRef, documents: Document[]): Promise<ErrorNotice | undefined> {
  for (;;) {
    const check = await reads.checkDataFile({ fileId: file.fileId });
    const unpacked = await run.task({
      status: 'unpacking',
      caseData: { unpackCheck: check },
      step: 'unpack',
      title: '解压、解密，形成原始文件',
      candidateRoles: ['data_manager'],
      // A file that does not match its register can only go back.
      decisions: check.problems.length ? (['error'] as const) : (['unpacked', 'error'] as const),
      reasonRequired: ['error'],
      form: 'data-unpack',
      prefill: { ...check, originalFileName: file.fileName },
      due: DATA_CLOCKS.unpack,
    });
    const supervised = await run.task({
      step: 'unpack-supervise',
      title: `监督解压、解密（${unpacked.decision === 'error' ? '确认差错' : '确认原始文件'}）`,
      candidateRoles: ['data_manager'],
      decisions: ['confirm', 'return'] as const,
      notBy: ['unpack'],
      notByScope: 'latest-round',
      form: 'data-supervision',
      prefill: { unpackedBy: unpacked.actor, result: unpacked.decision, problems: check.problems },
      due: DATA_CLOCKS.supervise,
    });
    if (supervised.decision === 'return') continue;

    if (unpacked.decision === 'unpacked') {
      await acts.unpackDataFile({ fileId: file.fileId, unpackedBy: unpacked.actor, supervisedBy: supervised.actor });
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
      noticeNo: String(issued.data.noticeNo),
      description: String(issued.data.description),
      records: Number(issued.data.records),
      issuedBy: issued.actor,
      issuedAt: issued.decidedAt,
    };
    await acts.returnDataFile({ fileId: file.fileId, notice, unpackedBy: unpacked.actor, supervisedBy: supervised.actor });
    documents.push({ name: `差错文件返还通知书（第${file.version}版）`, ref: notice.noticeNo });
    return notice;
  }
}

/**
 * The collector takes the notice and the erroneous file to the provider, who checks and resubmits.
 * A provider that will not resubmit ends the case, by a decision with its reason (abandon).
 */
async function returnToProvider(run: CaseRun, file: DataFileRef, notice: ErrorNotice, notices: Array<ErrorNotice & { fileVersion: number }>): Promise<void> {
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
  await acts.recordReturnToProvider({ fileId: file.fileId, handedTo: returned.actor, contactedOn: String(returned.data.contactedOn) });
}

/** 001 §16 (一) 1(5): burn the original to disc and put it in the safe, under a second data manager's supervision. */
async function burnAndStore(run: CaseRun, file: DataFileRef, documents: Document[]): Promise<void> {
  for (;;) {
    const stored = await run.task({
      status: 'storing',
      step: 'burn-and-store',
      title: '刻录光盘、存入保险柜并做存放记录',
      candidateRoles: ['data_manager'],
      decisions: ['stored'] as const,
      form: 'data-burn-store',
      due: DATA_CLOCKS.burnAndStore,
    });
    const supervised = await run.task({
      step: 'burn-and-store-supervise',
      title: '监督刻录与入柜（第二名数据管理人员）',
      candidateRoles: ['data_manager'],
      decisions: ['confirm', 'return'] as const,
      notBy: ['burn-and-store'],
      notByScope: 'latest-round',
      form: 'data-supervision',
      prefill: { storedBy: stored.actor, ...stored.data },
      due: DATA_CLOCKS.supervise,
    });
    if (supervised.decision === 'return') continue;
    const form = stored.data as { discNo: string; safeLocation: string; storedAt: string };
    await acts.storeDataFile({ fileId: file.fileId, discNo: form.discNo, safeLocation: form.safeLocation, storedBy: stored.actor, supervisedBy: supervised.actor, storedAt: form.storedAt });
    documents.push({ name: `存放记录（第${file.version}版）`, ref: form.discNo });
    return;
  }
}

/**
 * 001 §16 (二) 3: every working day's findings are entered until the month ends (or the collector
 * enters the month's last line); the month-end report is reviewed by another collector and signed
 * by the collection head, then handed over with the data file to a data manager.
 */
async function collectMonth(run: CaseRun, input: DataCollectionInput, documents: Document[]): Promise<DataFileRef> {
  const period = input.period!;
  const closesAt = monthEndOf(period);
  for (let seq = 1; ; seq++) {
    const spec = {
      status: 'collecting',
      caseData: { period, entriesCloseAt: closesAt, entries: seq - 1 },
      step: 'collect',
      title: `公开渠道采集登记（${period}）`,
      candidateRoles: ['data_collector'],
      decisions: ['add-entry', 'last-entry'] as const,
      form: 'data-open-entry',
    };
    const remainingMs = Date.parse(closesAt) - Date.now();
    // The month's entries close at its end; a case started after it still takes its entries.
    const entry = remainingMs > 0 ? await run.taskUntil(spec, { days: remainingMs / DAY_MS }) : await run.task(spec);
    if (!entry) break;
    const form = entry.data as { collectedOn: string; itemName: string; source: string; address: string; publishedOn: string; records: Array<Omit<DataRecord, 'itemName'>> };
    await acts.addOpenEntry({
      processId: run.processId,
      seq,
      collectedOn: form.collectedOn,
      itemName: form.itemName,
      source: form.source,
      address: form.address,
      publishedOn: form.publishedOn,
      rows: form.records,
      enteredBy: entry.actor,
      enteredAt: entry.decidedAt,
    });
    if (entry.decision === 'last-entry') break;
  }
  documents.push({ name: `公开渠道采集汇总信息清单（${period}）` });

  const summary = await reads.summariseOpenEntries({ processId: run.processId });
  for (;;) {
    const report = await run.task({
      status: 'reporting',
      caseData: { openReport: summary },
      step: 'monthly-report',
      title: `编制公开渠道采集报表（${period}）`,
      candidateRoles: ['data_collector'],
      decisions: ['compiled'] as const,
      form: 'data-open-report',
      prefill: { period, ...summary },
      due: DATA_CLOCKS.monthlyReport,
    });
    const review = await run.task({
      status: 'reviewing',
      step: 'review',
      title: `逐项复核公开渠道采集报表（${period}）`,
      candidateRoles: ['data_collector'],
      decisions: ['confirm', 'return'] as const,
      notBy: ['monthly-report'],
      notByScope: 'latest-round',
      form: 'data-open-review',
      prefill: { period, ...summary, reportNo: report.data.reportNo },
      due: DATA_CLOCKS.review,
    });
    if (review.decision === 'return') continue;
    const sign = await run.task({
      status: 'signing',
      step: 'sign',
      title: `信息采集部负责人签字确认（${period}）`,
      candidateRoles: ['dept_head@collection'],
      decisions: ['sign', 'return'] as const,
      notBy: ['monthly-report', 'review'],
      notByScope: 'latest-round',
      form: 'data-supervision',
      prefill: { period, ...summary, reportNo: report.data.reportNo },
      due: DATA_CLOCKS.sign,
    });
    if (sign.decision === 'return') continue;
    documents.push({ name: `公开渠道采集报表（${period}）`, ref: String(report.data.reportNo) });
    await run.setStatus('report-signed', { openReport: { ...summary, reportNo: report.data.reportNo, compiledBy: report.actor, reviewedBy: review.actor, signedBy: sign.actor } });
    break;
  }

  const handOver = await run.task({
    status: 'handing-over',
    step: 'hand-over',
    title: '移交公开渠道采集报表和数据电子文件（填写移交清单）',
    candidateRoles: ['data_collector'],
    decisions: ['handed-over'] as const,
    form: 'data-hand-over',
    prefill: { fileName: `公开渠道采集-${period}.xlsx` },
    due: DATA_CLOCKS.handOver,
  });
  const list = handOver.data as { listNo: string; fileName: string };
  const file = await acts.registerOpenChannelFile({ processId: run.processId, fileName: list.fileName, registerNo: list.listNo, registeredBy: handOver.actor, registeredAt: handOver.decidedAt });
  documents.push({ name: '公开渠道采集数据移交清单', ref: list.listNo });
  await receive(run, file);
  return file;
}

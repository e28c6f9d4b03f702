/**
 * How a P5 data file reaches the data manager (001 §16), composed by workflows/data-collection.workflow.ts:
 * the agreement channels' intake ([人工录入 →] 数据采集文件登记表 [→ 双人上岗拷盘] → 签收) and the
 * open channel's month (daily entries → month-end report → review → the collection head's signature
 * → hand-over → 签收). Helpers only: no workflow is exported from here.
 */
import type { DataDocument, DataFileRef } from '../libs/contracts/data-contracts';
import { ChannelPolicy, DATA_CLOCKS, DataCollectionInput, DataRecord, OPEN_CHANNEL_PROVIDER, ProvidedRecord } from '../libs/domain/data-policy';
import { monthEndOf } from '../libs/domain/data-records';
import { DATA_VOCABULARY } from '../libs/procedures/data.vocabulary';
import { acts, CaseRun, Decided, reads } from './case-run';
import { supervised, supervisedAndSigned } from './review-parts';

export type DataRun = CaseRun<typeof DATA_VOCABULARY>;

const DAY_MS = 24 * 3600 * 1000;

/**
 * A submission reaches the data manager: [人工录入 → another collector reviews and registers] or
 * [register → the second collector present at the copy confirms] or [register], then 签收.
 */
export async function intake(run: DataRun, policy: ChannelPolicy, input: DataCollectionInput, version: number, resubmit: DataRecord[], documents: DataDocument[]): Promise<DataFileRef> {
  const resubmission = version > 1;
  const registerFile = (records: DataRecord[]) => ({
    status: 'registering' as const,
    caseData: { fileVersion: version },
    step: 'register-file' as const,
    title: policy.manualEntry ? '复核录入数据并填写数据采集文件登记表' : resubmission ? `登记重新报送的数据文件（第${version}版）` : undefined,
    candidateRoles: ['data_collector'] as const,
    form: 'data-file-register' as const,
    prefill: { providerName: input.providerName ?? OPEN_CHANNEL_PROVIDER, fileName: input.fileName ?? '', medium: policy.medium, records, recordsDeclared: records.length },
    due: DATA_CLOCKS.registerFile,
  });

  let register: Decided<'registered' | 'return', 'data-file-register'>;
  let entry: Decided<'entered', 'data-manual-entry'> | undefined;
  let witness: Decided<'confirm' | 'return', 'data-copy-witness'> | undefined;
  if (policy.manualEntry) {
    // 人工录入: the register is filled by the collector who reviewed someone else's entry.
    ({ done: entry, check: register } = await supervised(
      run,
      {
        status: 'entering',
        step: 'manual-entry',
        title: resubmission ? `人工录入（重新报送，第${version}版）` : undefined,
        candidateRoles: ['data_collector'],
        decisions: ['entered'] as const,
        form: 'data-manual-entry',
        prefill: { records: resubmit },
        due: DATA_CLOCKS.manualEntry,
      },
      (entered) => ({ ...registerFile(entered.data.records), decisions: ['registered', 'return'] as const }),
    ));
  } else if (policy.copyWitness) {
    ({ done: register, check: witness } = await supervised(run, { ...registerFile(resubmit), decisions: ['registered'] as const }, () => ({
      step: 'copy-witness',
      candidateRoles: ['data_collector'],
      decisions: ['confirm', 'return'] as const,
      form: 'data-copy-witness',
      due: DATA_CLOCKS.copyWitness,
    })));
  } else {
    register = await run.task({ ...registerFile(resubmit), decisions: ['registered'] as const });
  }

  const form = register.data;
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

/** The data manager signs for the file (签收). */
async function receive(run: DataRun, file: DataFileRef): Promise<void> {
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
 * 001 §16 (二) 3: every working day's findings are entered until the month ends (or the collector
 * enters the month's last line); the month-end report is reviewed by another collector and signed
 * by the collection head, then handed over with the data file to a data manager.
 */
export async function collectMonth(run: DataRun, input: DataCollectionInput, documents: DataDocument[]): Promise<DataFileRef> {
  const period = input.period!;
  const closesAt = monthEndOf(period);
  for (let seq = 1; ; seq++) {
    const spec = {
      status: 'collecting' as const,
      caseData: { period, entriesCloseAt: closesAt, entries: seq - 1 },
      step: 'collect' as const,
      title: `公开渠道采集登记（${period}）`,
      candidateRoles: ['data_collector'] as const,
      decisions: ['add-entry', 'last-entry'] as const,
      form: 'data-open-entry' as const,
    };
    const remainingMs = Date.parse(closesAt) - Date.now();
    // The month's entries close at its end; a case started after it still takes its entries.
    const entry = remainingMs > 0 ? await run.taskUntil(spec, { days: remainingMs / DAY_MS }) : await run.task(spec);
    if (!entry) break;
    const line = entry.data;
    await acts.addOpenEntry({
      processId: run.processId,
      seq,
      collectedOn: line.collectedOn,
      itemName: line.itemName,
      source: line.source,
      address: line.address,
      publishedOn: line.publishedOn,
      rows: line.records,
      enteredBy: entry.actor,
      enteredAt: entry.decidedAt,
    });
    if (entry.decision === 'last-entry') break;
  }
  documents.push({ name: `公开渠道采集汇总信息清单（${period}）` });

  const summary = await reads.summariseOpenEntries({ processId: run.processId });
  const { done: report, check: review, signed } = await supervisedAndSigned(
    run,
    {
      status: 'reporting',
      caseData: { openReport: summary },
      step: 'monthly-report',
      title: `编制公开渠道采集报表（${period}）`,
      candidateRoles: ['data_collector'],
      decisions: ['compiled'] as const,
      form: 'data-open-report',
      prefill: { period, ...summary },
      due: DATA_CLOCKS.monthlyReport,
    },
    (compiled) => ({
      status: 'reviewing',
      step: 'review',
      title: `逐项复核公开渠道采集报表（${period}）`,
      candidateRoles: ['data_collector'],
      decisions: ['confirm', 'return'] as const,
      form: 'data-open-review',
      prefill: { period, ...summary, reportNo: compiled.data.reportNo },
      due: DATA_CLOCKS.review,
    }),
    ({ done: compiled }) => ({
      status: 'signing',
      step: 'sign',
      title: `信息采集部负责人签字确认（${period}）`,
      candidateRoles: ['dept_head@collection'],
      decisions: ['sign', 'return'] as const,
      form: 'data-supervision',
      prefill: { period, ...summary, reportNo: compiled.data.reportNo },
      due: DATA_CLOCKS.sign,
    }),
  );
  documents.push({ name: `公开渠道采集报表（${period}）`, ref: report.data.reportNo });
  await run.setStatus('report-signed', { openReport: { ...summary, reportNo: report.data.reportNo, compiledBy: report.actor, reviewedBy: review.actor, signedBy: signed.actor } });

  const handOver = await run.task({
    status: 'handing-over',
    step: 'hand-over',
    candidateRoles: ['data_collector'],
    decisions: ['handed-over'] as const,
    form: 'data-hand-over',
    prefill: { fileName: `公开渠道采集-${period}.xlsx` },
    due: DATA_CLOCKS.handOver,
  });
  const list = handOver.data;
  const file = await acts.registerOpenChannelFile({ processId: run.processId, fileName: list.fileName, registerNo: list.listNo, registeredBy: handOver.actor, registeredAt: handOver.decidedAt });
  documents.push({ name: '公开渠道采集数据移交清单', ref: list.listNo });
  await receive(run, file);
  return file;
}

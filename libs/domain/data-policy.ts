/**
 * P5 data collection (001 §15–17, §20–21) and P6 import and load (001 §18–19) as data:
 * the four collection channels are policies of one workflow, and every step's clock is here.
 * Pure: imported by the workflows, the forms and the activities alike.
 */
import type { Clock } from '../calendar/working-day-calendar';

/** 001 §16: 联网采集, 批量拷盘, 人工录入 (协议采集) and 公开渠道采集. */
export const DATA_CHANNELS = ['online', 'disk', 'manual', 'open'] as const;
export type DataChannel = (typeof DATA_CHANNELS)[number];

export interface ChannelPolicy {
  key: DataChannel;
  titleZh: string;
  source: string;
  /** 协议采集: only from a provider that signed a data-collection agreement for this channel. */
  agreement: boolean;
  /** 人工录入: one collector enters the records, another reviews them and fills the register (001 §16 一 3(2)(3)). */
  manualEntry: boolean;
  /** 批量拷盘: two collectors are present at the copy (双人上岗拷盘, 001 §16 一 2(2)). */
  copyWitness: boolean;
  /** Encrypted, compressed transfer: decrypted and decompressed under a second data manager's supervision. */
  unpacks: boolean;
  /** 公开渠道: daily entries, the month-end report, review and the collection head's signature (001 §16 二 3). */
  monthly: boolean;
  /** How the file reaches the data manager, as the register records it. */
  medium: DataMedium;
}

export const DATA_MEDIA = ['network', 'disk', 'email', 'paper', 'spreadsheet'] as const;
export type DataMedium = (typeof DATA_MEDIA)[number];

export const CHANNEL_POLICY: Record<DataChannel, ChannelPolicy> = {
  online: { key: 'online', titleZh: '联网采集', source: '001 §16 (一) 1', agreement: true, manualEntry: false, copyWitness: false, unpacks: true, monthly: false, medium: 'network' },
  disk: { key: 'disk', titleZh: '批量拷盘', source: '001 §16 (一) 2', agreement: true, manualEntry: false, copyWitness: true, unpacks: true, monthly: false, medium: 'disk' },
  manual: { key: 'manual', titleZh: '人工录入', source: '001 §16 (一) 3', agreement: true, manualEntry: true, copyWitness: false, unpacks: false, monthly: false, medium: 'email' },
  open: { key: 'open', titleZh: '公开渠道采集', source: '001 §16 (二), §20', agreement: false, manualEntry: false, copyWitness: false, unpacks: false, monthly: true, medium: 'spreadsheet' },
};

/**
 * Each step's SLA. The seeds ask for "及时" (promptly) throughout; one working day is the
 * reading used here, longer where the step waits on people outside (the provider, the month-end report).
 */
export const DATA_CLOCKS = {
  manualEntry: { workingDays: 1 },
  registerFile: { workingDays: 1 },
  copyWitness: { workingDays: 1 },
  receive: { workingDays: 1 },
  unpack: { workingDays: 1 },
  supervise: { workingDays: 1 },
  errorNotice: { workingDays: 1 },
  returnToProvider: { workingDays: 2 },
  burnAndStore: { workingDays: 1 },
  monthlyReport: { workingDays: 3 },
  review: { workingDays: 2 },
  sign: { workingDays: 2 },
  handOver: { workingDays: 1 },
  importRegister: { workingDays: 1 },
  importApproval: { workingDays: 1 },
  import: { workingDays: 1 },
  safeCustody: { workingDays: 1 },
  load: { workingDays: 1 },
  loadAuthorise: { workingDays: 1 },
  loadErrorRegister: { workingDays: 1 },
} as const satisfies Record<string, Clock>;

/** One record of a data file: an item of a subject's credit record, as the provider sent it. */
export interface DataRecord {
  subjectCode: string;
  subjectName: string;
  itemName: string;
  value: string;
}

/** A record as a file or batch keeps it: with its provider (the file's, or the open channel's source). */
export interface ProvidedRecord extends DataRecord {
  provider: string;
}

/** The P5 start input (API start form; the channel is the policy). */
export interface DataCollectionInput {
  providerName?: string;
  fileName?: string;
  /** Open channel: the month collected, YYYY-MM. */
  period?: string;
  note?: string;
  /** The records the file is expected to carry (a P1 objection's corrected data), prefilled on the first register. */
  records?: DataRecord[];
  /** Started by an objection case (001 §115 二(四)): the corrected data of that objection. */
  objectionProcessId?: string;
}

/**
 * The P6 input. Started from P5 (a child case) it names the stored file; started on its own by a
 * data manager (001 §115: a corrected file handed over directly) it carries the file's records.
 */
export interface DataImportInput {
  fileId?: number;
  collectionProcessId?: string;
  providerName: string;
  fileName: string;
  channel: DataChannel;
  records?: DataRecord[];
}

/** What a P6 case hands back to its P5 parent (and keeps in its own case data). */
export interface DataImportCounts {
  recordsTotal: number;
  recordsIn: number;
  recordsRejected: number;
  recordsLoaded: number;
  recordsExcluded: number;
  loadAttempts: number;
}

export interface ErrorNotice {
  source: 'unpack' | 'import';
  noticeNo: string;
  description: string;
  records: number;
  issuedBy: string;
  issuedAt: string;
}

export const OPEN_CHANNEL_PROVIDER = '公开渠道';

/** Sample providers with their agreements, seeded with the demo data (the sample subjects' items come from these). */
export const SAMPLE_DATA_PROVIDERS: ReadonlyArray<{ name: string; agreementNo: string | null; channels: DataChannel[]; updateCycle: string }> = [
  { name: '市市场监督管理局', agreementNo: 'CJXY-2026-001', channels: ['online'], updateCycle: '每日' },
  { name: '市税务局', agreementNo: 'CJXY-2026-002', channels: ['online', 'disk'], updateCycle: '每月' },
  { name: '市生态环境局', agreementNo: 'CJXY-2026-003', channels: ['disk', 'manual'], updateCycle: '每季度' },
  { name: '某商业银行武汉分行', agreementNo: 'CJXY-2026-004', channels: ['online'], updateCycle: '每月' },
  { name: '市住房公积金中心', agreementNo: 'CJXY-2026-005', channels: ['manual'], updateCycle: '每月' },
  { name: '市建设工程质量协会', agreementNo: null, channels: [], updateCycle: '未约定' },
];

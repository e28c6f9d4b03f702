/**
 * What the P5/P6 workflows and the data activities (activities/data.activities.ts) pass each
 * other: one definition, imported as types on both sides. Pure types, no runtime code beyond
 * the reading of a P6 child's result.
 */
import type { DataChannel, DataImportCounts, DataRecord, ErrorNotice, ProvidedRecord } from '../domain/data-policy';
import type { ProcessResult } from './workflow-contract';

/** A document the case files at the end (a register, a notice, a storage record). */
export interface DataDocument {
  name: string;
  ref?: string;
}

/** Where a data file version stands (data_files.status). */
export type DataFileStatus = 'registered' | 'received' | 'unpacked' | 'returned' | 'stored' | 'importing' | 'imported' | 'loaded';

/** One version of a case's data file, as the activities return it. */
export interface DataFileRef {
  fileId: number;
  version: number;
  channel: DataChannel;
  providerName: string;
  fileName: string;
  registerNo: string | null;
  recordsDeclared: number;
  recordsReceived: number;
  status: DataFileStatus;
}

/** A record the import or the load turned away, with the reason. */
export type RefusedRecord = ProvidedRecord & { reason: string };

export interface ImportOutcome extends DataImportCounts {
  rejected: RefusedRecord[];
}

export interface LoadOutcome extends DataImportCounts {
  attempt: number;
  loadedNow: number;
  errors: RefusedRecord[];
}

/** 数据采集文件登记表: one version of the file per submission. */
export interface RegisterDataFileInput {
  processId: string;
  version: number;
  channel: DataChannel;
  providerName: string;
  fileName: string;
  registerNo: string;
  recordsDeclared: number;
  records: ProvidedRecord[];
  registeredBy: string;
  enteredBy?: string;
  witnessedBy?: string;
  registeredAt: string;
}

/** One line of the 公开渠道采集汇总信息清单. */
export interface OpenEntryInput {
  processId: string;
  seq: number;
  collectedOn: string;
  itemName: string;
  source: string;
  address: string;
  publishedOn: string;
  rows: Array<Omit<DataRecord, 'itemName'>>;
  enteredBy: string;
  enteredAt: string;
}

export interface CreateImportBatchInput {
  processId: string;
  fileId: number;
  registerNo: string;
  registeredBy: string;
  registerSupervisedBy: string;
  approvedBy: string;
  approvedAt: string;
}

/** 装载差错文件登记表 and how the error was resolved. */
export interface RegisterLoadErrorInput {
  batchId: number;
  attempt: number;
  errorFileName: string;
  cause: string;
  remedy: string;
  resolution: 'rematch' | 'exclude';
  registeredBy: string;
  registeredAt: string;
}

/** What a P6 case hands back to its P5 parent (its result's data). */
export interface DataImportResult {
  batchId: number;
  counts: DataImportCounts;
  documents: DataDocument[];
  /** Only when the import turned records away: the error file that goes back to the provider. */
  errorNotice?: ErrorNotice;
  rejected?: RefusedRecord[];
}

/** The P6 result data as the parent reads it (the child's `finish` wrote a DataImportResult). */
export function dataImportResult(result: ProcessResult): DataImportResult {
  return result.data as unknown as DataImportResult;
}

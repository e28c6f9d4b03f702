/**
 * The rules a data file's records pass on their way from the provider to the credit database
 * (001 §16 unpack check, §18 import, §19 load). Pure: no database, no clock.
 */
import type { DataImportCounts, DataRecord, ProvidedRecord } from './data-policy';
import { subjectKindOf } from './subject-code';

/** A record's way through a batch: imported into the base database or rejected; loaded into the credit database or not. */
export type BatchRowState = 'imported' | 'rejected' | 'loaded' | 'load-error' | 'rematched' | 'excluded';

export interface BatchRow extends ProvidedRecord {
  state: BatchRowState;
  /** Why it was rejected or could not be loaded. */
  reason?: string;
  /** The load attempt that loaded it, or that found the error. */
  attempt?: number;
}

export function recordKey(record: Pick<DataRecord, 'subjectCode' | 'itemName'>): string {
  return `${record.subjectCode}\u0000${record.itemName}`;
}

/**
 * 001 §18 (三)(四): the import pre-processing rejects what cannot go into the base database;
 * the rejected records make the error file (差错文件) that goes back to the provider.
 * `seen` collects the keys of the file's earlier records (a repeat in one file is an error).
 */
export function importRejection(record: DataRecord, seen: Set<string>): string | undefined {
  if (!subjectKindOf(record.subjectCode)) return '主体代码（统一社会信用代码或公民身份号码）格式或校验位错误';
  if (!record.subjectName.trim()) return '主体名称为空';
  if (!record.itemName.trim()) return '信息项名称为空';
  if (!record.value.trim()) return '信息内容为空';
  const key = recordKey(record);
  if (seen.has(key)) return '同一文件内重复报送的记录';
  seen.add(key);
  return undefined;
}

export interface UnpackCheck {
  recordsDeclared: number;
  recordsReceived: number;
  /** Empty when the original file matches its register; otherwise the error file's reasons. */
  problems: string[];
}

/** 001 §16 (一) 1(4): the decrypted, decompressed original must match what the register declares. */
export function checkUnpack(recordsDeclared: number, records: readonly DataRecord[]): UnpackCheck {
  const problems: string[] = [];
  if (records.length === 0) problems.push('文件中没有记录');
  if (records.length !== recordsDeclared) problems.push(`登记记录数 ${recordsDeclared} 与原始文件记录数 ${records.length} 不一致`);
  return { recordsDeclared, recordsReceived: records.length, problems };
}

/** A collection month (YYYY-MM) ends at midnight China time on the first of the next month. */
export function monthEndOf(period: string): string {
  const match = /^(\d{4})-(\d{2})$/.exec(period);
  if (!match) throw new Error(`period must be YYYY-MM, got ${period}`);
  const year = Number(match[1]);
  const month = Number(match[2]);
  const next = month === 12 ? `${year + 1}-01` : `${year}-${String(month + 1).padStart(2, '0')}`;
  return new Date(Date.parse(`${next}-01T00:00:00+08:00`)).toISOString();
}

export const PERIOD_PATTERN = '^\\d{4}-(0[1-9]|1[0-2])$';

export function countBatch(rows: readonly BatchRow[], loadAttempts: number): DataImportCounts {
  const count = (...states: BatchRowState[]) => rows.filter((r) => states.includes(r.state)).length;
  return {
    recordsTotal: rows.length,
    recordsIn: rows.length - count('rejected'),
    recordsRejected: count('rejected'),
    recordsLoaded: count('loaded'),
    recordsExcluded: count('excluded'),
    loadAttempts,
  };
}

/** The records a load attempt takes: imported ones not yet loaded, and load errors cleared by a re-match. */
export function rowsToLoad(rows: readonly BatchRow[]): BatchRow[] {
  return rows.filter((r) => r.state === 'imported' || r.state === 'rematched');
}

export interface OpenEntrySummary {
  entries: number;
  records: number;
  byItem: Array<{ itemName: string; entries: number; records: number }>;
  bySource: Array<{ source: string; entries: number; records: number }>;
}

/** 公开渠道采集报表 (001 §16 二 3(3)): the month's 汇总信息清单 summed by information item and source. */
export function summariseOpenEntries(entries: ReadonlyArray<{ itemName: string; source: string; records: number }>): OpenEntrySummary {
  const group = (key: (e: { itemName: string; source: string }) => string) => {
    const map = new Map<string, { entries: number; records: number }>();
    for (const entry of entries) {
      const k = key(entry);
      const sum = map.get(k) ?? { entries: 0, records: 0 };
      map.set(k, { entries: sum.entries + 1, records: sum.records + entry.records });
    }
    return [...map.entries()].sort(([a], [b]) => a.localeCompare(b));
  };
  return {
    entries: entries.length,
    records: entries.reduce((n, e) => n + e.records, 0),
    byItem: group((e) => e.itemName).map(([itemName, s]) => ({ itemName, ...s })),
    bySource: group((e) => e.source).map(([source, s]) => ({ source, ...s })),
  };
}

/** Forms and records for P5 data collection and P6 import and load, shared by the workflow and e2e tests. */
import type { DataRecord } from '../../libs/domain/data-policy';

type Subject = { subjectName: string; subjectCode: string };

/** Three good records for a test subject: two existing items get new values, one item is new. */
export function goodRecords(subject: Subject): DataRecord[] {
  return [
    { ...subject, itemName: '贷款余额', value: '280万元' },
    { ...subject, itemName: '注册资本', value: '800万元' },
    { ...subject, itemName: '社保缴费记录', value: '2026年1–9月正常缴纳' },
  ];
}

/** A record whose unified social credit code has a wrong check character: rejected at import. */
export function badCodeRecord(subject: Subject): DataRecord {
  const code = subject.subjectCode;
  return { subjectCode: code.slice(0, 17) + (code[17] === '0' ? '1' : '0'), subjectName: subject.subjectName, itemName: '纳税信用等级', value: 'A级' };
}

/** The corrected record the provider resubmits for the rejected one. */
export function correctedRecord(subject: Subject): DataRecord {
  return { ...subject, itemName: '纳税信用等级', value: 'A级' };
}

/** A record naming a known subject under another name: imported, but it cannot be matched when loading. */
export function renamedRecord(subject: Subject): DataRecord {
  return { subjectCode: subject.subjectCode, subjectName: `${subject.subjectName}（更名后）`, itemName: '对外担保', value: '无' };
}

export function registerForm(providerName: string, records: DataRecord[], overrides: Record<string, unknown> = {}) {
  return {
    registerNo: `CJDJ-${Date.now() % 100000}`,
    providerName,
    fileName: 'tax-2026-10.dat',
    recordsDeclared: records.length,
    transferredAt: '2026-10-09T10:00:00+08:00',
    medium: 'network',
    records,
    ...overrides,
  };
}

export const RECEIVE = { receivedAt: '2026-10-09T11:00:00+08:00' };
export const UNPACK = { originalFileName: 'tax-2026-10.txt' };
export const SUPERVISED = { note: '在场监督，核对无误' };
export const BURN = { discNo: 'GP-2026-041', safeLocation: '中心机房保险柜A-2', storedAt: '2026-10-09T15:00:00+08:00' };
export const RETURNED = { contactedOn: '2026-10-10', contactPerson: '数据科王科长' };
export const WITNESS = { presentAtCopy: true, mediumNo: 'CP-2026-007' };
export const MANUAL = (records: DataRecord[]) => ({ enteredOn: '2026-10-09', sourceKind: 'paper', records });
export const notice = (records: number) => ({ noticeNo: `CWTZ-${Date.now() % 100000}`, description: '记录有误，请核对后重新报送', records });

export const IMPORT_REGISTER = (providerName: string, fileName: string, records: number) => ({ registerNo: `DRDJ-${Date.now() % 100000}`, providerName, fileName, records, receivedOn: '2026-10-09' });
export const IMPORT_RUN = { preprocessed: true };
export const LOAD = { preprocessed: true };
export const AUTHORISE = { onSite: true, note: '现场授权装载' };
export const LOAD_ERROR = { errorFileName: 'load-error.txt', cause: '主体名称与征信库不一致', remedy: '经核实为企业更名，按统一社会信用代码重新匹配' };

export const openEntry = (subject: Subject, itemName: string, values: string[], source = '武汉市中级人民法院网站') => ({
  collectedOn: '2026-03-30',
  itemName,
  source,
  address: 'https://www.whfy.gov.cn/',
  publishedOn: '2026-03-27',
  records: values.map((value) => ({ subjectCode: subject.subjectCode, subjectName: subject.subjectName, value })),
});
export const OPEN_REPORT = { reportNo: 'GKBB-2026-03' };
export const OPEN_REVIEW = { itemsChecked: true };
export const HAND_OVER = { listNo: 'YJQD-2026-03', fileName: '公开渠道采集-2026-03.xlsx' };

/**
 * The four objection policies (P1) as data: one workflow reads these instead of four copies.
 * Sources: 000 §31–40 (center), 001 §108–118 (company), 002 §30–32 (municipal), 003 6.4 and annex C (zhejiang).
 */
import type { Clock } from '../calendar/working-day-calendar';

export const OBJECTION_POLICIES = ['center', 'company', 'municipal', 'zhejiang'] as const;
export type ObjectionPolicyKey = (typeof OBJECTION_POLICIES)[number];

/** Zhejiang annex C.2 reason types: a fact, b text, c disclosed beyond its period, d serious-dishonesty list. */
export const OBJECTION_REASONS = ['fact', 'text', 'expired', 'dishonesty-list'] as const;
export type ObjectionReason = (typeof OBJECTION_REASONS)[number];

export type DifferenceType = 'internal' | 'external' | 'query-time' | 'query-record';

export interface ObjectionPolicy {
  key: ObjectionPolicyKey;
  titleZh: string;
  source: string;
  /** From acceptance to the applicant being told; null where the source sets none. */
  overallSla: Clock | null;
  /** The reviewer's acceptance confirmation (异议受理确认). */
  confirmWithin: Clock;
  /** The difference check (异议核查 / 信息比对). */
  checkWithin: Clock;
  /** 002 §31: the comparison's clock runs from receipt of the objection, not from the check step's opening. */
  checkClockFromReceipt: boolean;
  /** The provider's (信息提供单位/信源单位) reply; null where the source sets none. */
  providerDeadline: Clock | null;
  /** Telling the applicant once the case is handled. */
  replyWithin: Clock;
  /** 002 §31: no reply in time → the platform stops disclosing the item. */
  stopDisclosureWhenProviderOverdue: boolean;
  /** 002 §32: an item that cannot be verified is deleted, with the reason recorded. */
  deleteUnverifiable: boolean;
  /** 001 §115(三): objections to query records are checked against the archive. */
  checksQueryRecords: boolean;
  /** 001 §110 (四)(五). */
  maxReportAgeMonths?: number;
  repeatWindowDays?: number;
  /** Zhejiang routes by the applicant's reason instead of a difference check. */
  routesByReason: boolean;
  /** Zhejiang requires the reason at start. */
  requiresReason: boolean;
  /** 003 C.3: a non-conforming application is returned to the applicant to amend, not refused. */
  returnsToApplicant: boolean;
  /** Identifier items (标识类信息项) and business numbers nobody may object to, with the article; none where the source sets none. */
  identifierItems: { items: readonly string[]; article: string } | null;
}

/**
 * The identifier items of each source, as written there (the lists end in 等, so a variant of a
 * name — 组织机构代码 / 组织机构代码号, 社保号 / 社保号码 — matches too, see `isIdentifierItem`).
 */
const CENTER_IDENTIFIER_ITEMS = ['企业名称', '统一社会信用代码', '工商注册号', '组织机构代码号', '文书号', '证书号', '案卷号'];
/** 001 §110 一(二) names 工商注册号 and 组织机构代码号; the unified social credit code replaced both (GB 32100-2015). */
const COMPANY_IDENTIFIER_ITEMS = ['工商注册号', '组织机构代码号', '统一社会信用代码', '社保号', '银行账号', '信用卡号', '案卷号'];

export const OBJECTION_POLICY: Record<ObjectionPolicyKey, ObjectionPolicy> = {
  center: {
    key: 'center',
    titleZh: '征信中心异议处理',
    source: '000 §31–40',
    overallSla: { workingDays: 20 },
    confirmWithin: { workingDays: 2 },
    checkWithin: { workingDays: 1 },
    checkClockFromReceipt: false,
    providerDeadline: { days: 20 },
    replyWithin: { workingDays: 2 },
    stopDisclosureWhenProviderOverdue: false,
    deleteUnverifiable: false,
    checksQueryRecords: false,
    routesByReason: false,
    requiresReason: false,
    returnsToApplicant: false,
    identifierItems: { items: CENTER_IDENTIFIER_ITEMS, article: '000 §33 一(二)' },
  },
  company: {
    key: 'company',
    titleZh: '征信公司异议处理',
    source: '001 §108–118',
    overallSla: { workingDays: 20 },
    confirmWithin: { workingDays: 2 },
    checkWithin: { workingDays: 1 },
    checkClockFromReceipt: false,
    providerDeadline: { days: 10 },
    replyWithin: { workingDays: 7 },
    stopDisclosureWhenProviderOverdue: false,
    deleteUnverifiable: false,
    checksQueryRecords: true,
    maxReportAgeMonths: 3,
    repeatWindowDays: 30,
    routesByReason: false,
    requiresReason: false,
    returnsToApplicant: false,
    identifierItems: { items: COMPANY_IDENTIFIER_ITEMS, article: '001 §110 一(二)' },
  },
  municipal: {
    key: 'municipal',
    titleZh: '市公共信用信息平台异议处理',
    source: '002 §30–32',
    overallSla: null,
    confirmWithin: { workingDays: 2 },
    checkWithin: { workingDays: 2 },
    checkClockFromReceipt: true,
    providerDeadline: { workingDays: 10 },
    replyWithin: { workingDays: 5 },
    stopDisclosureWhenProviderOverdue: true,
    deleteUnverifiable: true,
    checksQueryRecords: false,
    routesByReason: false,
    requiresReason: false,
    returnsToApplicant: false,
    identifierItems: null,
  },
  zhejiang: {
    key: 'zhejiang',
    titleZh: '浙江公共信用信息异议处理',
    source: '003 6.4, 附录C',
    overallSla: { workingDays: 5 },
    confirmWithin: { workingDays: 1 },
    checkWithin: { workingDays: 1 },
    checkClockFromReceipt: false,
    providerDeadline: null,
    replyWithin: { workingDays: 1 },
    stopDisclosureWhenProviderOverdue: false,
    deleteUnverifiable: false,
    checksQueryRecords: false,
    routesByReason: true,
    requiresReason: true,
    returnsToApplicant: true,
    identifierItems: null,
  },
};

/** Names compared without spaces and without the trailing 号 / 号码 the seeds write or leave out. */
function identifierStem(name: string): string {
  return name.replace(/\s+/g, '').replace(/(号码|号)$/, '');
}

export function isIdentifierItem(policy: ObjectionPolicy, itemName: string): boolean {
  const stem = identifierStem(itemName);
  return !!policy.identifierItems?.items.some((item) => identifierStem(item) === stem);
}

/** Items that are query records (查询记录类指标项), 001 §115(三). */
export const QUERY_RECORD_ITEMS = ['查询记录', '查询机构', '查询时间', '查询原因'];

export interface AcceptanceRejection {
  rule: 'identifier-item' | 'report-too-old' | 'repeat-within-30-days' | 'unknown-item';
  article: string;
  message: string;
}

/** The rules that need no database: identifier items and the report's age. */
export function checkStaticAcceptanceRules(
  policy: ObjectionPolicy,
  input: { itemName: string; reportQueriedAt: string },
  acceptedAt: Date,
): AcceptanceRejection | undefined {
  if (policy.identifierItems && isIdentifierItem(policy, input.itemName)) {
    return {
      rule: 'identifier-item',
      article: policy.identifierItems.article,
      message: `针对标识类信息项「${input.itemName}」提出的异议不予受理`,
    };
  }
  if (policy.maxReportAgeMonths) {
    const limit = new Date(input.reportQueriedAt);
    limit.setUTCMonth(limit.getUTCMonth() + policy.maxReportAgeMonths);
    if (acceptedAt > limit) {
      return {
        rule: 'report-too-old',
        article: '001 §110 一(四)',
        message: `信用报告查询时间超过${policy.maxReportAgeMonths}个月，异议不予受理`,
      };
    }
  }
  return undefined;
}

/** The difference check's proposal, from the item as the two databases hold it (000 §37–38). */
export function proposeDifference(
  policy: ObjectionPolicy,
  item: { itemName: string; baseValue: string | null; creditValue: string | null },
  claimedValue: string,
): DifferenceType {
  if (policy.checksQueryRecords && QUERY_RECORD_ITEMS.includes(item.itemName)) return 'query-record';
  if (item.baseValue !== item.creditValue) return 'internal';
  if (item.creditValue === claimedValue) return 'query-time';
  return 'external';
}

/** Zhejiang annex C.4: a and d go to the data-source unit, b and c stay with the service organisation. */
export function routeByReason(reason: ObjectionReason): 'source-unit' | 'service-organisation' {
  return reason === 'fact' || reason === 'dishonesty-list' ? 'source-unit' : 'service-organisation';
}

/** The start form of API.md's objection section. */
export interface ObjectionInput {
  subjectName: string;
  subjectCode: string;
  reportId: string;
  reportQueriedAt: string;
  itemName: string;
  originalValue: string;
  claimedValue: string;
  reason?: ObjectionReason;
  evidence: Array<{ name: string; ref?: string }>;
  channel: 'website' | 'outlet';
}

/** What the provider (信息提供单位) answers on the verification letter (异议数据核对书). */
export const PROVIDER_REPLIES = ['agreed-changed', 'agreed-unchangeable', 'unverifiable', 'rejected'] as const;
export type ProviderReply = (typeof PROVIDER_REPLIES)[number];

/**
 * P8 investigation report (001 §43–60) and P9 value-added service (001 §61–70) as policy data:
 * which contracts the center head signs, and how many review levels a report, a plan and a
 * product pass. One workflow per procedure reads these instead of copies per variant.
 * Pure code: workflows import it.
 */
import type { RoleRef } from './roles';

/** 001 §60(一): 标准信用报告, 深度信用报告, 定制信用报告. */
export const REPORT_TYPES = ['standard', 'deep', 'custom'] as const;
export type ReportType = (typeof REPORT_TYPES)[number];

/** 001 §70: 批量数据类 (no product review) and 分析类 (three levels) value-added products. */
export const VALUE_ADDED_PRODUCT_KINDS = ['batch-data', 'analysis'] as const;
export type ValueAddedProductKind = (typeof VALUE_ADDED_PRODUCT_KINDS)[number];

export type OrderService = 'investigation-report' | 'value-added-service';

/** Where an investigation task (P8) or value-added project (P9) stands. */
export type OrderTaskState = 'dispatched' | 'preparing' | 'investigating' | 'drafting' | 'planning' | 'producing' | 'under-review' | 'revising' | 'passed';

/**
 * The three review levels of 001 §60(一): 部门审核, 分管领导审核, 评审委员会审核. Their step keys
 * and business statuses are words of the vocabulary (libs/procedures/report.vocabulary.ts REVIEW_LEVEL_KEYS).
 */
export type ReviewLevelNumber = 1 | 2 | 3;
export interface ReviewLevel {
  level: ReviewLevelNumber;
  titleZh: string;
  candidateRoles: RoleRef[];
}

export const REVIEW_LEVELS: readonly ReviewLevel[] = [
  { level: 1, titleZh: '部门负责人审核', candidateRoles: ['dept_head@product'] },
  { level: 2, titleZh: '分管领导审核', candidateRoles: ['division_leader'] },
  { level: 3, titleZh: '评审委员会审核', candidateRoles: ['review_committee'] },
];

/** Levels 1..n in order (0 = no review). */
export function reviewLevelsUpTo(n: number): ReviewLevel[] {
  return REVIEW_LEVELS.slice(0, Math.max(0, Math.min(3, n)));
}

/**
 * The configurable amounts (yuan). 001 §60(一) sends reports of "especially large amounts" to the
 * committee; §44(四)(3) sends contracts of "larger amounts" to the company head. The seeds give no
 * figures: both default to 1,000,000 yuan.
 */
export interface ReportThresholds {
  /** At or above: three review levels (INVESTIGATION_COMMITTEE_THRESHOLD). */
  committeeReviewFromYuan: number;
  /** At or above: the center head approves the contract too (CONTRACT_CENTER_HEAD_THRESHOLD). */
  centerHeadContractFromYuan: number;
}

export const DEFAULT_COMMITTEE_REVIEW_FROM_YUAN = 1_000_000;

export interface ReportTypePolicy {
  titleZh: string;
  /** 001 §60(一): standard one level, deep and custom two. */
  reviewLevel: ReviewLevelNumber;
  /** 001 §44(四)(3): deep and custom report contracts go to the company head. */
  centerHeadSignsContract: boolean;
}

export const REPORT_TYPE_POLICY: Record<ReportType, ReportTypePolicy> = {
  standard: { titleZh: '标准信用报告', reviewLevel: 1, centerHeadSignsContract: false },
  deep: { titleZh: '深度信用报告', reviewLevel: 2, centerHeadSignsContract: true },
  custom: { titleZh: '定制信用报告', reviewLevel: 2, centerHeadSignsContract: true },
};

export interface ValueAddedPolicy {
  titleZh: string;
  /** 001 §68: the plan always passes two levels. */
  planReviewLevel: 2;
  /** 001 §70: none for batch data, three levels for analysis products. */
  productReviewLevel: 0 | 3;
}

export const VALUE_ADDED_POLICY: Record<ValueAddedProductKind, ValueAddedPolicy> = {
  'batch-data': { titleZh: '批量数据类增值服务', planReviewLevel: 2, productReviewLevel: 0 },
  analysis: { titleZh: '分析类增值服务', planReviewLevel: 2, productReviewLevel: 3 },
};

/** 001 §60(一): the report's review level, from its type and the order's amount. */
export function requiredReportReviewLevel(reportType: ReportType, amountYuan: number, thresholds: ReportThresholds): ReviewLevelNumber {
  return amountYuan >= thresholds.committeeReviewFromYuan ? 3 : REPORT_TYPE_POLICY[reportType].reviewLevel;
}

/**
 * 001 §54(二)(3): the dispatcher sets a task's review level "according to the rules": the rule is
 * the floor, a higher level may be chosen, never a lower one.
 */
export function effectiveReviewLevel(required: number, chosen: number | undefined): number {
  return Math.min(3, Math.max(required, chosen ?? required));
}

/** 001 §44(四)(3): who approves a signed contract, in order. */
export function contractApprovers(service: OrderService, reportType: ReportType | undefined, amountYuan: number, thresholds: ReportThresholds): RoleRef[] {
  const centerHead =
    service === 'value-added-service' || (reportType !== undefined && REPORT_TYPE_POLICY[reportType].centerHeadSignsContract) || amountYuan >= thresholds.centerHeadContractFromYuan;
  return centerHead ? ['dept_head@customer_service', 'center_head'] : ['dept_head@customer_service'];
}

/** A project team (001 §52, §63): a project manager and at least one other member, all analysts. */
export interface ProjectTeam {
  projectManager: string;
  members: string[];
}

/** Problems with a team as dispatched, before anyone's roles are looked up. */
export function teamProblems(team: ProjectTeam): string[] {
  const problems: string[] = [];
  const members = team.members.map((m) => m.trim()).filter(Boolean);
  if (members.filter((m) => m !== team.projectManager).length === 0) problems.push('项目组至少需要一名项目成员（项目经理之外）');
  if (members.includes(team.projectManager)) problems.push(`项目经理 ${team.projectManager} 不能同时列为项目成员`);
  if (new Set(members).size !== members.length) problems.push('项目成员重复');
  return problems;
}

/** What the order's start form carries (企业征信业务调查报告申请单, 001 附件14). */
export interface OrderSubject {
  name: string;
  code?: string;
}

export interface OrderApplication {
  clientName: string;
  clientIdType: string;
  clientIdNo: string;
  contactName: string;
  contactPhone: string;
  contactEmail?: string;
  address?: string;
  channel: 'website' | 'outlet' | 'member' | 'marketing';
  purpose: string;
  deliveryMethod: string;
  deliveryAddress?: string;
  language?: 'zh' | 'en';
  urgent?: boolean;
  subjects: OrderSubject[];
  /** Yuan, whole. */
  amount: number;
  note?: string;
  /** 001 §46 (二)(五): the member agreement already includes the product (channel `member`). */
  memberAgreementCovers?: boolean;
}

export interface InvestigationReportInput extends OrderApplication {
  reportType: ReportType;
}

export interface ValueAddedServiceInput extends OrderApplication {
  productKind: ValueAddedProductKind;
  productName: string;
}

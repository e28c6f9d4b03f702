/** Start inputs and form payloads of P8 / P9 (libs/forms/report.forms.ts), for workflow and e2e tests. */
import type { InvestigationReportInput, ReportType, ValueAddedProductKind, ValueAddedServiceInput } from '../../libs/domain/report-policy';
import { uscc } from '../../libs/persistence/demo-data';

const application = {
  clientName: '武汉江城示范银行股份有限公司',
  clientIdType: 'uscc' as const,
  clientIdNo: uscc('91420100MA4K90001'),
  contactName: '李华',
  contactPhone: '027-85550101',
  channel: 'outlet' as const,
  purpose: 'credit' as const,
  deliveryMethod: 'email' as const,
  subjects: [
    { name: '武汉长江示范科技有限公司', code: uscc('91420100MA4K00001') },
    { name: '湖北楚天示范贸易有限公司', code: uscc('91420100MA4K00002') },
  ],
};

export function investigationInput(reportType: ReportType, amount: number, overrides: Partial<InvestigationReportInput> = {}): InvestigationReportInput {
  return { ...application, reportType, amount, ...overrides };
}

export function valueAddedInput(productKind: ValueAddedProductKind, amount: number, overrides: Partial<ValueAddedServiceInput> = {}): ValueAddedServiceInput {
  return { ...application, productKind, productName: productKind === 'analysis' ? '区域产业链信用分析报告' : '批量企业基本信息数据', amount, ...overrides };
}

export const ACCEPTANCE = { applicationComplete: true, documentsVerified: true, applicationNo: 'SQ-2026-001' };
export const CONTRACT = { needConfirmed: true, documentsVerified: true, contractNo: 'HT-2026-001', signedOn: '2026-03-02' };
export const PAYMENT = (amountReceived: number) => ({ amountReceived, paidOn: '2026-03-03', method: 'transfer', paymentRef: 'JF-2026-001' });

export interface TeamSpec {
  projectManager: string;
  members: string[];
  reviewLevel?: number;
  dueInWorkingDays?: number;
}

export function dispatch(teams: TeamSpec[]) {
  return {
    tasks: teams.map((team, i) => ({
      title: `调查任务${i + 1}`,
      targetName: application.subjects[i % 2].name,
      targetCode: application.subjects[i % 2].code,
      ...team,
    })),
  };
}

export const CONFIRM = { plannedFinishOn: '2026-03-31' };
export const PREPARATION = {
  contactPerson: '王经理',
  contactedOn: '2026-03-04',
  reportTemplate: '深度信用报告样本（2026版）',
  documentList: ['营业执照', '近三年财务报表', '主要合同'],
  visitScheduledOn: '2026-03-10',
};
export const FIELD_VISIT = { visitedOn: '2026-03-10', interviewees: '财务总监、生产负责人', findings: '生产经营正常，主要设备开工率约八成。', materialsCollected: ['财务报表'] };
export const DRAFT = (author: string) => ({ author, internalReview: '项目组内部审核通过，数据与调查记录一致。' });
export const UPLOAD = (version: number) => ({ reportNo: 'BG-2026-001', reportName: '企业信用调查报告', fileRef: `files/BG-2026-001-v${version}.pdf`, dataRef: `files/BG-2026-001-data-v${version}.zip`, summary: version > 1 ? `第${version}版：按评审意见修改` : '初稿' });
export const OPINION = (opinion = '同意。') => ({ reviewSituation: '报告结构完整，结论有据。', opinion });
export const PLAN = (version: number) => ({ planNo: 'FA-2026-001', planName: '增值服务方案', fileRef: `files/FA-2026-001-v${version}.pdf`, internalReview: '项目经理内部审核通过' });
export const PRODUCT = (version: number) => ({ productNo: 'CP-2026-001', productName: '增值服务产品', fileRef: `files/CP-2026-001-v${version}.pdf`, resultSummary: '产品已制作完成', records: 1200 });
export const DELIVERY = { deliveryMethod: 'email', deliveredOn: '2026-03-20', recipientName: '李华', recipientPhone: '027-85550101', voucherRef: 'EMAIL-2026-001' };
export const ARCHIVE = { receiptNo: 'DA-2026-101' };

export const REVIEW_STEPS = ['dept-review', 'leader-review', 'committee-review'];
export const PLAN_REVIEW_STEPS = ['plan-dept-review', 'plan-leader-review'];
export const PRODUCT_REVIEW_STEPS = ['product-dept-review', 'product-leader-review', 'product-committee-review'];

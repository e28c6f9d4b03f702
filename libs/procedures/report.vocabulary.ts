/**
 * P8 调查报告 (+ child 调查任务) and P9 增值服务 (+ child 增值服务项目): every step, decision,
 * business status and outcome their workflows produce. A step's zh label is its inbox title
 * unless the workflow writes a dynamic one (the product in `accept`, the task in `confirm`).
 */
import type { ReviewLevelNumber } from '../domain/report-policy';
import { defineVocabulary, mergeVocabularies, SHARED_VOCABULARY, StatusOf, StepOf } from './vocabulary';

export const REPORT_VOCABULARY = mergeVocabularies(
  SHARED_VOCABULARY,
  defineVocabulary({
    steps: {
      // The order (workflows/order-intake.ts, order-procedure.ts), 001 §44–49.
      accept: { zh: '业务受理', en: 'Accept the order' },
      'application-import': { zh: '申请单导入（导入网站导出文件，核对网站受理业务登记表）', en: 'Import the website application (second person)' },
      'member-validation': { zh: '会员协议产品：申请单有效性确认并做缴费标记', en: 'Member-agreement product: validity confirmed, fee marked' },
      'marketing-recheck': { zh: '审核人员再次审核申请单和证明材料', en: "Reviewer's re-audit of the application and documents" },
      'contract-dispatch': { zh: '待签合同分派', en: 'Assign the contract to a marketer' },
      contract: { zh: '签订合同（确认需求、验证证明材料）', en: 'Sign the contract (need confirmed, documents verified)' },
      'contract-approval': { zh: '合同审核（客户服务部负责人）', en: 'Contract approval (customer service head)' },
      'contract-center-approval': { zh: '合同审核（公司负责人）', en: 'Contract approval (company head)' },
      payment: { zh: '收费（缴费标记）', en: 'Payment (mark the fee received)' },
      'task-dispatch': { zh: '任务分派（项目组与评审级别）', en: 'Dispatch tasks (project teams and review levels)' },
      deliver: { zh: '产品交付（产品交付登记表）', en: 'Deliver (delivery register)' },
      // An investigation task (P8, §53–60) or a value-added project (P9, §65–70).
      confirm: { zh: '任务确认', en: 'Confirm the task' },
      prepare: { zh: '调查准备（联系目标企业、资料收集清单）', en: 'Prepare (contact the target, document list)' },
      'field-visit': { zh: '实地调查', en: 'Field visit' },
      draft: { zh: '报告制作与项目组内部审核', en: 'Draft the report (internal team review)' },
      upload: { zh: '上传报告和调查数据（填写报告评审意见书）', en: 'Upload the report and data' },
      'dept-review': { zh: '报告评审：部门负责人审核（第1级）', en: 'Report review: department head (level 1)' },
      'leader-review': { zh: '报告评审：分管领导审核（第2级）', en: 'Report review: division leader (level 2)' },
      'committee-review': { zh: '报告评审：评审委员会审核（第3级）', en: 'Report review: review committee (level 3)' },
      plan: { zh: '方案设计、内部审核并上传（填写方案评审意见书）', en: 'Design the plan, review internally, upload' },
      'plan-dept-review': { zh: '方案评审：部门负责人审核（第1级）', en: 'Plan review: department head (level 1)' },
      'plan-leader-review': { zh: '方案评审：分管领导审核（第2级）', en: 'Plan review: division leader (level 2)' },
      produce: { zh: '制作产品并登记产品结果', en: 'Make the product and register its result' },
      'product-dept-review': { zh: '产品评审：部门负责人审核（第1级）', en: 'Product review: department head (level 1)' },
      'product-leader-review': { zh: '产品评审：分管领导审核（第2级）', en: 'Product review: division leader (level 2)' },
      'product-committee-review': { zh: '产品评审：评审委员会审核（第3级）', en: 'Product review: review committee (level 3)' },
    },
    decisions: {
      accept: { zh: '受理', en: 'Accept' },
      assign: { zh: '分派', en: 'Assign' },
      paid: { zh: '已收款', en: 'Paid' },
      dispatch: { zh: '派发', en: 'Dispatch' },
      delivered: { zh: '已交付', en: 'Delivered' },
      confirmed: { zh: '已确认', en: 'Confirmed' },
      prepared: { zh: '已准备', en: 'Prepared' },
      visited: { zh: '已实地调查', en: 'Visited' },
      reviewed: { zh: '已评审', en: 'Reviewed' },
      uploaded: { zh: '已上传', en: 'Uploaded' },
    },
    statuses: {
      accepting: { zh: '受理中', en: 'Accepting' },
      'not-accepted': { zh: '不予受理', en: 'Not accepted' },
      'application-import': { zh: '申请单导入', en: 'Importing the application' },
      'member-validation': { zh: '会员申请有效性确认', en: 'Member application check' },
      rechecking: { zh: '再次审核申请单', en: 'Re-auditing the application' },
      'contract-dispatch': { zh: '合同分派', en: 'Contract dispatch' },
      contracting: { zh: '签订合同', en: 'Contracting' },
      'contract-approval': { zh: '合同审批', en: 'Contract approval' },
      'contract-rejected': { zh: '合同未通过', en: 'Contract rejected' },
      'awaiting-payment': { zh: '待收款', en: 'Awaiting payment' },
      'task-dispatch': { zh: '任务分派', en: 'Task dispatch' },
      'in-production': { zh: '调查/制作中', en: 'In production' },
      delivering: { zh: '交付中', en: 'Delivering' },
      confirming: { zh: '任务确认中', en: 'Confirming the task' },
      preparing: { zh: '调查准备', en: 'Preparing' },
      investigating: { zh: '调查中', en: 'Investigating' },
      drafting: { zh: '撰写报告', en: 'Drafting' },
      uploading: { zh: '上传报告', en: 'Uploading' },
      'report-review-level-1': { zh: '报告一级审核', en: 'Report review level 1' },
      'report-review-level-2': { zh: '报告二级审核', en: 'Report review level 2' },
      'report-review-level-3': { zh: '报告三级审核', en: 'Report review level 3' },
      planning: { zh: '方案制定', en: 'Planning' },
      'plan-review-level-1': { zh: '方案一级审核', en: 'Plan review level 1' },
      'plan-review-level-2': { zh: '方案二级审核', en: 'Plan review level 2' },
      producing: { zh: '产品制作', en: 'Producing' },
      'product-review-level-1': { zh: '产品一级审核', en: 'Product review level 1' },
      'product-review-level-2': { zh: '产品二级审核', en: 'Product review level 2' },
      'product-review-level-3': { zh: '产品三级审核', en: 'Product review level 3' },
    },
    outcomes: {
      'not-accepted': { zh: '不予受理', en: 'Not accepted' },
      'contract-rejected': { zh: '合同未通过', en: 'Contract rejected' },
      delivered: { zh: '已交付', en: 'Delivered' },
      passed: { zh: '已通过', en: 'Passed' },
    },
  }),
);
export type ReportVocabulary = typeof REPORT_VOCABULARY;

/** What a task submits for review: the report (P8), the plan and the product (P9). */
export type ReviewSubject = 'report' | 'plan' | 'product';

export interface ReviewLevelKeys {
  step: StepOf<ReportVocabulary>;
  status: StatusOf<ReportVocabulary>;
}

/**
 * The step and business status of each review level (libs/domain/report-policy.ts REVIEW_LEVELS),
 * by what is reviewed; a plan passes two levels (001 §68), a report and a product up to three.
 */
export const REVIEW_LEVEL_KEYS: Readonly<Record<ReviewSubject, Partial<Record<ReviewLevelNumber, ReviewLevelKeys>>>> = {
  report: {
    1: { step: 'dept-review', status: 'report-review-level-1' },
    2: { step: 'leader-review', status: 'report-review-level-2' },
    3: { step: 'committee-review', status: 'report-review-level-3' },
  },
  plan: {
    1: { step: 'plan-dept-review', status: 'plan-review-level-1' },
    2: { step: 'plan-leader-review', status: 'plan-review-level-2' },
  },
  product: {
    1: { step: 'product-dept-review', status: 'product-review-level-1' },
    2: { step: 'product-leader-review', status: 'product-review-level-2' },
    3: { step: 'product-committee-review', status: 'product-review-level-3' },
  },
};

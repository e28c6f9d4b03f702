/**
 * P4 产品新增/修改, P4b 产品停用/启用, P4c 指标维护: every step, decision, business status and outcome
 * the three workflows produce (one module, one vocabulary). A step that two of them share
 * (dept-approval, gm-sign, maintenance, …) has a label true for both; each workflow's inbox
 * title says which form it is about.
 */
import { COMMITTEE_VOCABULARY, defineVocabulary, mergeVocabularies, SHARED_VOCABULARY } from './vocabulary';

export const PRODUCT_VOCABULARY = mergeVocabularies(
  mergeVocabularies(SHARED_VOCABULARY, COMMITTEE_VOCABULARY),
  defineVocabulary({
    steps: {
      // P4 产品新增/修改 (001 §26)
      proposal: { zh: '提交征信产品立项书', en: 'Submit the product proposal' },
      'dept-approval': { zh: '产品研发部负责人审批', en: 'Product department head approves' },
      'it-approval': { zh: '信息技术部负责人审批', en: 'IT department head approves' },
      'dev-setup': { zh: '在开发系统中增加产品并填写产品测试方案', en: 'Set the product up in development and write the test plan' },
      'test-run': { zh: '产品测试，填写产品测试报告', en: 'Test run (product test report)' },
      'maintenance-notice': { zh: '填写征信产品维护通知单', en: 'Fill in the product maintenance notice' },
      'gm-sign': { zh: '总经理签发维护通知单', en: 'General manager signs the maintenance notice' },
      maintenance: { zh: '生产环境维护（非营业时间）', en: 'Production maintenance (outside business hours)' },
      // P4b 产品停用/启用 (001 §27) and P4c 指标维护 (001 §30)
      notice: { zh: '提交维护通知单', en: 'Submit the maintenance notice' },
      'gm-approval': { zh: '总经理审批', en: 'General manager approves' },
      test: { zh: '指标维护测试', en: 'Indicator maintenance test' },
    },
    decisions: {
      submit: { zh: '提交', en: 'Submit' },
      done: { zh: '完成', en: 'Done' },
      passed: { zh: '通过', en: 'Passed' },
      failed: { zh: '未通过', en: 'Failed' },
    },
    statuses: {
      proposal: { zh: '立项', en: 'Proposal' },
      proposed: { zh: '立项书已提交', en: 'Proposal submitted' },
      notice: { zh: '填写维护通知单', en: 'Maintenance notice' },
      submitted: { zh: '维护通知单已提交', en: 'Notice submitted' },
      'dept-approval': { zh: '产品部门审批', en: 'Product department approval' },
      'it-approval': { zh: '信息技术部审批', en: 'IT department approval' },
      'gm-approval': { zh: '总经理审批', en: 'General manager approval' },
      'dev-setup': { zh: '开发环境设置', en: 'Development set-up' },
      testing: { zh: '测试中', en: 'Testing' },
      'maintenance-notice': { zh: '维护通知单', en: 'Maintenance notice' },
      'gm-sign': { zh: '总经理签发', en: 'General manager signs' },
      'awaiting-product-maintenance': { zh: '等待相关产品先行修改', en: 'Waiting for the products the indicator feeds' },
      'products-maintained': { zh: '相关产品已修改', en: 'Products maintained' },
      'product-maintenance-refused': { zh: '产品维护未通过', en: 'Product maintenance refused' },
      maintenance: { zh: '系统维护', en: 'Maintenance' },
      maintained: { zh: '已维护', en: 'Maintained' },
      'not-applied': { zh: '未执行（产品状态已变化）', en: 'Not applied (the product changed meanwhile)' },
      rejected: { zh: '已驳回', en: 'Rejected' },
    },
    outcomes: {
      launched: { zh: '已投产', en: 'Launched' },
      modified: { zh: '已修改', en: 'Modified' },
      stopped: { zh: '已停用', en: 'Stopped' },
      enabled: { zh: '已启用', en: 'Enabled' },
      added: { zh: '已新增', en: 'Added' },
      deleted: { zh: '已删除', en: 'Deleted' },
      'not-applied': { zh: '未执行', en: 'Not applied' },
      'product-maintenance-refused': { zh: '产品维护未通过', en: 'Product maintenance refused' },
      rejected: { zh: '已驳回', en: 'Rejected' },
    },
  }),
);
export type ProductVocabulary = typeof PRODUCT_VOCABULARY;

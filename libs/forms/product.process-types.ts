/** P4, P4b, P4c as process types (spread into PROCESS_TYPES): product approval, stop/enable, indicator maintenance. */
import { PRODUCT_TYPE_ZH, ProductType } from '../domain/product-policy';
import { registerNestedForm } from './form-registry';
import { IndicatorItemForm, IndicatorNoticeForm, ProductProposalForm, ProductStatusNoticeForm } from './product.forms';
import type { ProcessTypeDefinition } from './process-types';

registerNestedForm(IndicatorItemForm);

const INDICATOR_VERB: Record<string, string> = { add: '增加', modify: '修改', delete: '删除' };

export const PRODUCT_PROCESS_TYPES: ProcessTypeDefinition[] = [
  {
    type: 'product-approval',
    title: 'Product approval (new or modified product)',
    titleZh: '征信产品新增/修改',
    startRoles: ['product_developer'],
    inputClass: ProductProposalForm,
    workflowType: 'productApprovalWorkflow',
    describe: (input) =>
      `${input.serviceType === 'modify' ? '修改' : '新增'}产品 ${input.productName}（${input.productCode}，${PRODUCT_TYPE_ZH[input.productType as ProductType] ?? input.productType}）`,
  },
  {
    type: 'product-status-change',
    title: 'Product stop or enable',
    titleZh: '征信产品停用/启用',
    startRoles: ['product_developer'],
    inputClass: ProductStatusNoticeForm,
    workflowType: 'productStatusChangeWorkflow',
    describe: (input) => `${input.maintenanceType === 'stop' ? '停用' : '启用'}产品 ${input.productCode}`,
  },
  {
    type: 'indicator-maintenance',
    title: 'Indicator maintenance (add, modify, delete)',
    titleZh: '征信指标维护',
    startRoles: ['product_developer'],
    inputClass: IndicatorNoticeForm,
    workflowType: 'indicatorMaintenanceWorkflow',
    describe: (input) => `${INDICATOR_VERB[String(input.action)] ?? input.action}指标 ${input.indicatorName}（${input.indicatorCode}）`,
  },
];

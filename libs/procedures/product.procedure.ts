/** P4 产品新增/修改, P4b 产品停用/启用, P4c 指标维护 (001 §22–32) as one procedure module. */
import { createProductActivities } from '../../activities/product.activities';
import { indicatorMaintenanceWorkflow } from '../../workflows/indicator-maintenance.workflow';
import { productApprovalWorkflow } from '../../workflows/product-approval.workflow';
import { productStatusChangeWorkflow } from '../../workflows/product-status-change.workflow';
import { type IndicatorAction, PRODUCT_TYPE_ZH } from '../domain/product-policy';
import { PRODUCT_TASK_FORMS, IndicatorItemForm, IndicatorNoticeForm, ProductProposalForm, ProductStatusNoticeForm } from '../forms/product.forms';
import { IndicatorEntity } from '../persistence/entities/indicator.entity';
import { ProductChangeEntity } from '../persistence/entities/product-change.entity';
import { ProductIndicatorEntity } from '../persistence/entities/product-indicator.entity';
import { ProductTestRunEntity } from '../persistence/entities/product-test-run.entity';
import { ProductEntity } from '../persistence/entities/product.entity';
import { ProductCatalogue1795500000000 } from '../persistence/migrations/1795500000000-product-catalogue';
import { seedProductCatalogue } from '../persistence/product-catalogue.seed';
import { defineProcedure, processType } from './procedure';
import { PRODUCT_VOCABULARY } from './product.vocabulary';

const INDICATOR_VERB: Record<IndicatorAction, string> = { add: '增加', modify: '修改', delete: '删除' };

export const productProcedure = defineProcedure({
  key: 'product',
  vocabulary: PRODUCT_VOCABULARY,
  processTypes: [
    processType({
      type: 'product-approval',
      title: { zh: '征信产品新增/修改', en: 'Product approval (new or modified product)' },
      startRoles: ['product_developer'],
      input: ProductProposalForm,
      workflow: productApprovalWorkflow,
      describe: (input) => `${input.serviceType === 'modify' ? '修改' : '新增'}产品 ${input.productName}（${input.productCode}，${PRODUCT_TYPE_ZH[input.productType] ?? input.productType}）`,
    }),
    processType({
      type: 'product-status-change',
      title: { zh: '征信产品停用/启用', en: 'Product stop or enable' },
      startRoles: ['product_developer'],
      input: ProductStatusNoticeForm,
      workflow: productStatusChangeWorkflow,
      describe: (input) => `${input.maintenanceType === 'stop' ? '停用' : '启用'}产品 ${input.productCode}`,
    }),
    processType({
      type: 'indicator-maintenance',
      title: { zh: '征信指标维护', en: 'Indicator maintenance (add, modify, delete)' },
      startRoles: ['product_developer'],
      input: IndicatorNoticeForm,
      workflow: indicatorMaintenanceWorkflow,
      describe: (input) => `${INDICATOR_VERB[input.action] ?? input.action}指标 ${input.indicatorName}（${input.indicatorCode}）`,
    }),
  ],
  workflowSources: ['product-approval.workflow', 'product-status-change.workflow', 'indicator-maintenance.workflow'],
  forms: PRODUCT_TASK_FORMS,
  nestedForms: [IndicatorItemForm],
  entities: [ProductEntity, IndicatorEntity, ProductIndicatorEntity, ProductTestRunEntity, ProductChangeEntity],
  migrations: [ProductCatalogue1795500000000],
  activities: createProductActivities,
  seedDemo: seedProductCatalogue,
});

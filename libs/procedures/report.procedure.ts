/** P8 调查报告 and P9 增值服务 (001 §43–70) as one procedure module: one order front half, review levels by policy. */
import { createReportActivities } from '../../activities/report.activities';
import { investigationReportWorkflow } from '../../workflows/investigation-report.workflow';
import { investigationTaskWorkflow } from '../../workflows/investigation-task.workflow';
import { valueAddedProjectWorkflow, valueAddedServiceWorkflow } from '../../workflows/value-added-service.workflow';
import { REPORT_TYPE_POLICY, VALUE_ADDED_POLICY } from '../domain/report-policy';
import { InvestigationReportStartInput, REPORT_NESTED_FORMS, REPORT_TASK_FORMS, ValueAddedServiceStartInput } from '../forms/report.forms';
import { OrderTaskEntity } from '../persistence/entities/order-task.entity';
import { OrderEntity } from '../persistence/entities/order.entity';
import { ReportReviewOpinionEntity } from '../persistence/entities/report-review-opinion.entity';
import { ReportVersionEntity } from '../persistence/entities/report-version.entity';
import { OrdersAndReports1795700000000 } from '../persistence/migrations/1795700000000-orders-and-reports';
import { defineProcedure, processType } from './procedure';
import { REPORT_VOCABULARY } from './report.vocabulary';

/** Orders are accepted by the outlet's clerks or, in active marketing, by the marketer (001 §43–47). */
const ORDER_START_ROLES = ['service_clerk', 'marketer'] as const;

export const reportProcedure = defineProcedure({
  key: 'report',
  vocabulary: REPORT_VOCABULARY,
  processTypes: [
    processType({
      type: 'investigation-report',
      title: { zh: '调查报告', en: 'Investigation report with three-level review' },
      startRoles: ORDER_START_ROLES,
      input: InvestigationReportStartInput,
      workflow: investigationReportWorkflow,
      describe: (input) => `${input.clientName} · ${REPORT_TYPE_POLICY[input.reportType]?.titleZh ?? input.reportType} · ${input.amount}元`,
    }),
    processType({
      type: 'value-added-service',
      title: { zh: '增值服务', en: 'Value-added service' },
      startRoles: ORDER_START_ROLES,
      input: ValueAddedServiceStartInput,
      workflow: valueAddedServiceWorkflow,
      describe: (input) => `${input.clientName} · ${input.productName}（${VALUE_ADDED_POLICY[input.productKind]?.titleZh ?? input.productKind}）`,
    }),
  ],
  childTypes: [
    { type: 'investigation-task', title: { zh: '调查任务', en: 'Investigation task' }, workflow: investigationTaskWorkflow },
    { type: 'value-added-project', title: { zh: '增值服务项目', en: 'Value-added project' }, workflow: valueAddedProjectWorkflow },
  ],
  workflowSources: ['investigation-report.workflow', 'investigation-task.workflow', 'value-added-service.workflow'],
  forms: REPORT_TASK_FORMS,
  nestedForms: REPORT_NESTED_FORMS,
  entities: [OrderEntity, OrderTaskEntity, ReportVersionEntity, ReportReviewOpinionEntity],
  migrations: [OrdersAndReports1795700000000],
  activities: createReportActivities,
});

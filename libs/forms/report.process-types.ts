/** P8 investigation report and P9 value-added service as startable process types. */
import { REPORT_TYPE_POLICY, ReportType, VALUE_ADDED_POLICY, ValueAddedProductKind } from '../domain/report-policy';
import { registerNestedForm } from './form-registry';
import type { ProcessTypeDefinition } from './process-types';
import { InvestigationReportStartInput, REPORT_NESTED_FORMS, ValueAddedServiceStartInput } from './report.forms';

REPORT_NESTED_FORMS.forEach(registerNestedForm);

/** Orders are accepted by the outlet's clerks or, in active marketing, by the marketer (001 §43–47). */
const ORDER_START_ROLES = ['service_clerk', 'marketer'];

export const REPORT_PROCESS_TYPES: ProcessTypeDefinition[] = [
  {
    type: 'investigation-report',
    title: 'Investigation report with three-level review',
    titleZh: '调查报告',
    startRoles: ORDER_START_ROLES,
    inputClass: InvestigationReportStartInput,
    workflowType: 'investigationReportWorkflow',
    describe: (input) => `${input.clientName} · ${REPORT_TYPE_POLICY[input.reportType as ReportType]?.titleZh ?? input.reportType} · ${input.amount}元`,
  },
  {
    type: 'value-added-service',
    title: 'Value-added service',
    titleZh: '增值服务',
    startRoles: ORDER_START_ROLES,
    inputClass: ValueAddedServiceStartInput,
    workflowType: 'valueAddedServiceWorkflow',
    describe: (input) => `${input.clientName} · ${input.productName}（${VALUE_ADDED_POLICY[input.productKind as ValueAddedProductKind]?.titleZh ?? input.productKind}）`,
  },
];

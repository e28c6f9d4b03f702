/** Every workflow type the worker registers; the function names are the workflow type names. */
export { objectionWorkflow } from './objection.workflow';
// P4, P4b, P4c: product and indicator procedures
export { productApprovalWorkflow } from './product-approval.workflow';
export { productStatusChangeWorkflow } from './product-status-change.workflow';
export { indicatorMaintenanceWorkflow } from './indicator-maintenance.workflow';
// P5, P6: data collection, import and load
export { dataCollectionWorkflow } from './data-collection.workflow';
export { dataImportWorkflow } from './data-import.workflow';
// P8, P9: investigation report and value-added service
export { investigationReportWorkflow } from './investigation-report.workflow';
export { investigationTaskWorkflow } from './investigation-task.workflow';
export { valueAddedProjectWorkflow, valueAddedServiceWorkflow } from './value-added-service.workflow';

/** Every workflow type the worker registers; the function names are the workflow type names. */
export { objectionWorkflow } from './objection.workflow';
// P4, P4b, P4c: product and indicator procedures
// P5, P6: data collection, import and load
// P8, P9: investigation report and value-added service

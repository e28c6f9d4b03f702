/** Every workflow type the worker registers; the function names are the workflow type names. */
export { objectionWorkflow } from './objection.workflow';

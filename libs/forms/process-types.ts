/**
 * The procedures the platform runs: who may start them, with what input, as which workflow.
 * Adding a procedure = a workflow file, its forms, and one entry here.
 */
import { OBJECTION_POLICIES, OBJECTION_POLICY, ObjectionPolicyKey } from '../domain/objection-policy';
import type { RoleRef } from '../domain/roles';
import { DATA_PROCESS_TYPES } from './data.process-types';
import { FieldError, jsonSchemaOf, registerNestedForm, SchemaObject } from './form-registry';
import { EvidenceItem, ObjectionStartInput } from './objection.forms';
import { PRODUCT_PROCESS_TYPES } from './product.process-types';
import { REPORT_PROCESS_TYPES } from './report.process-types';

registerNestedForm(EvidenceItem);

export interface ProcessTypeDefinition {
  type: string;
  title: string;
  titleZh: string;
  policies?: readonly string[];
  startRoles: RoleRef[];
  inputClass: new () => object;
  workflowType: string;
  /** A one-line case title for lists. */
  describe(input: Record<string, unknown>): string;
  /** Rules across fields or with the policy, after the class-validator check. */
  crossCheck?(policy: string | undefined, input: Record<string, unknown>): FieldError[];
}

export const PROCESS_TYPES: ProcessTypeDefinition[] = [
  {
    type: 'objection',
    title: 'Objection handling',
    titleZh: '异议处理',
    policies: OBJECTION_POLICIES,
    startRoles: ['service_clerk'],
    inputClass: ObjectionStartInput,
    workflowType: 'objectionWorkflow',
    describe: (input) => `${input.subjectName} · ${input.itemName}`,
    crossCheck: (policy, input) =>
      OBJECTION_POLICY[policy as ObjectionPolicyKey]?.requiresReason && !input.reason
        ? [{ field: 'input.reason', message: 'reason is required for the zhejiang policy (fact, text, expired, dishonesty-list)' }]
        : [],
  },
  // P4, P4b, P4c: ...PRODUCT_PROCESS_TYPES
  ...PRODUCT_PROCESS_TYPES,
  // P5, P6: ...DATA_PROCESS_TYPES
  ...DATA_PROCESS_TYPES,
  // P8, P9: ...REPORT_PROCESS_TYPES
  ...REPORT_PROCESS_TYPES,
];

export function processTypeOf(type: string): ProcessTypeDefinition | undefined {
  return PROCESS_TYPES.find((definition) => definition.type === type);
}

export function inputSchemaOf(definition: ProcessTypeDefinition): SchemaObject {
  return jsonSchemaOf(definition.inputClass);
}

/**
 * Every registry, derived from the one list of procedure modules (./index.ts): process types,
 * task forms, labels, TypeORM entities and migrations, activities, the worker's workflow entry.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'fs';
import * as path from 'path';
import { ArchiveReceiptForm } from '../forms/common.forms';
import { FieldError, FormClass, jsonSchemaOf, registerNestedForm, SchemaObject, validatePayload } from '../forms/form-registry';
import { PROJECT_ROOT } from '../project-root';
import { PROCEDURES } from './index';
import type { ChildTypeDeclaration, EntityClass, ProcedureModule, ProcessTypeDeclaration } from './procedure';
import type { LabelMap, Vocabulary } from './vocabulary';

type Module = (typeof PROCEDURES)[number];
type UnionToIntersection<U> = (U extends unknown ? (k: U) => void : never) extends (k: infer I) => void ? I : never;

// ---------------------------------------------------------------- forms

/** Forms every procedure uses (the primitives of workflows/case-run.ts). */
const SHARED_FORMS = { 'archive-receipt': ArchiveReceiptForm } as const;

export type TaskFormClasses = typeof SHARED_FORMS & UnionToIntersection<Module['forms']>;
export type TaskFormKey = keyof TaskFormClasses & string;
/** The payload a step's form carries, as the workflow receives it after validation. */
export type TaskFormData<K extends TaskFormKey> = InstanceType<TaskFormClasses[K]>;

export const TASK_FORMS: Readonly<Record<string, FormClass>> = Object.assign({}, SHARED_FORMS, ...PROCEDURES.map((m) => m.forms));
const FORM_RULES = Object.assign({}, ...PROCEDURES.map((m: ProcedureModule) => m.formRules ?? {})) as NonNullable<ProcedureModule['formRules']>;
PROCEDURES.forEach((m: ProcedureModule) => m.nestedForms?.forEach(registerNestedForm));

/** A task without a form accepts an empty payload only; abandoning needs a reason, not a form. */
export async function validateTaskForm(formKey: string | null, data: unknown, decision?: string): Promise<FieldError[]> {
  if (decision === 'abandon') return [];
  if (!formKey) {
    const empty = data === undefined || (typeof data === 'object' && data !== null && Object.keys(data).length === 0);
    return empty ? [] : [{ field: 'data', message: 'this step takes no form data' }];
  }
  const formClass = TASK_FORMS[formKey];
  if (!formClass) return [{ field: 'data', message: `unknown form ${formKey}` }];
  const errors = await validatePayload(formClass, data ?? {}, 'data');
  if (errors.length || decision === undefined) return errors;
  return FORM_RULES[formKey]?.(decision, data as Record<string, unknown>) ?? [];
}

export function taskFormSchema(formKey: string | null): SchemaObject {
  return formKey && TASK_FORMS[formKey] ? jsonSchemaOf(TASK_FORMS[formKey]) : { type: 'object', properties: {}, additionalProperties: false };
}

// ---------------------------------------------------------------- process types and labels

export interface ProcessTypeEntry {
  type: string;
  declaration?: ProcessTypeDeclaration;
  child?: ChildTypeDeclaration;
  module: ProcedureModule;
  workflowType: string;
}

const ENTRIES: ProcessTypeEntry[] = PROCEDURES.flatMap((module: ProcedureModule) => [
  ...module.processTypes.map((declaration) => ({ type: declaration.type, declaration, module, workflowType: declaration.workflow.name })),
  ...(module.childTypes ?? []).map((child) => ({ type: child.type, child, module, workflowType: child.workflow.name })),
]);

/** The types a person starts (API.md `GET /api/process-types`), in the order of the list. */
export const PROCESS_TYPES: ProcessTypeDeclaration[] = ENTRIES.flatMap((e) => (e.declaration ? [e.declaration] : []));

export function processTypeOf(type: string): ProcessTypeDeclaration | undefined {
  return PROCESS_TYPES.find((definition) => definition.type === type);
}

export function processEntryOf(type: string): ProcessTypeEntry | undefined {
  return ENTRIES.find((entry) => entry.type === type);
}

/** Every type, startable or child-only (for labels of any case). */
export const ALL_PROCESS_TYPES: readonly ProcessTypeEntry[] = ENTRIES;

export function inputSchemaOf(definition: ProcessTypeDeclaration): SchemaObject {
  return jsonSchemaOf(definition.input);
}

export interface ProcessLabels {
  steps: LabelMap;
  statuses: LabelMap;
  outcomes: LabelMap;
  decisions: LabelMap;
}

/** API.md 1.1: every key a type's procedure can produce, with its zh and en label. */
export function labelsOf(type: string): ProcessLabels | undefined {
  const vocabulary: Vocabulary | undefined = processEntryOf(type)?.module.vocabulary;
  return vocabulary && { steps: vocabulary.steps, statuses: vocabulary.statuses, outcomes: vocabulary.outcomes, decisions: vocabulary.decisions };
}

// ---------------------------------------------------------------- persistence

export const PROCEDURE_ENTITIES: EntityClass[] = PROCEDURES.flatMap((m: ProcedureModule) => [...(m.entities ?? [])]);
export const PROCEDURE_MIGRATIONS: EntityClass[] = PROCEDURES.flatMap((m: ProcedureModule) => [...(m.migrations ?? [])]);

export const PROCEDURE_SEEDS = PROCEDURES.flatMap((m: ProcedureModule) => (m.seedDemo ? [m.seedDemo.bind(m)] : []));

// ---------------------------------------------------------------- worker

type ModuleActivities = UnionToIntersection<ReturnType<NonNullable<Module['activities']>>>;
export type ProcedureActivities = ModuleActivities;

export function createProcedureActivities(deps: Parameters<NonNullable<ProcedureModule['activities']>>[0]): ProcedureActivities {
  return Object.assign({}, ...PROCEDURES.map((m: ProcedureModule) => m.activities?.(deps) ?? {}));
}

/**
 * The worker bundles one entry file that re-exports every module's workflow files. It is
 * written from the list (not kept by hand), next to the workflows it names, so webpack resolves
 * them from sources under jest and from dist/ when compiled.
 */
export function workflowEntryPath(): string {
  const workflowsDir = path.resolve(__dirname, '../../workflows');
  const sources = [...new Set(PROCEDURES.flatMap((m: ProcedureModule) => m.workflowSources))];
  const content = `// Written by libs/procedures/registry.ts from the list of procedure modules; do not edit.\n${sources
    .map((source) => `export * from ${JSON.stringify(path.join(workflowsDir, source))};`)
    .join('\n')}\n`;
  const dir = path.join(PROJECT_ROOT, 'dist', 'workflow-entry');
  const file = path.join(dir, `${path.basename(path.dirname(workflowsDir)) === 'dist' ? 'compiled' : 'sources'}.js`);
  mkdirSync(dir, { recursive: true });
  let current = '';
  try {
    current = readFileSync(file, 'utf8');
  } catch {
    // not written yet
  }
  if (current !== content) writeFileSync(file, content);
  return file;
}

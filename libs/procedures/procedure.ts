/**
 * What a procedure module declares (ARCHITECTURE.md mechanism 8). Every registry — the worker's
 * workflows and activities, /api/process-types, the form registry, the TypeORM entities and
 * migrations, the labels — is derived from the one list in ./index.ts.
 */
import type { DataSource } from 'typeorm';
import type { ProcessResult, ProcessStart } from '../contracts/workflow-contract';
import type { RoleRef } from '../domain/roles';
import type { FieldError, FormClass } from '../forms/form-registry';
import type { Label, Vocabulary } from './vocabulary';

/** The dependencies every activity factory is built over (STYLE.md: createActivities(deps)). */
/** A TypeORM entity or migration class. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type EntityClass = new (...args: any[]) => object;

export interface ActivityDeps {
  dataSource: DataSource;
  calendar: import('../calendar/working-day-calendar').WorkingDayCalendar;
}

export interface ProcessTypeDeclaration<I extends object = object> {
  type: string;
  title: Label;
  policies?: readonly string[];
  /** Who may start it; empty for a type that only runs as a child case. */
  startRoles: readonly RoleRef[];
  input: new () => I;
  workflow: (start: ProcessStart<I>) => Promise<ProcessResult>;
  /** A one-line case title for lists. */
  describe(input: I): string;
  /** Rules across fields or with the policy, after the class-validator check. */
  crossCheck?(policy: string | undefined, input: I): FieldError[];
}

/** A type that runs only as another case's child: it has no start form and no start roles. */
export interface ChildTypeDeclaration {
  type: string;
  title: Label;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  workflow: (start: ProcessStart<any>) => Promise<ProcessResult>;
}

export interface ProcedureModule {
  /** e.g. `objection`; names the module in messages and in the README. */
  key: string;
  vocabulary: Vocabulary;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  processTypes: readonly ProcessTypeDeclaration<any>[];
  childTypes?: readonly ChildTypeDeclaration[];
  /** Workflow files under workflows/ (without extension) that the worker bundles. */
  workflowSources: readonly string[];
  /** The task forms by key; the key is what a step's `form` names. */
  forms: Readonly<Record<string, FormClass>>;
  /** Rules that tie a form to the decision taken with it, after the form's own validation. */
  formRules?: Readonly<Record<string, (decision: string, data: Record<string, unknown>) => FieldError[]>>;
  /** Classes nested in its forms (arrays of rows), found by name when the JSON Schema is inlined. */
  nestedForms?: readonly FormClass[];
  entities?: readonly EntityClass[];
  migrations?: readonly EntityClass[];
  activities?: (deps: ActivityDeps) => object;
  /** Sample data for the demo setup (idempotent). */
  seedDemo?(dataSource: DataSource): Promise<void>;
}

/** Keeps the literal types of a module (its forms and activities) for the derived registries. */
export function defineProcedure<const M extends ProcedureModule>(module: M): M {
  return module;
}

export function processType<I extends object>(declaration: ProcessTypeDeclaration<I>): ProcessTypeDeclaration<I> {
  return declaration;
}

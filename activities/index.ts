/**
 * Every side effect a workflow may cause, built over its dependencies (STYLE.md: createActivities(deps)):
 * the primitives' own (task projection, case record, calendar) and each procedure module's.
 * Workflows import only the type `Activities`.
 */
import type { ActivityDeps } from '../libs/procedures/procedure';
import { createProcedureActivities } from '../libs/procedures/registry';
import { createCaseActivities } from './case.activities';
import { createTaskActivities } from './task.activities';

export type { ActivityDeps };

export function createActivities(deps: ActivityDeps) {
  return {
    ...createTaskActivities(deps),
    ...createCaseActivities(deps),
    ...createProcedureActivities(deps),
  };
}

export type Activities = ReturnType<typeof createActivities>;

/**
 * Every side effect a workflow may cause, built over its dependencies (STYLE.md: createActivities(deps)).
 * Workflows import only the type `Activities`.
 */
import type { DataSource } from 'typeorm';
import type { WorkingDayCalendar } from '../libs/calendar/working-day-calendar';
import { createCaseActivities } from './case.activities';
import { createCreditActivities } from './credit.activities';
import { createDataActivities } from './data.activities';
import { createProductActivities } from './product.activities';
import { createReportActivities } from './report.activities';
import { createTaskActivities } from './task.activities';

export interface ActivityDeps {
  dataSource: DataSource;
  calendar: WorkingDayCalendar;
}

export function createActivities(deps: ActivityDeps) {
  return {
    ...createTaskActivities(deps),
    ...createCaseActivities(deps),
    ...createCreditActivities(deps),
    // P4, P4b, P4c: product and indicator catalogues
    ...createProductActivities(deps),
    // P5, P6: data files
    ...createDataActivities(deps),
    // P8, P9: orders and reports
    ...createReportActivities(deps),
  };
}

export type Activities = ReturnType<typeof createActivities>;

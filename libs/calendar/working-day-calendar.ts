import { CHINA_CALENDAR, CalendarYear } from './china-calendar-data';

const DAY_MS = 24 * 60 * 60 * 1000;
/** China Standard Time has no daylight saving: a fixed +08:00 offset. */
const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;

/** How long a step may take: working days (工作日) or calendar days. */
export type Clock = { workingDays: number } | { days: number };

/** Business hours on working days, China time, e.g. { opens: '09:00', closes: '17:30' }. */
export interface BusinessHours {
  opens: string;
  closes: string;
}

/** From the MAINTENANCE_WINDOW setting: the business hours it lies outside of ("09:00-17:30"). */
export function parseBusinessHours(setting = '09:00-17:30'): BusinessHours {
  const match = /^(\d{2}:\d{2})-(\d{2}:\d{2})$/.exec(setting.trim());
  if (!match) throw new Error(`MAINTENANCE_WINDOW must look like 09:00-17:30 (the business hours), got ${setting}`);
  return { opens: match[1], closes: match[2] };
}

export interface DueTime {
  dueAt: string;
  /** True when the count crossed a year the calendar has no official notice for (Monday–Friday assumed). */
  provisional: boolean;
}

/** The China calendar date (YYYY-MM-DD) of an instant. */
export function chinaDateOf(instant: Date): string {
  return new Date(instant.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** Midnight at the start of a China calendar date, as an instant. */
function chinaMidnight(date: string): Date {
  return new Date(Date.parse(`${date}T00:00:00+08:00`));
}

function nextDate(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
}

export class WorkingDayCalendar {
  private readonly holidays = new Set<string>();
  private readonly adjustedWorkdays = new Set<string>();

  constructor(private readonly years: Record<number, CalendarYear> = CHINA_CALENDAR) {
    for (const year of Object.values(years)) {
      for (const range of year.holidays) {
        for (let d = range.from; d <= range.to; d = nextDate(d)) this.holidays.add(d);
      }
      year.adjustedWorkdays.forEach((d) => this.adjustedWorkdays.add(d));
    }
  }

  hasOfficialYear(year: number): boolean {
    return year in this.years;
  }

  isWorkingDay(date: string): boolean {
    if (this.holidays.has(date)) return false;
    if (this.adjustedWorkdays.has(date)) return true;
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    return weekday >= 1 && weekday <= 5;
  }

  /**
   * "Within N working days" of an instant: the end of the N-th working day after the
   * instant's own day (so a case received at any hour of a day gets the same due time).
   */
  addWorkingDays(from: Date, workingDays: number): DueTime {
    let date = chinaDateOf(from);
    let provisional = false;
    for (let counted = 0; counted < workingDays; ) {
      date = nextDate(date);
      if (!this.hasOfficialYear(Number(date.slice(0, 4)))) provisional = true;
      if (this.isWorkingDay(date)) counted++;
    }
    return { dueAt: chinaMidnight(nextDate(date)).toISOString(), provisional };
  }

  /** A time of day on the N-th working day after the instant's own day (e.g. "notify on the 2nd working day"). */
  nthWorkingDayAt(from: Date, n: number, time: string): DueTime {
    const end = this.addWorkingDays(from, n);
    const day = chinaDateOf(new Date(Date.parse(end.dueAt) - DAY_MS));
    return { dueAt: new Date(Date.parse(`${day}T${time}:00+08:00`)).toISOString(), provisional: end.provisional };
  }

  /**
   * Production changes happen outside business hours (非营业时间): the instant itself when it is
   * already outside them (or on a day off), else the end of today's business hours.
   */
  nextMaintenanceWindow(from: Date, hours: BusinessHours): Date {
    const date = chinaDateOf(from);
    if (!this.isWorkingDay(date)) return from;
    const opens = Date.parse(`${date}T${hours.opens}:00+08:00`);
    const closes = Date.parse(`${date}T${hours.closes}:00+08:00`);
    return from.getTime() < opens || from.getTime() >= closes ? from : new Date(closes);
  }

  due(from: Date, clock: Clock): DueTime {
    if ('workingDays' in clock) return this.addWorkingDays(from, clock.workingDays);
    return { dueAt: new Date(from.getTime() + clock.days * DAY_MS).toISOString(), provisional: false };
  }
}

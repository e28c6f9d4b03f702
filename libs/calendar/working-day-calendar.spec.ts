import { isHoliday, isWorkday } from 'chinese-days';
import { CHINA_CALENDAR } from './china-calendar-data';
import { chinaDateOf, parseBusinessHours, WorkingDayCalendar } from './working-day-calendar';

const calendar = new WorkingDayCalendar();

function* datesOf(year: number): Generator<string> {
  for (let t = Date.UTC(year, 0, 1); new Date(t).getUTCFullYear() === year; t += 24 * 3600 * 1000) {
    yield new Date(t).toISOString().slice(0, 10);
  }
}

describe('working-day calendar', () => {
  it.each(Object.keys(CHINA_CALENDAR).map(Number))('agrees with the chinese-days package on every date of %i', (year) => {
    const disagreements = [...datesOf(year)].filter((date) => calendar.isWorkingDay(date) !== isWorkday(date));
    expect(disagreements).toEqual([]);
    // And every holiday of the table is a holiday there.
    const holidays = CHINA_CALENDAR[year].holidays.flatMap((h) => [...datesOf(year)].filter((d) => d >= h.from && d <= h.to));
    expect(holidays.filter((d) => !isHoliday(d))).toEqual([]);
  });

  it('cites the State Council notice for every year', () => {
    for (const [year, data] of Object.entries(CHINA_CALENDAR)) expect(data.notice).toContain(`${year}年部分节假日安排的通知`);
  });

  it('counts working days across a holiday and an adjusted working Saturday (调休)', () => {
    // Tue 2025-09-30 + 2 working days: 1–8 October off, Thu 9 and Fri 10 October count.
    expect(calendar.addWorkingDays(new Date('2025-09-30T10:00:00+08:00'), 2)).toEqual({ dueAt: new Date('2025-10-11T00:00:00+08:00').toISOString(), provisional: false });
    // Fri 2025-10-10 + 1: Saturday 11 October is a working day.
    expect(calendar.addWorkingDays(new Date('2025-10-10T15:00:00+08:00'), 1).dueAt).toBe(new Date('2025-10-12T00:00:00+08:00').toISOString());
  });

  it('uses the China date of the instant, not the UTC date', () => {
    // 23:30 UTC on Sunday is already Monday 07:30 in Beijing.
    expect(chinaDateOf(new Date('2026-03-01T23:30:00Z'))).toBe('2026-03-02');
    expect(calendar.addWorkingDays(new Date('2026-03-01T23:30:00Z'), 1).dueAt).toBe(new Date('2026-03-04T00:00:00+08:00').toISOString());
  });

  it('falls back to Monday–Friday for a year without a notice, and says the due time is provisional', () => {
    const due = calendar.addWorkingDays(new Date('2026-12-30T10:00:00+08:00'), 3);
    // Thu 31 Dec, then Fri 1 and Mon 4 January 2027 (no 2027 notice in the table: New Year is not known).
    expect(due).toEqual({ dueAt: new Date('2027-01-05T00:00:00+08:00').toISOString(), provisional: true });
    expect(calendar.addWorkingDays(new Date('2026-12-21T10:00:00+08:00'), 3).provisional).toBe(false);
  });

  it('adds calendar days exactly', () => {
    expect(calendar.due(new Date('2026-03-02T09:30:00+08:00'), { days: 20 })).toEqual({ dueAt: new Date('2026-03-22T09:30:00+08:00').toISOString(), provisional: false });
  });

  it('takes a new year as data, without a code change', () => {
    const withNextYear = new WorkingDayCalendar({ ...CHINA_CALENDAR, 2027: { notice: 'test', holidays: [{ name: '元旦', from: '2027-01-01', to: '2027-01-01' }], adjustedWorkdays: [] } });
    expect(withNextYear.addWorkingDays(new Date('2026-12-30T10:00:00+08:00'), 3)).toEqual({ dueAt: new Date('2027-01-06T00:00:00+08:00').toISOString(), provisional: false });
  });

  it('opens the maintenance window outside business hours and on days off', () => {
    const hours = parseBusinessHours('09:00-17:30');
    // Tuesday 10:00 → 17:30 the same day; Tuesday 18:00 and 08:00 → at once.
    expect(calendar.nextMaintenanceWindow(new Date('2026-03-03T10:00:00+08:00'), hours).toISOString()).toBe(new Date('2026-03-03T17:30:00+08:00').toISOString());
    expect(calendar.nextMaintenanceWindow(new Date('2026-03-03T18:00:00+08:00'), hours).toISOString()).toBe(new Date('2026-03-03T18:00:00+08:00').toISOString());
    expect(calendar.nextMaintenanceWindow(new Date('2026-03-03T08:00:00+08:00'), hours).toISOString()).toBe(new Date('2026-03-03T08:00:00+08:00').toISOString());
    // National Day is a day off: at once. The adjusted working Saturday 10 October 2026 is not.
    expect(calendar.nextMaintenanceWindow(new Date('2026-10-02T11:00:00+08:00'), hours).toISOString()).toBe(new Date('2026-10-02T11:00:00+08:00').toISOString());
    expect(calendar.nextMaintenanceWindow(new Date('2026-10-10T11:00:00+08:00'), hours).toISOString()).toBe(new Date('2026-10-10T17:30:00+08:00').toISOString());
    expect(() => parseBusinessHours('nine to five')).toThrow(/MAINTENANCE_WINDOW/);
  });

  it('finds a time of day on the N-th working day', () => {
    // Maintenance on Wed 30 Sep 2026; 1–7 October off; 2nd working day is Fri 9 October (Sat 10 Oct is adjusted).
    expect(calendar.nthWorkingDayAt(new Date('2026-09-30T20:00:00+08:00'), 2, '09:00').dueAt).toBe(new Date('2026-10-09T09:00:00+08:00').toISOString());
  });
});

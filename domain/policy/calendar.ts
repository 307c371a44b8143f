import { DurationSpec, parseIsoDuration } from './duration';

const DAY_MS = 86_400_000;

/**
 * The official working-day calendar: weekends are rest days except make-up working days
 * (调休), and public holidays are rest days. Dates are local dates in the policy's time zone,
 * which has no daylight saving (China), so a fixed offset is exact.
 */
export interface WorkingCalendar {
  utcOffsetMinutes: number;
  holidays: string[];
  makeupWorkdays: string[];
  /**
   * The last local date the official calendar is published for; after it only weekends rest.
   * Absent from the calendars cases carried before the calendar file: those are never flagged.
   */
  coversThrough?: string;
}

export function localDate(ms: number, calendar: WorkingCalendar): string {
  return new Date(ms + calendar.utcOffsetMinutes * 60_000).toISOString().slice(0, 10);
}

export function isWorkingDay(ms: number, calendar: WorkingCalendar): boolean {
  const date = localDate(ms, calendar);
  if (calendar.makeupWorkdays.includes(date)) return true;
  if (calendar.holidays.includes(date)) return false;
  const weekday = new Date(ms + calendar.utcOffsetMinutes * 60_000).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/** The same local time of day on the n-th working day after `from`. */
export function addWorkingDays(from: number, count: number, calendar: WorkingCalendar): number {
  let at = from;
  let remaining = count;
  while (remaining > 0) {
    at += DAY_MS;
    if (isWorkingDay(at, calendar)) remaining -= 1;
  }
  return at;
}

/** Whether working days counted up to `due` ran past the published calendar, on weekends only. */
export function countedPastCoverage(spec: DurationSpec, due: number, calendar: WorkingCalendar): boolean {
  return (
    typeof spec !== 'string' &&
    calendar.coversThrough !== undefined &&
    localDate(due, calendar) > calendar.coversThrough
  );
}

function addCalendarMonths(from: number, months: number, calendar: WorkingCalendar): number {
  if (months === 0) return from;
  const shifted = new Date(from + calendar.utcOffsetMinutes * 60_000);
  const day = shifted.getUTCDate();
  shifted.setUTCDate(1);
  shifted.setUTCMonth(shifted.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(shifted.getUTCFullYear(), shifted.getUTCMonth() + 1, 0)).getUTCDate();
  shifted.setUTCDate(Math.min(day, lastDay));
  return shifted.getTime() - calendar.utcOffsetMinutes * 60_000;
}

/** The moment a duration that starts at `from` ends. */
export function addDuration(from: number, spec: DurationSpec, calendar: WorkingCalendar): number {
  if (typeof spec !== 'string') return addWorkingDays(from, spec.workingDays, calendar);
  const d = parseIsoDuration(spec);
  const afterMonths = addCalendarMonths(from, d.years * 12 + d.months, calendar);
  return afterMonths + (((d.weeks * 7 + d.days) * 24 + d.hours) * 60 + d.minutes) * 60_000 + d.seconds * 1000;
}

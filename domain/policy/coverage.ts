import { localDate, WorkingCalendar } from './calendar';

/** How far ahead the official calendar must be known: the longest working-day deadlines and their escalations fit. */
export const coverageHorizonDays = 60;

export interface CoverageGap {
  coversThrough: string;
  horizonDays: number;
  /** The last local date of the horizon, which the calendar does not reach. */
  neededThrough: string;
}

/**
 * Whether the published calendar falls short of the next `horizonDays` days. A calendar that does
 * not say how far it reaches (one carried by a case filed before the calendar file) has no gap.
 */
export function coverageGap(
  calendar: WorkingCalendar,
  now: number,
  horizonDays = coverageHorizonDays,
): CoverageGap | undefined {
  if (calendar.coversThrough === undefined) return undefined;
  const neededThrough = localDate(now + horizonDays * 86_400_000, calendar);
  return neededThrough > calendar.coversThrough
    ? { coversThrough: calendar.coversThrough, horizonDays, neededThrough }
    : undefined;
}

export function describeGap(gap: CoverageGap): string {
  return (
    `holiday calendar covers only through ${gap.coversThrough}, not the next ${gap.horizonDays} days ` +
    `(through ${gap.neededThrough}): working-day deadlines past ${gap.coversThrough} count weekends only ` +
    `and are flagged calendarFallback; add the published year (npm run calendar -- add)`
  );
}

import { beijingDay } from '../../activities/db/slices';
import { invalidField } from '../errors';

/** GeoReport v2: a query spans at most 90 days, the most recent 90 when it names none. */
const maxSpanMs = 90 * 24 * 3600_000;

/**
 * The filing times a GET requests reads, as instants (UTC ISO, as requests store them) and as the
 * Beijing days the list walks: a start alone runs 90 days on (no later than now), an end alone
 * 90 days back.
 */
export function requestWindow(startDate: string | undefined, endDate: string | undefined, now: number) {
  const end = endDate
    ? Date.parse(endDate)
    : startDate
      ? Math.min(Date.parse(startDate) + maxSpanMs, Math.max(now, Date.parse(startDate)))
      : now;
  const start = startDate ? Date.parse(startDate) : end - maxSpanMs;
  if (end < start) throw invalidField('query.end_date', 'end_date is before start_date');
  if (end - start > maxSpanMs)
    throw invalidField('query.end_date', 'the range may not span more than 90 days');
  const iso = (ms: number) => new Date(ms).toISOString();
  return { start: iso(start), end: iso(end), fromDay: beijingDay(iso(start)), toDay: beijingDay(iso(end)) };
}

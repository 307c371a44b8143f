import { addDuration } from '../policy/calendar';
import { DurationSpec } from '../policy/duration';
import { Policy } from '../policy/policy';

/** Plan years run from the start date to each anniversary, in the policy's local time. */
export function localMidnight(date: string, policy: Policy): number {
  return Date.parse(`${date}T00:00:00Z`) - policy.calendar.utcOffsetMinutes * 60_000;
}

export function yearStart(startsAt: string, year: number, policy: Policy): number {
  return addDuration(Date.parse(startsAt), `P${year - 1}Y`, policy.calendar);
}

/** The plan year a moment falls in, clamped to the term. */
export function yearOf(startsAt: string, termYears: number, at: number, policy: Policy): number {
  let year = 1;
  while (year < termYears && yearStart(startsAt, year + 1, policy) <= at) year += 1;
  return year;
}

/** How many visits fit in a period at the given rhythm: the visits a year should have. */
export function periodsBetween(from: number, to: number, every: DurationSpec, policy: Policy): number {
  let count = 0;
  for (
    let at = addDuration(from, every, policy.calendar);
    at <= to;
    at = addDuration(at, every, policy.calendar)
  )
    count += 1;
  return count;
}

import { z } from 'zod';

/**
 * A deadline length as users write it in the policy: an ISO-8601 duration in calendar time
 * ("PT2H", "P7D", "P1M") or a count of working days (工作日) on the official calendar.
 */
export const isoDurationPattern =
  /^P(?!$)(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;

export const durationSpecSchema = z.union([
  z.string().regex(isoDurationPattern, 'expected an ISO-8601 duration such as PT2H or P7D'),
  z.object({ workingDays: z.number().int().positive() }).strict(),
]);
export type DurationSpec = z.infer<typeof durationSpecSchema>;

export interface IsoDuration {
  years: number;
  months: number;
  weeks: number;
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
}

export function parseIsoDuration(text: string): IsoDuration {
  const match = isoDurationPattern.exec(text);
  if (!match) throw new RangeError(`not an ISO-8601 duration: ${text}`);
  const [years, months, weeks, days, hours, minutes, seconds] = match
    .slice(1)
    .map((part) => Number(part ?? 0));
  return { years, months, weeks, days, hours, minutes, seconds };
}

export function describeDuration(spec: DurationSpec): string {
  return typeof spec === 'string' ? spec : `${spec.workingDays} working days`;
}

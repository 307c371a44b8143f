import { z } from 'zod';
import { WorkingCalendar } from './calendar';
import { Policy } from './policy';

/**
 * The official holiday calendar as data (CALENDAR_FILE), kept apart from the policy so that a year
 * published in November is added without a code or policy change. Dates are local dates at the offset.
 */
export const calendarFileSchema = z
  .object({
    /** Where each year came from: the package it was seeded from, or the State Council notice typed in. */
    source: z.string().min(1),
    utcOffsetMinutes: z.number().int().min(-720).max(840),
    coversThrough: z.iso.date(),
    holidays: z.array(z.iso.date()),
    makeupWorkdays: z.array(z.iso.date()),
  })
  .strict()
  .superRefine((file, ctx) => {
    for (const field of ['holidays', 'makeupWorkdays'] as const) {
      const late = file[field].find((date) => date > file.coversThrough);
      if (late) ctx.addIssue({ code: 'custom', path: [field], message: `${late} is after coversThrough` });
    }
    const both = file.holidays.find((date) => file.makeupWorkdays.includes(date));
    if (both)
      ctx.addIssue({ code: 'custom', path: ['makeupWorkdays'], message: `${both} is also a holiday` });
  });

export type CalendarFile = z.infer<typeof calendarFileSchema>;

export function parseCalendarFile(raw: unknown): CalendarFile {
  const parsed = calendarFileSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new Error(`calendar: ${issue.path.join('.') || '(root)'} ${issue.message}`);
}

export function workingCalendarOf(file: CalendarFile): WorkingCalendar {
  const { source: _source, ...calendar } = file;
  return calendar;
}

/**
 * The policy new cases are handed: the calendar file replaces the policy's own calendar. Cases
 * already running keep the calendar they were filed with, inside their input.
 */
export function withCalendar(policy: Policy, file: CalendarFile): Policy {
  return { ...policy, calendar: workingCalendarOf(file) };
}

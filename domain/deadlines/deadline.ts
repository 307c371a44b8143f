import { DurationSpec, describeDuration } from '../policy/duration';
import { addDuration, countedPastCoverage, WorkingCalendar } from '../policy/calendar';
import { LadderLevel } from '../policy/policy';

/**
 * A promise with a date: what must be done, by whom, by when, at which rung of the ladder.
 * Requests, plan obligations, plan problems, pairings and pledges all hold deadlines of
 * this one shape, so reminders and escalation are decided in one place.
 */
export interface Deadline {
  id: string;
  purpose: string;
  owner: string;
  level: number;
  startsAt: string;
  dueAt: string;
  /** Why this deadline is what it is, for auditors: the policy rule and its duration. */
  rule: string;
  reminders: { at: string; fraction: number; sent: boolean }[];
  /** Its working days ran past the published holiday calendar and were counted on weekends only. */
  calendarFallback?: true;
}

export interface DeadlineRequest {
  id: string;
  purpose: string;
  owner: string;
  level: number;
  from: number;
  spec: DurationSpec;
  rule: string;
}

export interface DeadlineSettings {
  calendar: WorkingCalendar;
  reminderFractions: number[];
}

/** Absent unless set, so that deadlines of cases filed before the calendar file keep their shape. */
function fallbackFlag(fallback: boolean): Pick<Deadline, 'calendarFallback'> {
  return fallback ? { calendarFallback: true } : {};
}

function fallbackNote(fallback: boolean, calendar: WorkingCalendar): string {
  return fallback ? ` (weekends only after ${calendar.coversThrough}: calendar not yet published)` : '';
}

export function setDeadline(request: DeadlineRequest, settings: DeadlineSettings): Deadline {
  const due = addDuration(request.from, request.spec, settings.calendar);
  const span = due - request.from;
  const fallback = countedPastCoverage(request.spec, due, settings.calendar);
  return {
    id: request.id,
    purpose: request.purpose,
    owner: request.owner,
    level: request.level,
    startsAt: new Date(request.from).toISOString(),
    dueAt: new Date(due).toISOString(),
    rule: `${request.rule}: ${describeDuration(request.spec)}${fallbackNote(fallback, settings.calendar)}`,
    reminders: [...settings.reminderFractions]
      .sort((a, b) => a - b)
      .map((fraction) => ({
        at: new Date(request.from + Math.round(span * fraction)).toISOString(),
        fraction,
        sent: false,
      })),
    ...fallbackFlag(fallback),
  };
}

/** Pushes a deadline out (an approved extension) and re-arms the reminders that now lie ahead. */
export function extendDeadline(
  deadline: Deadline,
  spec: DurationSpec,
  settings: DeadlineSettings,
  rule: string,
): Deadline {
  const start = Date.parse(deadline.startsAt);
  const due = addDuration(Date.parse(deadline.dueAt), spec, settings.calendar);
  const span = due - start;
  const fallback = countedPastCoverage(spec, due, settings.calendar);
  return {
    ...deadline,
    ...fallbackFlag(fallback),
    dueAt: new Date(due).toISOString(),
    rule: `${deadline.rule}; ${rule}: +${describeDuration(spec)}${fallbackNote(fallback, settings.calendar)}`,
    reminders: deadline.reminders.map((reminder) => {
      const at = start + Math.round(span * reminder.fraction);
      return {
        ...reminder,
        at: new Date(at).toISOString(),
        sent: reminder.sent && at <= Date.parse(reminder.at),
      };
    }),
  };
}

export type DeadlineEvent =
  { kind: 'reminder'; deadlineId: string; index: number } | { kind: 'breach'; deadlineId: string };

function eventsOf(deadline: Deadline): { at: number; event: DeadlineEvent }[] {
  const reminders = deadline.reminders.flatMap((reminder, index) =>
    reminder.sent
      ? []
      : [
          {
            at: Date.parse(reminder.at),
            event: { kind: 'reminder' as const, deadlineId: deadline.id, index },
          },
        ],
  );
  return [
    ...reminders,
    { at: Date.parse(deadline.dueAt), event: { kind: 'breach', deadlineId: deadline.id } },
  ];
}

/** The next moment something is due across all of a case's deadlines, or undefined if none. */
export function nextDueAt(deadlines: Deadline[]): number | undefined {
  const moments = deadlines.flatMap(eventsOf).map((entry) => entry.at);
  return moments.length ? Math.min(...moments) : undefined;
}

/** What is due at `now`, oldest first; a reminder whose moment passed with its deadline is dropped. */
export function dueEvents(deadlines: Deadline[], now: number): DeadlineEvent[] {
  return deadlines
    .flatMap(eventsOf)
    .filter((entry) => entry.at <= now)
    .filter(
      (entry) =>
        entry.event.kind === 'breach' ||
        !deadlines.some((d) => d.id === entry.event.deadlineId && Date.parse(d.dueAt) <= now),
    )
    .sort((a, b) => a.at - b.at)
    .map((entry) => entry.event);
}

export function markReminderSent(deadline: Deadline, index: number): Deadline {
  return {
    ...deadline,
    reminders: deadline.reminders.map((r, i) => (i === index ? { ...r, sent: true } : r)),
  };
}

export interface Escalation {
  deadline: Deadline;
  /** The level the case now sits at; the same level when it was already at the top. */
  toLevel: number;
  atTop: boolean;
}

/**
 * On breach the case goes one rung up: the new level's owner gets a fresh deadline of that
 * level's own length. At the top there is nowhere higher: the standing committee keeps it
 * with a fresh deadline and the lapse is publicly notified (通报).
 */
export function escalate(
  deadline: Deadline,
  ladder: LadderLevel[],
  ownerAt: (level: number) => string,
  now: number,
  settings: DeadlineSettings,
): Escalation {
  const top = ladder.length - 1;
  const toLevel = Math.min(deadline.level + 1, top);
  const atTop = deadline.level >= top;
  return {
    toLevel,
    atTop,
    deadline: setDeadline(
      {
        id: deadline.id,
        purpose: deadline.purpose,
        owner: ownerAt(toLevel),
        level: toLevel,
        from: now,
        spec: ladder[toLevel].deadline,
        rule: `${deadline.purpose} escalated to ${ladder[toLevel].id} (ladder deadline)`,
      },
      settings,
    ),
  };
}

import { administratorsInbox, KeyedNotice } from '../common/notifications';
import { Logger } from '../common/log';
import { localDate, WorkingCalendar } from '../domain/policy/calendar';
import { coverageGap, describeGap } from '../domain/policy/coverage';

export interface CalendarWatchDeps {
  calendar: WorkingCalendar;
  log: Logger;
  /** The inbox's keyed insert (activities/notifications/inbox.ts): one notice per key, however many workers send it. */
  deliverInbox(notices: KeyedNotice[]): Promise<void>;
  now?: () => number;
}

/**
 * Says once a local day, in the log and in the administrators' inbox, that the holiday calendar
 * runs out within the horizon. Run by the worker itself rather than by a Temporal schedule: it
 * adds no workflow type whose histories would have to replay for years, and its warning lands in
 * the worker's own log. Each worker asks hourly; the notice's key is the date, so several workers,
 * or one restarted, still leave one notice a day, and a day whose delivery failed is tried again.
 */
export function calendarWatch(deps: CalendarWatchDeps) {
  const now = deps.now ?? Date.now;
  let logged: string | undefined;
  let delivered: string | undefined;
  return async function check(): Promise<void> {
    const at = now();
    const gap = coverageGap(deps.calendar, at);
    if (!gap) return;
    const day = localDate(at, deps.calendar);
    const message = describeGap(gap);
    if (logged !== day) {
      deps.log.warn({ calendar: gap }, message);
      logged = day;
    }
    if (delivered === day) return;
    try {
      await deps.deliverInbox([
        {
          key: `calendar-coverage:${day}`,
          recipient: administratorsInbox,
          kind: 'calendar_coverage',
          message,
          caseId: 'calendar',
          createdAt: new Date(at).toISOString(),
        },
      ]);
      delivered = day;
    } catch (err) {
      deps.log.warn({ err }, 'calendar coverage notice not delivered; trying again within the hour');
    }
  };
}

const hourMs = 3_600_000;

/** Checks now and every hour until stopped. */
export function watchCalendarCoverage(deps: CalendarWatchDeps): { stop(): void } {
  const check = calendarWatch(deps);
  void check();
  const timer = setInterval(() => void check(), hourMs);
  return { stop: () => clearInterval(timer) };
}

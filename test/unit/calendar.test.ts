import { extendDeadline, setDeadline } from '../../domain/deadlines/deadline';
import { addDuration, addWorkingDays, isWorkingDay, WorkingCalendar } from '../../domain/policy/calendar';
import { coverageGap } from '../../domain/policy/coverage';
import { DurationSpec, parseIsoDuration } from '../../domain/policy/duration';
import { defaultPolicy } from '../support/fixtures';

const calendar = defaultPolicy().calendar;
const at = (iso: string) => Date.parse(iso);

describe('durations and the working-day calendar', () => {
  test('When an ISO-8601 duration is parsed, then every part is read', () => {
    expect(parseIsoDuration('P1Y2M3W4DT5H6M7S')).toEqual({
      years: 1,
      months: 2,
      weeks: 3,
      days: 4,
      hours: 5,
      minutes: 6,
      seconds: 7,
    });
    expect(() => parseIsoDuration('P')).toThrow('not an ISO-8601 duration');
    expect(() => parseIsoDuration('2 hours')).toThrow();
  });

  test('When calendar time is added, then hours and days count straight through weekends', () => {
    expect(new Date(addDuration(at('2026-11-27T10:00:00+08:00'), 'PT2H', calendar)).toISOString()).toBe(
      '2026-11-27T04:00:00.000Z',
    );
    expect(new Date(addDuration(at('2026-11-27T10:00:00+08:00'), 'P7D', calendar)).toISOString()).toBe(
      '2026-12-04T02:00:00.000Z',
    );
  });

  test('When months are added past a short month, then the day is clamped to its end', () => {
    expect(new Date(addDuration(at('2027-01-31T09:00:00+08:00'), 'P1M', calendar)).toISOString()).toBe(
      '2027-02-28T01:00:00.000Z',
    );
    expect(new Date(addDuration(at('2026-03-01T09:00:00+08:00'), 'P3Y', calendar)).toISOString()).toBe(
      '2029-03-01T01:00:00.000Z',
    );
  });

  test('When working days are counted, then weekends and holidays are skipped and make-up days count', () => {
    // Friday 2026-11-27 + 1 working day = Monday 2026-11-30.
    expect(new Date(addWorkingDays(at('2026-11-27T10:00:00+08:00'), 1, calendar)).toISOString()).toBe(
      '2026-11-30T02:00:00.000Z',
    );
    // National Day: 1–7 October are holidays, Saturday 10 October is a make-up working day.
    expect(isWorkingDay(at('2026-10-05T10:00:00+08:00'), calendar)).toBe(false);
    expect(isWorkingDay(at('2026-10-10T10:00:00+08:00'), calendar)).toBe(true);
    expect(new Date(addWorkingDays(at('2026-09-30T10:00:00+08:00'), 2, calendar)).toISOString()).toBe(
      '2026-10-09T02:00:00.000Z',
    );
    expect(
      new Date(addDuration(at('2026-09-30T10:00:00+08:00'), { workingDays: 3 }, calendar)).toISOString(),
    ).toBe('2026-10-10T02:00:00.000Z');
  });

  test('When a local date is near midnight, then the policy time zone decides the day', () => {
    // 2026-11-28 is a Saturday in Beijing even though it is still Friday in UTC.
    expect(isWorkingDay(at('2026-11-27T17:00:00Z'), calendar)).toBe(false);
    expect(isWorkingDay(at('2026-11-27T15:00:00Z'), calendar)).toBe(true);
  });
});

describe('how far the published calendar reaches', () => {
  const published: WorkingCalendar = { ...calendar, coversThrough: '2026-12-31' };

  test('When the next 60 days end on the last published date, then there is no gap; a day later, the gap names both dates', () => {
    expect(coverageGap(published, at('2026-11-01T23:59:00+08:00'))).toBeUndefined();
    expect(coverageGap(published, at('2026-11-02T00:00:00+08:00'))).toEqual({
      coversThrough: '2026-12-31',
      horizonDays: 60,
      neededThrough: '2027-01-01',
    });
  });

  test('When a calendar does not say how far it reaches (a case filed before the calendar file), then it has no gap', () => {
    expect(calendar.coversThrough).toBe('2026-12-31');
    const { coversThrough: _, ...carried } = calendar;
    expect(coverageGap(carried, at('2027-06-01T00:00:00+08:00'))).toBeUndefined();
  });
});

describe('working-day deadlines past the published calendar', () => {
  const settings = { calendar: { ...calendar, coversThrough: '2026-12-31' }, reminderFractions: [0.5] };
  const request = (from: string, spec: DurationSpec) => ({
    id: 'stage:resolve',
    purpose: 'resolve',
    owner: 'committee-c01',
    level: 3,
    from: at(from),
    spec,
    rule: 'ladder committee',
  });

  test('When working days run past the last published date, then they count weekends only and the deadline is flagged', () => {
    // Thursday 31 December + 1 working day: Friday 1 January, though New Year's Day will surely be a holiday.
    const deadline = setDeadline(request('2026-12-31T10:00:00+08:00', { workingDays: 1 }), settings);
    expect(deadline.dueAt).toBe('2027-01-01T02:00:00.000Z');
    expect(deadline.calendarFallback).toBe(true);
    expect(deadline.rule).toBe(
      'ladder committee: 1 working days (weekends only after 2026-12-31: calendar not yet published)',
    );
  });

  test('When working days end within the published calendar, or the time is calendar time, then the deadline carries no flag at all', () => {
    const within = setDeadline(request('2026-12-21T10:00:00+08:00', { workingDays: 5 }), settings);
    expect(within.dueAt).toBe('2026-12-28T02:00:00.000Z');
    expect('calendarFallback' in within).toBe(false);
    const calendarTime = setDeadline(request('2026-12-28T10:00:00+08:00', 'P14D'), settings);
    expect('calendarFallback' in calendarTime).toBe(false);
  });

  test('When a case carries a calendar without coversThrough, then its deadlines are what they always were', () => {
    const { coversThrough: _, ...carried } = settings.calendar;
    const old = setDeadline(request('2026-12-31T10:00:00+08:00', { workingDays: 1 }), {
      ...settings,
      calendar: carried,
    });
    expect(old).toEqual({
      id: 'stage:resolve',
      purpose: 'resolve',
      owner: 'committee-c01',
      level: 3,
      startsAt: '2026-12-31T02:00:00.000Z',
      dueAt: '2027-01-01T02:00:00.000Z',
      rule: 'ladder committee: 1 working days',
      reminders: [{ at: '2026-12-31T14:00:00.000Z', fraction: 0.5, sent: false }],
    });
  });

  test('When an extension counts working days past the calendar, then the deadline is flagged; a flagged one stays flagged', () => {
    const within = setDeadline(request('2026-12-21T10:00:00+08:00', { workingDays: 5 }), settings);
    const extended = extendDeadline(within, { workingDays: 4 }, settings, 'extension approved');
    expect(extended.dueAt).toBe('2027-01-01T02:00:00.000Z');
    expect(extended.calendarFallback).toBe(true);
    const flagged = setDeadline(request('2026-12-31T10:00:00+08:00', { workingDays: 1 }), settings);
    expect(extendDeadline(flagged, 'PT2H', settings, 'extension approved').calendarFallback).toBe(true);
  });
});

import { addDuration, addWorkingDays, isWorkingDay } from '../../domain/policy/calendar';
import { parseIsoDuration } from '../../domain/policy/duration';
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

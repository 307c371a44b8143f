import { CalendarFile, parseCalendarFile, withCalendar } from '../../domain/policy/calendarFile';
import { addYear, expandDates, yearsOfChineseDays } from '../../domain/policy/calendarYears';
import { defaultPolicy } from '../support/fixtures';

const file2026: CalendarFile = {
  source: 'chinese-days@1.5.7',
  utcOffsetMinutes: 480,
  coversThrough: '2026-12-31',
  holidays: ['2026-01-01', '2026-10-01'],
  makeupWorkdays: ['2026-10-10'],
};

// Illustrative dates, not the State Council's: the real 2027 notice is not out yet.
const year2027 = {
  year: 2027,
  holidays: expandDates('2027-01-01,2027-02-06..2027-02-08'),
  makeupWorkdays: ['2027-02-14'],
  source: '国办发明电〔2026〕1号',
};

describe('the holiday calendar file', () => {
  test('When a date range is given, then every day in it is listed, both ends included', () => {
    expect(expandDates('2027-01-01, 2027-02-27..2027-03-02')).toEqual([
      '2027-01-01',
      '2027-02-27',
      '2027-02-28',
      '2027-03-01',
      '2027-03-02',
    ]);
    expect(() => expandDates('2027-02-08..2027-02-06')).toThrow(
      'not a date or range: 2027-02-08..2027-02-06',
    );
  });

  test('When the next published year is added, then its dates join the file, coverage reaches its end and its source is named', () => {
    expect(addYear(file2026, year2027)).toEqual({
      source: 'chinese-days@1.5.7; 国办发明电〔2026〕1号',
      utcOffsetMinutes: 480,
      coversThrough: '2027-12-31',
      holidays: ['2026-01-01', '2026-10-01', '2027-01-01', '2027-02-06', '2027-02-07', '2027-02-08'],
      makeupWorkdays: ['2026-10-10', '2027-02-14'],
    });
  });

  test('When a year already there is added again, then its dates are replaced and coverage stays', () => {
    const corrected = addYear(file2026, {
      year: 2026,
      holidays: ['2026-01-01'],
      makeupWorkdays: [],
      source: 'correction',
    });
    expect(corrected).toMatchObject({
      coversThrough: '2026-12-31',
      holidays: ['2026-01-01'],
      makeupWorkdays: [],
    });
  });

  test('When a year is skipped, a date is in another year, or a make-up working day falls on a weekday, then the file is refused', () => {
    expect(() => addYear(file2026, { ...year2027, year: 2028 })).toThrow(
      'covers through 2026-12-31; add 2027 before 2028',
    );
    expect(() => addYear(file2026, { ...year2027, holidays: ['2026-12-31'] })).toThrow(
      '2026-12-31 is not in 2027',
    );
    expect(() => addYear(file2026, { ...year2027, makeupWorkdays: ['2027-02-15'] })).toThrow(
      'make-up working day 2027-02-15 is not a Saturday or Sunday',
    );
    expect(() => addYear(file2026, { ...year2027, holidays: [] })).toThrow('2027 has no holidays');
  });

  test('When a file lists a date past coversThrough or a day both off and on, then it does not load', () => {
    expect(() => parseCalendarFile({ ...file2026, holidays: ['2027-01-01'] })).toThrow(
      'calendar: holidays 2027-01-01 is after coversThrough',
    );
    expect(() => parseCalendarFile({ ...file2026, makeupWorkdays: ['2026-10-01'] })).toThrow(
      'calendar: makeupWorkdays 2026-10-01 is also a holiday',
    );
  });

  test("When chinese-days' data is read, then each whole year from the first asked for becomes a published year", () => {
    const data = {
      holidays: {
        '2025-01-01': "New Year's Day",
        '2026-01-01': "New Year's Day",
        '2026-01-02': "New Year's Day",
      },
      workdays: { '2025-01-26': 'Spring Festival', '2026-01-04': "New Year's Day" },
    };
    expect(yearsOfChineseDays(data, 2026, 'chinese-days@1.5.7')).toEqual([
      {
        year: 2026,
        holidays: ['2026-01-01', '2026-01-02'],
        makeupWorkdays: ['2026-01-04'],
        source: 'chinese-days@1.5.7',
      },
    ]);
  });

  test('When the policy is handed to new cases, then the calendar file replaces its calendar, coverage included', () => {
    const policy = withCalendar(defaultPolicy(), file2026);
    expect(policy.calendar).toEqual({
      utcOffsetMinutes: 480,
      coversThrough: '2026-12-31',
      holidays: ['2026-01-01', '2026-10-01'],
      makeupWorkdays: ['2026-10-10'],
    });
  });
});

import { CalendarFile, parseCalendarFile } from './calendarFile';

/** One year of the official calendar as the State Council publishes it each November. */
export interface PublishedYear {
  year: number;
  holidays: string[];
  makeupWorkdays: string[];
  source: string;
}

const yearOf = (date: string) => Number(date.slice(0, 4));

/**
 * Adds a published year, or replaces a year already there (a correction). A year beyond the next
 * one is refused: the year between would silently count weekends only.
 */
export function addYear(file: CalendarFile, published: PublishedYear): CalendarFile {
  const next = yearOf(file.coversThrough) + 1;
  if (published.year > next)
    throw new Error(`calendar: covers through ${file.coversThrough}; add ${next} before ${published.year}`);
  const dates = [...published.holidays, ...published.makeupWorkdays];
  const foreign = dates.find((date) => yearOf(date) !== published.year);
  if (foreign) throw new Error(`calendar: ${foreign} is not in ${published.year}`);
  if (!published.holidays.length) throw new Error(`calendar: ${published.year} has no holidays`);
  // 调休 moves work onto a weekend; a make-up working day on a weekday is a typo.
  const weekday = published.makeupWorkdays.find((date) => ![0, 6].includes(new Date(date).getUTCDay()));
  if (weekday) throw new Error(`calendar: make-up working day ${weekday} is not a Saturday or Sunday`);
  const others = (dates: string[]) => dates.filter((date) => yearOf(date) !== published.year);
  const yearEnd = `${published.year}-12-31`;
  return parseCalendarFile({
    source: file.source.includes(published.source) ? file.source : `${file.source}; ${published.source}`,
    utcOffsetMinutes: file.utcOffsetMinutes,
    coversThrough: yearEnd > file.coversThrough ? yearEnd : file.coversThrough,
    holidays: [...others(file.holidays), ...published.holidays].sort(),
    makeupWorkdays: [...others(file.makeupWorkdays), ...published.makeupWorkdays].sort(),
  });
}

/** `2027-01-01,2027-02-06..2027-02-13` as the dates it names, each range inclusive. */
export function expandDates(list: string): string[] {
  return list
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .flatMap((part) => {
      const [from, to = from] = part.split('..');
      const start = Date.parse(`${from}T00:00:00Z`);
      const end = Date.parse(`${to}T00:00:00Z`);
      if (Number.isNaN(start) || Number.isNaN(end) || end < start)
        throw new Error(`calendar: not a date or range: ${part}`);
      const days = (end - start) / 86_400_000;
      return Array.from({ length: days + 1 }, (_, i) =>
        new Date(start + i * 86_400_000).toISOString().slice(0, 10),
      );
    });
}

/** The package's data (`dist/chinese-days.json`): dates to names, for holidays and make-up working days. */
export interface ChineseDaysData {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

/** Every year the package holds from `fromYear` on; the package publishes whole years. */
export function yearsOfChineseDays(data: ChineseDaysData, fromYear: number, source: string): PublishedYear[] {
  const holidays = Object.keys(data.holidays);
  const years = [...new Set(holidays.map(yearOf))].filter((year) => year >= fromYear).sort();
  const inYear = (dates: string[], year: number) => dates.filter((date) => yearOf(date) === year).sort();
  return years.map((year) => ({
    year,
    holidays: inYear(holidays, year),
    makeupWorkdays: inYear(Object.keys(data.workdays), year),
    source,
  }));
}

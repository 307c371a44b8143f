import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadEnvOrExit } from '../config/env';
import { readCalendarFile, writeCalendarFile } from '../config/calendarFile';
import { CalendarFile, workingCalendarOf } from '../domain/policy/calendarFile';
import { addYear, ChineseDaysData, expandDates, yearsOfChineseDays } from '../domain/policy/calendarYears';
import { coverageGap, describeGap } from '../domain/policy/coverage';

const usage = `usage: npm run calendar -- <command>       (the file is CALENDAR_FILE, config/calendar.cn.json by default)
  status                                     how far the calendar reaches; exit 1 when short of the next 60 days
  add <year> --holidays <dates> --makeup <dates> --source <text>
                                             add a year as the State Council published it (or correct one);
                                             dates: 2027-01-01,2027-02-06..2027-02-13 (ranges inclusive)
  seed [--package <dir>] [--from <year>]     take every year the chinese-days package holds, from --from
                                             (default 2026) on, over the file's own`;

const options = {
  holidays: { type: 'string' },
  makeup: { type: 'string' },
  source: { type: 'string' },
  package: { type: 'string' },
  from: { type: 'string' },
} as const;

function year(value: string | undefined, what: string): number {
  if (!value || !/^\d{4}$/.test(value)) throw new Error(`${what}: expected a year such as 2027`);
  return Number(value);
}

function status(file: CalendarFile): number {
  const gap = coverageGap(workingCalendarOf(file), Date.now());
  console.log(gap ? describeGap(gap) : `holiday calendar covers through ${file.coversThrough}`);
  return gap ? 1 : 0;
}

/** The package's own data file, so that a newer release (with the next year) is read the same way. */
function seed(path: string, packageDir: string, fromYear: number): CalendarFile {
  const { version } = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as {
    version: string;
  };
  const data = JSON.parse(
    readFileSync(join(packageDir, 'dist', 'chinese-days.json'), 'utf8'),
  ) as ChineseDaysData;
  const source = `chinese-days@${version}`;
  const start: CalendarFile = existsSync(path)
    ? readCalendarFile(path)
    : {
        source,
        utcOffsetMinutes: 480,
        coversThrough: `${fromYear - 1}-12-31`,
        holidays: [],
        makeupWorkdays: [],
      };
  return yearsOfChineseDays(data, fromYear, source).reduce(addYear, start);
}

function main(): number {
  const env = loadEnvOrExit();
  const { positionals, values } = parseArgs({ options, allowPositionals: true });
  const [command, arg] = positionals;
  const path = env.CALENDAR_FILE;
  if (command === 'status') return status(readCalendarFile(path));
  let file: CalendarFile;
  if (command === 'add') {
    if (!values.source) throw new Error('add: --source names the notice the dates come from');
    file = addYear(readCalendarFile(path), {
      year: year(arg, 'add'),
      holidays: expandDates(values.holidays ?? ''),
      makeupWorkdays: expandDates(values.makeup ?? ''),
      source: values.source,
    });
  } else if (command === 'seed') {
    const packageDir = values.package ?? dirname(require.resolve('chinese-days/package.json'));
    file = seed(path, packageDir, values.from ? year(values.from, '--from') : 2026);
  } else throw new Error(usage);
  writeCalendarFile(path, file);
  console.log(
    `${path}: ${file.holidays.length} holidays, ${file.makeupWorkdays.length} make-up working days`,
  );
  status(file);
  return 0;
}

try {
  process.exitCode = main();
} catch (err) {
  console.error((err as Error).message);
  process.exitCode = 2;
}

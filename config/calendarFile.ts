import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { CalendarFile, parseCalendarFile } from '../domain/policy/calendarFile';

/** Read at start by the API, the worker and the calendar command; a file that does not validate stops them. */
export function readCalendarFile(path: string): CalendarFile {
  return parseCalendarFile(JSON.parse(readFileSync(path, 'utf8')));
}

/** Written whole and renamed into place, so a process starting meanwhile never reads half a file. */
export function writeCalendarFile(path: string, file: CalendarFile): void {
  const draft = `${path}.${process.pid}.tmp`;
  writeFileSync(draft, `${JSON.stringify(file, null, 2)}\n`);
  renameSync(draft, path);
}

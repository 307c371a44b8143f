import { Cell, Column, ColumnType } from './model';

const beijingOffsetMs = 8 * 3_600_000;
const day = /^\d{4}-\d{2}-\d{2}$/;
// An offset is required: a bare local time would be read in the server's own zone.
const instant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** What a cell becomes in each format, and what Excel shows of it (which sizes the column). */
export interface Rendered {
  excel: string | number | Date;
  csv: string;
  shown: string;
}

interface Kind {
  numFmt?: string;
  render(value: string | number): Rendered;
}

/**
 * Excel has no time zones: a datetime is written as Beijing wall time, the time the offices
 * read, and a date as that day's midnight.
 */
const beijingWallTime = (at: string) => new Date(Date.parse(at) + beijingOffsetMs);
const dayAndMinute = (wall: Date) => wall.toISOString().slice(0, 16).replace('T', ' ');
// 0.873 * 100 is 87.30000000000001: twelve significant digits drop the binary noise.
const hundredths = (fraction: number) => Number((fraction * 100).toPrecision(12));
const grouped = (n: number, decimals: number) =>
  n.toLocaleString('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
const numeric = (v: string | number, shown: string): Rendered => ({ excel: v, csv: String(v), shown });

const kinds: Record<ColumnType, Kind> = {
  text: { render: (v) => ({ excel: String(v), csv: String(v), shown: String(v) }) },
  integer: { numFmt: '#,##0', render: (v) => numeric(v, grouped(Number(v), 0)) },
  decimal: { numFmt: '#,##0.00', render: (v) => numeric(v, grouped(Number(v), 2)) },
  // "87.3%" rather than 0.873: Excel opens it as the number 0.873, formatted as a percentage.
  percent: {
    numFmt: '0.0%',
    render: (v) => ({
      excel: v,
      csv: `${hundredths(Number(v))}%`,
      shown: `${(Number(v) * 100).toFixed(1)}%`,
    }),
  },
  date: {
    numFmt: 'yyyy-mm-dd',
    render: (v) => ({ excel: new Date(`${v}T00:00:00Z`), csv: String(v), shown: String(v) }),
  },
  datetime: {
    numFmt: 'yyyy-mm-dd hh:mm',
    render: (v) => {
      const wall = beijingWallTime(String(v));
      return { excel: wall, csv: dayAndMinute(wall), shown: dayAndMinute(wall) };
    },
  },
};

export const numFmtOf = (type: ColumnType): string | undefined => kinds[type].numFmt;

/** A cell of `column`, or `null` for no data; a value of the wrong shape is a bug in the presenter. */
export function render(column: Column, value: Cell | undefined): Rendered | null {
  if (value === null || value === undefined) return null;
  const problem = mismatch(column.type, value);
  if (problem) throw new TypeError(`column ${column.key}: expected ${problem}, got ${JSON.stringify(value)}`);
  return kinds[column.type].render(value);
}

function mismatch(type: ColumnType, value: string | number): string | undefined {
  switch (type) {
    case 'text':
      return typeof value === 'string' ? undefined : 'text';
    case 'integer':
      return Number.isSafeInteger(value) ? undefined : 'an integer';
    case 'decimal':
    case 'percent':
      return typeof value === 'number' && Number.isFinite(value) ? undefined : 'a finite number';
    case 'date':
      return typeof value === 'string' && day.test(value) && isCalendarDay(value) ? undefined : 'YYYY-MM-DD';
    case 'datetime':
      return typeof value === 'string' && instant.test(value) && !Number.isNaN(Date.parse(value))
        ? undefined
        : 'an ISO instant with its offset';
  }
}

// Date.parse accepts 2026-02-30 and means 2 March; a ledger should not.
const isCalendarDay = (value: string) => new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);

/**
 * What a ledger, report or ranking is rendered into before it becomes a file: a workbook of
 * sections, each one sheet of an .xlsx or one .csv. Presenters build it from read models; the
 * renderers (xlsx.ts, csv.ts) know nothing of ledgers.
 */

/**
 * How a column's values are written and shown. `percent` holds fractions (0.873 is 87.3%),
 * `date` a Beijing calendar day `YYYY-MM-DD`, `datetime` an ISO instant with its offset.
 */
export type ColumnType = 'text' | 'integer' | 'decimal' | 'percent' | 'date' | 'datetime';

/** `null` is "no data": an empty cell, never 0. */
export type Cell = string | number | null;

export interface Column<K extends string = string> {
  key: K;
  /** Shown as `中文（English）` in the one header row of every format (headings.ts) */
  heading: { zh: string; en: string };
  type: ColumnType;
}

export type Row<K extends string = string> = Readonly<Record<K, Cell>>;

export interface Section<K extends string = string> {
  /** Names the section in `?section=` (ASCII, stable); the title names it for people */
  key: string;
  title: string;
  columns: readonly Column<K>[];
  rows: readonly Row<K>[];
}

export interface Workbook {
  /** The file's name and the workbook's title, e.g. `网格g01 2026年11月台账` */
  title: string;
  /** ISO instant the figures were read at: the workbook's created date */
  generatedAt: string;
  /** At least one: Excel refuses a workbook without sheets */
  sections: readonly [Section, ...Section[]];
}

import { Column } from './model';

/**
 * One header row in both formats, Chinese first: a second header row would make CSV readers
 * take the English line for data, and full-width parentheses are how Chinese documents gloss a term.
 */
export const heading = (column: Column): string => `${column.heading.zh}（${column.heading.en}）`;

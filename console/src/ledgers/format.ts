import type { components } from '../api/schema';

export type Ledger = components['schemas']['Ledger'];
export type Ranking = components['schemas']['Ranking'];
export type RateKey = keyof Ledger['rates'];

/** The three rates (三率) a trend and a ranking show; the grid share is in the ledger's table. */
export const threeRates: RateKey[] = ['response', 'resolution', 'satisfaction'];
export const allRates: RateKey[] = [...threeRates, 'gridShare'];

/** A rate as a percentage with one decimal; a rate with nothing to count is not 0, and says so. */
export function percent(rate: number | null | undefined, none: string): string {
  return rate === null || rate === undefined ? none : `${(rate * 100).toFixed(1)}%`;
}

/** The month (YYYY-MM) it is now in Beijing, where ledgers count their days. */
export function beijingMonth(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' })
    .format(now)
    .slice(0, 7);
}

/** `count` months up to `last`, oldest first. */
export function monthsUpTo(last: string, count: number): string[] {
  const [year, month] = last.split('-').map(Number);
  return Array.from({ length: count }, (_, i) => {
    const at = new Date(Date.UTC(year, month - 1 - (count - 1 - i), 1));
    return at.toISOString().slice(0, 7);
  });
}

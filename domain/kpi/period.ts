/**
 * A ledger's period: Beijing calendar days `from` to `to`, inclusive. A ledger reads a month in one
 * lookup and a year in twelve; past a year a read would grow without a caller noticing.
 */
export interface Period {
  from: string;
  to: string;
}

export const maxPeriodDays = 366;

export const addDays = (day: string, days: number): string =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** How many days the period holds, both ends counted. */
export const periodDays = ({ from, to }: Period): number =>
  (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000 + 1;

/** A calendar month `YYYY-MM`, first day to last. */
export function monthPeriod(month: string): Period {
  const last = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0));
  return { from: `${month}-01`, to: last.toISOString().slice(0, 10) };
}

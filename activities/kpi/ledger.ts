import type { Model } from 'mongoose';
import { KpiCounts, LevelCounts, sumCounts } from '../../domain/kpi/counts';
import { kpiRates, KpiRates } from '../../domain/kpi/rates';
import { KpiContributionDoc, ledgerKey, ledgerKeyField } from '../db/kpiModel';
import { fullCounts } from './contributions';

/** A unit at its ladder level (0 = grid branch) and a period of Beijing days, `from` to `to` inclusive. */
export interface LedgerQuery {
  level: number;
  unit: string;
  from: string;
  to: string;
}

export interface Ledger extends LedgerQuery {
  counts: KpiCounts;
  rates: KpiRates;
  /** How many contribution documents were summed: about what the query cost (a part-month read also reads its other days). */
  read: number;
}

const nextDay = (day: string) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
const lastOfMonth = (month: string) =>
  new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).toISOString().slice(0, 10);

/** One lookup: a day, or a month (keeping only the days `from` to `to` of it when the period covers part). */
export type PeriodSlice = { day: string } | { month: string; from?: string; to?: string };

/** Past this many days of a month, reading the whole month in one lookup beats a lookup per day. */
const daysWorthAMonth = 7;

/**
 * The lookups a period is read in: each month it covers whole by its `month`; a month it covers in
 * part by its `month` too when that is more than a week of it (what else it reads is bounded by
 * the month), else day by day. So a year takes 12 lookups, a day one.
 */
export function periodSlices(from: string, to: string): PeriodSlice[] {
  const slices: PeriodSlice[] = [];
  for (let start = from; start <= to;) {
    const month = start.slice(0, 7);
    const end = lastOfMonth(month) < to ? lastOfMonth(month) : to;
    const whole = start.endsWith('-01') && end === lastOfMonth(month);
    const days = (Date.parse(end) - Date.parse(start)) / 86_400_000 + 1;
    if (whole) slices.push({ month });
    else if (days > daysWorthAMonth) slices.push({ month, from: start, to: end });
    else for (let day = start; day <= end; day = nextDay(day)) slices.push({ day });
    start = nextDay(end);
  }
  return slices;
}

/** The one-field equality a slice of a unit's ledger is found by. */
function lookup(level: number, unit: string, slice: PeriodSlice): Record<string, string> {
  return 'day' in slice
    ? { [ledgerKeyField('day', level)]: ledgerKey(unit, slice.day) }
    : { [ledgerKeyField('month', level)]: ledgerKey(unit, slice.month) };
}

const inSlice = (slice: PeriodSlice, day: string) =>
  'day' in slice || ((!slice.from || day >= slice.from) && (!slice.to || day <= slice.to));

/** Stored levels are the ids the cases recorded; a ledger counts them by rung of `ladder`. An id no longer on it keeps its name. */
function byRung(levels: LevelCounts, ladder: readonly string[]): LevelCounts {
  const rungs: LevelCounts = {};
  for (const [id, n] of Object.entries(levels)) {
    const rung = ladder.includes(id) ? String(ladder.indexOf(id)) : id;
    rungs[rung] = (rungs[rung] ?? 0) + n;
  }
  return rungs;
}

/** Contributions summed, their levels counted by rung of `ladder`. */
export function sumContributions(
  docs: readonly Pick<KpiContributionDoc, 'counts'>[],
  ladder: readonly string[],
): KpiCounts {
  const summed = sumCounts(docs.map((doc) => fullCounts(doc.counts)));
  return {
    ...summed,
    escalatedTo: byRung(summed.escalatedTo, ladder),
    resolvedAt: byRung(summed.resolvedAt, ladder),
  };
}

/**
 * A unit's ledger (台账) for a period: the counts its requests contributed on those days (everything
 * below the unit included, as every request is stored under each unit of its jurisdiction) and the
 * rates from them. Each slice is one equality lookup on the unit's key for that day or month
 * (`activities/db/kpiModel.ts`), which FerretDB over PostgreSQL serves from one GIN index and MongoDB
 * from an ordinary one: it reads the unit's contributions in the period (and the rest of a month
 * read whole) and nothing else. `ladder` is the reading policy's level ids, bottom first.
 */
export async function readLedger(
  model: Model<KpiContributionDoc>,
  ladder: readonly string[],
  query: LedgerQuery,
): Promise<Ledger> {
  const found = await Promise.all(
    periodSlices(query.from, query.to).map(async (slice) =>
      (
        await model
          .find(lookup(query.level, query.unit, slice))
          .select({ day: 1, counts: 1 })
          .lean<Pick<KpiContributionDoc, 'day' | 'counts'>[]>()
          .exec()
      ).filter((doc) => inSlice(slice, doc.day)),
    ),
  );
  const docs = found.flat();
  const counts = sumContributions(docs, ladder);
  return { ...query, counts, rates: kpiRates(counts), read: docs.length };
}

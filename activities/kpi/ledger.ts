import type { Model } from 'mongoose';
import { KpiCounts, LevelCounts, sumCounts } from '../../domain/kpi/counts';
import { kpiRates, KpiRates } from '../../domain/kpi/rates';
import type { KpiContributionDoc } from '../db/kpiModel';
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
  /** How many contribution documents were summed: what the query cost. */
  read: number;
}

const nextDay = (day: string) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
const lastOfMonth = (month: string) =>
  new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).toISOString().slice(0, 10);

/**
 * The slices a period is read in: each month it covers whole by its `month`, the days of a month it
 * covers in part one by one, so nothing outside the period is read and a year takes 12 lookups.
 */
export function periodSlices(from: string, to: string): ({ month: string } | { day: string })[] {
  const slices: ({ month: string } | { day: string })[] = [];
  for (let day = from; day <= to;) {
    const month = day.slice(0, 7);
    if (day.endsWith('-01') && lastOfMonth(month) <= to) {
      slices.push({ month });
      day = nextDay(lastOfMonth(month));
    } else {
      slices.push({ day });
      day = nextDay(day);
    }
  }
  return slices;
}

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
 * rates from them. Each slice is one equality lookup on the unit's level field and the month or day,
 * which FerretDB over PostgreSQL serves from GIN indexes and MongoDB from a compound one: it reads
 * the unit's contributions in the period and nothing else. `ladder` is the reading policy's level ids, bottom first.
 */
export async function readLedger(
  model: Model<KpiContributionDoc>,
  ladder: readonly string[],
  query: LedgerQuery,
): Promise<Ledger> {
  const field = `unit${query.level}`;
  const found = await Promise.all(
    periodSlices(query.from, query.to).map((slice) =>
      model
        .find({ [field]: query.unit, ...slice })
        .select({ counts: 1 })
        .lean<Pick<KpiContributionDoc, 'counts'>[]>()
        .exec(),
    ),
  );
  const docs = found.flat();
  const counts = sumContributions(docs, ladder);
  return { ...query, counts, rates: kpiRates(counts), read: docs.length };
}

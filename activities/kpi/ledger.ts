import { KpiCounts, LevelCounts, statusCounts, sumCounts } from '../../domain/kpi/counts';
import type { RequestStatus } from '../../domain/requests/state';
import { kpiRates, KpiRates } from '../../domain/kpi/rates';
import { KpiContributionDoc, ledgerKey } from '../db/kpiModel';
import { KpiMarkDoc, KpiTotalDoc } from '../db/kpiTotalsModel';
import { fullCounts } from './contributions';
import { KpiStore, refreshMarked } from './totals';

/** A unit at its ladder level (0 = grid branch) and a period of Beijing days, `from` to `to` inclusive. */
export interface LedgerQuery {
  level: number;
  unit: string;
  from: string;
  to: string;
}

export interface Ledger extends LedgerQuery {
  counts: KpiCounts;
  /** Requests entering each status in the period, from the counts (`statusCounts`). */
  byStatus: Record<RequestStatus, number>;
  rates: KpiRates;
  /** Documents read: the totals summed, and the marks and what summing their days again read. */
  read: number;
  /** Day totals summed again because a change had marked them (the unit's and those below it). */
  recomputed: number;
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

/** The one-field equality a slice of a unit's totals, or of its marks, is found by. */
function lookup(unit: string, slice: PeriodSlice): Record<string, string> {
  return 'day' in slice ? { dayKey: ledgerKey(unit, slice.day) } : { monthKey: ledgerKey(unit, slice.month) };
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

/** Contributions or totals summed, their levels counted by rung of `ladder`. */
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

/** A bare contributions model (as callers before the totals passed) finds the totals beside it, on its connection. */
/**
 * A unit's ledger (台账) for a period: the counts its requests contributed on those days (everything
 * below the unit included) and the rates from them, summed from the unit's day totals
 * (`activities/kpi/totals.ts`). The days some change has marked since their totals were last summed
 * are summed again first, bottom-up from the contributions of the grids it reached, and stored; so
 * a read always equals the recount, and costs the unit's days (about 31 documents a month, one
 * lookup per month or day) plus the changes since its last read, whatever is stored.
 * `ladder` is the reading policy's level ids, bottom first.
 */
export async function readLedger(
  models: KpiStore,
  ladder: readonly string[],
  query: LedgerQuery,
): Promise<Ledger> {
  const slices = periodSlices(query.from, query.to);
  const inQuery = (slice: PeriodSlice) => (doc: { day: string; level: number }) =>
    doc.level === query.level && inSlice(slice, doc.day);
  // Every mark a lookup finds is summed, those of the month's other days too: they were read anyway.
  const marks = await Promise.all(
    slices.map(async (slice) =>
      (await models.KpiMark.find(lookup(query.unit, slice)).lean<KpiMarkDoc[]>().exec()).filter(
        (mark) => mark.level === query.level,
      ),
    ),
  );
  const refreshed = await refreshMarked(models, marks.flat(), query.level);
  const totals = await Promise.all(
    slices.map(async (slice) =>
      (
        await models.KpiTotal.find(lookup(query.unit, slice))
          .select({ day: 1, level: 1, counts: 1 })
          .lean<Pick<KpiTotalDoc, 'day' | 'level' | 'counts'>[]>()
          .exec()
      ).filter(inQuery(slice)),
    ),
  );
  const docs = totals.flat();
  const counts = sumContributions(docs, ladder);
  return {
    ...query,
    counts,
    byStatus: statusCounts(counts),
    rates: kpiRates(counts),
    read: refreshed.read + docs.length,
    recomputed: refreshed.recomputed,
  };
}

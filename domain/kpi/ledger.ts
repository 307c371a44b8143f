import { addCounts, Breakdown, Counter, emptyCounts, KpiCounts, sumCounts } from './counts';
import { RequestFact } from './facts';

const levelBreakdown: Partial<Record<Counter, Breakdown>> = {
  escalated: 'escalatedTo',
  resolved: 'resolvedAt',
};

/** Adds one fact to a day's counts; an escalation and a resolution also count at their level, a filing under its category and channel. */
export function countFact(counts: KpiCounts, fact: RequestFact): KpiCounts {
  const next = { ...counts, [fact.counter]: counts[fact.counter] + 1 };
  const keys: [Breakdown | undefined, string | undefined][] = [
    [levelBreakdown[fact.counter], fact.level === undefined ? undefined : String(fact.level)],
    ...Object.entries(fact.by ?? {}).map(([by, key]) => [by as Breakdown, key] as [Breakdown, string]),
  ];
  for (const [by, key] of keys)
    if (by && key !== undefined) next[by] = { ...next[by], [key]: (next[by][key] ?? 0) + 1 };
  return next;
}

/** One request's facts by day. */
export function countsByDay(facts: readonly RequestFact[]): Map<string, KpiCounts> {
  const byDay = new Map<string, KpiCounts>();
  for (const fact of facts) byDay.set(fact.day, countFact(byDay.get(fact.day) ?? emptyCounts(), fact));
  return byDay;
}

/** What a ledger is summed from: each unit's counts per day. */
export type UnitDayCounts = Map<string, Map<string, KpiCounts>>;

/**
 * Every request's facts, counted for each unit of its jurisdiction, per day: the recount that
 * per-unit, per-day aggregates kept by a projection must equal.
 */
export function unitDayCounts(
  requests: Iterable<{ jurisdiction: readonly string[]; facts: readonly RequestFact[] }>,
): UnitDayCounts {
  const ledger: UnitDayCounts = new Map();
  for (const { jurisdiction, facts } of requests) {
    for (const [day, counts] of countsByDay(facts)) {
      for (const unit of new Set(jurisdiction)) {
        const days = ledger.get(unit) ?? new Map<string, KpiCounts>();
        days.set(day, addCounts(days.get(day) ?? emptyCounts(), counts));
        ledger.set(unit, days);
      }
    }
  }
  return ledger;
}

/** A unit's counts over the days `from` to `to` (Beijing, inclusive). */
export function periodCounts(ledger: UnitDayCounts, unit: string, from: string, to: string): KpiCounts {
  const days = ledger.get(unit) ?? new Map<string, KpiCounts>();
  return sumCounts([...days].filter(([day]) => day >= from && day <= to).map(([, counts]) => counts));
}

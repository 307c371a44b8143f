import { addCounts, emptyCounts, KpiCounts, sumCounts } from './counts';
import { RequestFact } from './facts';

/** Adds one fact to a day's counts; an escalation and a resolution also count at their level. */
export function countFact(counts: KpiCounts, fact: RequestFact): KpiCounts {
  const next = { ...counts, [fact.counter]: counts[fact.counter] + 1 };
  if (fact.level === undefined) return next;
  const key = String(fact.level);
  if (fact.counter === 'escalated')
    return { ...next, escalatedTo: { ...counts.escalatedTo, [key]: (counts.escalatedTo[key] ?? 0) + 1 } };
  if (fact.counter === 'resolved')
    return { ...next, resolvedAt: { ...counts.resolvedAt, [key]: (counts.resolvedAt[key] ?? 0) + 1 } };
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

import { breakdowns, counters, emptyCounts, KpiCounts, LevelCounts } from '../../domain/kpi/counts';
import { Filing, foldFacts, startOfFacts } from '../../domain/kpi/facts';
import { countFact } from '../../domain/kpi/ledger';
import type { TimelineEntry } from '../../domain/timeline';

/**
 * What one request contributes to one Beijing day of the ledger, for every unit of its
 * jurisdiction: the sum of its facts dated that day. A request's contributions are a pure function
 * of its timeline, so each is replaced whole by revision (never incremented): retries, late
 * deliveries and concurrent writers of one case all converge on the same document.
 *
 * Levels are kept by the ids the case's own timeline recorded (`grid`, `township`…), not by rung:
 * the projection does not carry the case's policy, and a ledger maps ids to rungs with the policy
 * it reads under (`activities/kpi/ledger.ts`).
 */
export interface Contribution {
  day: string;
  /** The revision of the newest entry that added to this day: a reopening rewrites an older day. */
  revision: number;
  counts: KpiCounts;
  /** The co-handling unit it counts for, instead of the request's jurisdiction: one contribution per day and unit. */
  coHandler?: string;
}

/**
 * The level ids a timeline names, in order of first appearance: a stand-in ladder to fold by. An
 * entry recorded without one counts under `''`: a projection must not fail a case's commit for it.
 */
function levelIds(timeline: readonly TimelineEntry[]): string[] {
  return [...new Set(timeline.map((entry) => entry.level ?? ''))];
}

function byLevelId(levels: LevelCounts, ids: readonly string[]): LevelCounts {
  return Object.fromEntries(Object.entries(levels).map(([index, n]) => [ids[Number(index)], n]));
}

/** A request's contribution to every day it touched, and each co-handler's to every day its part did, from its whole timeline (revision 1 onwards). */
export function requestContributions(timeline: readonly TimelineEntry[], filing: Filing): Contribution[] {
  const ids = levelIds(timeline);
  const days = new Map<string, Contribution>();
  let cursor = startOfFacts;
  for (const entry of timeline) {
    const folded = foldFacts(cursor, [entry], ids, filing);
    cursor = folded.cursor;
    for (const fact of folded.facts) {
      const key = fact.coHandler === undefined ? fact.day : `${fact.day}|${fact.coHandler}`;
      const day = days.get(key) ?? {
        day: fact.day,
        revision: 0,
        counts: emptyCounts(),
        ...(fact.coHandler === undefined ? {} : { coHandler: fact.coHandler }),
      };
      days.set(key, { ...day, revision: entry.revision, counts: countFact(day.counts, fact) });
    }
  }
  return [...days.values()].map((c) => ({
    ...c,
    counts: {
      ...c.counts,
      escalatedTo: byLevelId(c.counts.escalatedTo, ids),
      resolvedAt: byLevelId(c.counts.resolvedAt, ids),
    },
  }));
}

/** Counts with their zeros left out: most of a day's two dozen counters are zero, and documents are read in bulk. */
export type SparseCounts = Partial<KpiCounts>;

export function sparseCounts(counts: KpiCounts): SparseCounts {
  const sparse: SparseCounts = Object.fromEntries(
    counters.filter((c) => counts[c]).map((c) => [c, counts[c]]),
  );
  for (const by of breakdowns) if (Object.keys(counts[by]).length) sparse[by] = counts[by];
  return sparse;
}

export function fullCounts(sparse: SparseCounts): KpiCounts {
  return { ...emptyCounts(), ...sparse };
}

import { KpiCounts } from './counts';
import { KpiRates, kpiRates } from './rates';
import { KpiSettings } from './settings';

/**
 * 综合得分 composite score, 0–100 before deductions:
 * 100 × Σ weight × rate / Σ weight, over the rates that are defined (not null), minus
 * penaltyPerLapse × lapsed. A rate with nothing to count (no return visit answered, say) is left
 * out and the others' weights scale up, so a unit is neither punished nor rewarded for it.
 * Null when no rate is defined: the unit did nothing that a rate measures in the period.
 * Not floored at zero, so units with many lapses still rank apart.
 */
export function compositeScore(rates: KpiRates, lapsed: number, settings: KpiSettings): number | null {
  let weighted = 0;
  let weights = 0;
  for (const key of ['response', 'resolution', 'satisfaction', 'gridShare'] as const) {
    const rate = rates[key];
    if (rate === null) continue;
    weighted += settings.weights[key] * rate;
    weights += settings.weights[key];
  }
  if (weights === 0) return null;
  return roundScore((100 * weighted) / weights - settings.penaltyPerLapse * lapsed);
}

/** Scores are compared as rounded, so equal figures reached by different sums tie instead of differing in the last bit. */
function roundScore(score: number): number {
  return Math.round(score * 1e6) / 1e6;
}

export interface UnitRanking {
  unit: string;
  /** 1 for the best; null when the unit has no score in the period (unranked, listed last). */
  position: number | null;
  score: number | null;
  rates: KpiRates;
  counts: KpiCounts;
}

/**
 * The ranking of the units of one level for a period (排名), from each unit's summed counts.
 * Order: higher score first; on equal scores, more requests filed in the period first (the same
 * score over a heavier load); then unit id, so the order never depends on input order. Every
 * position is distinct. Units without a score follow, unranked, by unit id: they are shown so an
 * office sees who had nothing to count, but no place is given for nothing.
 */
export function rankUnits(
  units: readonly { unit: string; counts: KpiCounts }[],
  settings: KpiSettings,
): UnitRanking[] {
  const scored = units.map(({ unit, counts }) => {
    const rates = kpiRates(counts);
    return { unit, counts, rates, score: compositeScore(rates, counts.lapsed, settings) };
  });
  const byId = (a: { unit: string }, b: { unit: string }) => (a.unit < b.unit ? -1 : a.unit > b.unit ? 1 : 0);
  const ranked = scored
    .filter((u) => u.score !== null)
    .sort((a, b) => b.score! - a.score! || b.counts.filed - a.counts.filed || byId(a, b));
  const unranked = scored.filter((u) => u.score === null).sort(byId);
  return [
    ...ranked.map((u, index) => ({ ...u, position: index + 1 })),
    ...unranked.map((u) => ({ ...u, position: null })),
  ];
}

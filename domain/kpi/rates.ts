import { KpiCounts } from './counts';

/** A share between 0 and 1, or null when nothing was there to count (never 0, never NaN). */
export type Rate = number | null;

export function ratio(numerator: number, denominator: number): Rate {
  return denominator > 0 ? numerator / denominator : null;
}

/**
 * 响应率 response rate = respondedOnTime / responsesDue, over the period's days.
 * responsesDue: requests whose response was settled in the period: first accepted (接单) with no
 * dispatch or accept deadline lapsed before, or else at the first such lapse.
 * respondedOnTime: those settled by their acceptance: dispatched (下单) and accepted within every
 * deadline they were given, an approved extension's deadline included (domain/kpi/facts.ts).
 * Requests withdrawn, merged or rejected before acceptance and before any lapse are in neither.
 */
export function responseRate(c: Pick<KpiCounts, 'respondedOnTime' | 'responsesDue'>): Rate {
  return ratio(c.respondedOnTime, c.responsesDue);
}

/**
 * 解决率 resolution rate = (resolved − resolutionsReopened) / resolved.
 * resolved: resolutions (办结) in the period; a request resolved again after reopening counts each time.
 * resolutionsReopened: those of them later reopened, by an unsatisfied return visit or a supervisor,
 * counted on the resolution's own day.
 * The denominator is resolutions rather than closed requests: withdrawn, merged and rejected
 * requests were never resolved by anyone, and counting them would reward turning requests away.
 * A period's figure may fall until the reopen window after it has passed.
 */
export function resolutionRate(c: Pick<KpiCounts, 'resolved' | 'resolutionsReopened'>): Rate {
  return ratio(c.resolved - c.resolutionsReopened, c.resolved);
}

/**
 * 满意率 satisfaction rate = satisfied / (satisfied + unsatisfied): return visits (回访) answered
 * in the period. noFeedback (closed unanswered) is reported beside it and is in neither term.
 */
export function satisfactionRate(c: Pick<KpiCounts, 'satisfied' | 'unsatisfied'>): Rate {
  return ratio(c.satisfied, c.satisfied + c.unsatisfied);
}

/** 网格解决占比 share resolved at grid level = resolvedAt['0'] / resolved: resolutions in the period by the grid branch (level 0). */
export function gridShare(c: Pick<KpiCounts, 'resolved' | 'resolvedAt'>): Rate {
  return ratio(c.resolvedAt['0'] ?? 0, c.resolved);
}

export interface KpiRates {
  response: Rate;
  resolution: Rate;
  satisfaction: Rate;
  gridShare: Rate;
}

export function kpiRates(c: KpiCounts): KpiRates {
  return {
    response: responseRate(c),
    resolution: resolutionRate(c),
    satisfaction: satisfactionRate(c),
    gridShare: gridShare(c),
  };
}

export const rateLabels: Record<keyof KpiRates, { zh: string; en: string }> = {
  response: { zh: '响应率', en: 'Response rate' },
  resolution: { zh: '解决率', en: 'Resolution rate' },
  satisfaction: { zh: '满意率', en: 'Satisfaction rate' },
  gridShare: { zh: '网格解决占比', en: 'Share resolved at grid level' },
};

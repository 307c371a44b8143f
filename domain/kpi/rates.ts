import { KpiCounts } from './counts';

/** A share between 0 and 1, or null when nothing was there to count (never 0, never NaN). */
export type Rate = number | null;

export function ratio(numerator: number, denominator: number): Rate {
  return denominator > 0 ? numerator / denominator : null;
}

/** The two sums a rate divides: ledgers show them beside the rate, so every figure can be checked by hand. */
export interface RateTerms {
  numerator: number;
  denominator: number;
}

const rateOf = (terms: RateTerms): Rate => ratio(terms.numerator, terms.denominator);

/**
 * 响应率 response rate = respondedOnTime / responsesDue, over the period's days.
 * responsesDue: requests whose response was settled in the period: first accepted (接单) with no
 * dispatch or accept deadline lapsed before, or else at the first such lapse.
 * respondedOnTime: those settled by their acceptance: dispatched (下单) and accepted within every
 * deadline they were given, an approved extension's deadline included (domain/kpi/facts.ts).
 * Requests withdrawn, merged or rejected before acceptance and before any lapse are in neither.
 */
export const responseTerms = (c: Pick<KpiCounts, 'respondedOnTime' | 'responsesDue'>): RateTerms => ({
  numerator: c.respondedOnTime,
  denominator: c.responsesDue,
});
export const responseRate = (c: Pick<KpiCounts, 'respondedOnTime' | 'responsesDue'>): Rate =>
  rateOf(responseTerms(c));

/**
 * 解决率 resolution rate = (resolved − resolutionsReopened) / resolved.
 * resolved: resolutions (办结) in the period; a request resolved again after reopening counts each time.
 * resolutionsReopened: those of them later reopened, by an unsatisfied return visit or a supervisor,
 * counted on the resolution's own day.
 * The denominator is resolutions rather than closed requests: withdrawn, merged and rejected
 * requests were never resolved by anyone, and counting them would reward turning requests away.
 * A period's figure may fall until the reopen window after it has passed.
 */
export const resolutionTerms = (c: Pick<KpiCounts, 'resolved' | 'resolutionsReopened'>): RateTerms => ({
  numerator: c.resolved - c.resolutionsReopened,
  denominator: c.resolved,
});
export const resolutionRate = (c: Pick<KpiCounts, 'resolved' | 'resolutionsReopened'>): Rate =>
  rateOf(resolutionTerms(c));

/**
 * 满意率 satisfaction rate = satisfied / (satisfied + unsatisfied): return-visit (回访) answers
 * given in the period, one per requester per resolution, so a merged group's requesters each
 * count. noFeedback (requesters left unanswered at the deadline) is reported beside it and is in
 * neither term.
 */
export const satisfactionTerms = (c: Pick<KpiCounts, 'satisfied' | 'unsatisfied'>): RateTerms => ({
  numerator: c.satisfied,
  denominator: c.satisfied + c.unsatisfied,
});
export const satisfactionRate = (c: Pick<KpiCounts, 'satisfied' | 'unsatisfied'>): Rate =>
  rateOf(satisfactionTerms(c));

/** 网格解决占比 share resolved at grid level = resolvedAt['0'] / resolved: resolutions in the period by the grid branch (level 0). */
export const gridShareTerms = (c: Pick<KpiCounts, 'resolved' | 'resolvedAt'>): RateTerms => ({
  numerator: c.resolvedAt['0'] ?? 0,
  denominator: c.resolved,
});
export const gridShare = (c: Pick<KpiCounts, 'resolved' | 'resolvedAt'>): Rate => rateOf(gridShareTerms(c));

export interface KpiRates {
  response: Rate;
  resolution: Rate;
  satisfaction: Rate;
  gridShare: Rate;
}

export type RateKey = keyof KpiRates;
export const rateKeys: readonly RateKey[] = ['response', 'resolution', 'satisfaction', 'gridShare'];

export const rateTerms: Record<RateKey, (c: KpiCounts) => RateTerms> = {
  response: responseTerms,
  resolution: resolutionTerms,
  satisfaction: satisfactionTerms,
  gridShare: gridShareTerms,
};

export function kpiRates(c: KpiCounts): KpiRates {
  return {
    response: responseRate(c),
    resolution: resolutionRate(c),
    satisfaction: satisfactionRate(c),
    gridShare: gridShare(c),
  };
}

export const rateLabels: Record<RateKey, { zh: string; en: string }> = {
  response: { zh: '响应率', en: 'Response rate' },
  resolution: { zh: '解决率', en: 'Resolution rate' },
  satisfaction: { zh: '满意率', en: 'Satisfaction rate' },
  gridShare: { zh: '网格解决占比', en: 'Share resolved at grid level' },
};

/** Each rate's numerator and denominator in words, as the API documents and the exports print them (the functions above say why). */
export const rateDefinitions: Record<RateKey, { numerator: string; denominator: string }> = {
  response: {
    numerator:
      'respondedOnTime: requests dispatched (下单) and accepted (接单) within every deadline they were given, an approved extension included',
    denominator:
      'responsesDue: requests whose response was settled in the period, at their first acceptance with no dispatch or accept deadline lapsed before, or else at the first such lapse; withdrawn, merged or rejected before acceptance and before any lapse are in neither',
  },
  resolution: {
    numerator: 'resolved − resolutionsReopened: resolutions in the period not later reopened',
    denominator:
      'resolved: resolutions (办结) in the period, each counted (a request resolved again after reopening counts again); withdrawn, merged and rejected requests are not resolutions',
  },
  satisfaction: {
    numerator:
      'satisfied: return-visit (回访) answers given satisfied in the period, one per requester of a merged group',
    denominator:
      'satisfied + unsatisfied: return-visit answers given in the period, each requester of a merged group counted; noFeedback (requesters left unanswered) is shown apart and is in neither',
  },
  gridShare: {
    numerator: "resolvedAt['0']: resolutions in the period by the grid branch (ladder level 0)",
    denominator: 'resolved: resolutions in the period',
  },
};

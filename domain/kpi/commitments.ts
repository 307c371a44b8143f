import { yearOf } from '../commitments/calendar';
import { sumYuan } from '../commitments/money';
import { CommitmentState, Rating, ratingLabels, signedOnTime } from '../commitments/state';
import { Policy } from '../policy/policy';
import { Rate, ratio } from './rates';

/** What the commitment figures read of each commitment (its stored state, without the timeline). */
export type CommitmentFacts = Pick<
  CommitmentState,
  'startsAt' | 'endsAt' | 'closedAt' | 'letters' | 'visits' | 'problems' | 'funds' | 'assessments'
> & { submission: Pick<CommitmentState['submission'], 'termYears'> };

/** A period as instants: `start` inclusive, `end` exclusive; `fromDay`/`toDay` the same Beijing days, inclusive. */
export interface CommitmentPeriod {
  start: number;
  end: number;
  fromDay: string;
  toDay: string;
}

/**
 * 承诺履行 a unit's commitments over a period, each figure a plain count or sum over the
 * commitments of its jurisdiction, so the definitions below are exact:
 * - commitments: active at some time in the period (term started before its end, ended and not
 *   closed before its start);
 * - letters: annual responsibility letters (年度帮扶责任书) due in the period whose due time has
 *   passed or that are signed; signedOnTime at or before the due time, signedLate after it,
 *   unsigned not yet; rate = signedOnTime / due;
 * - visits kept: visits recorded in the period;
 * - problems: opened in the period, and solved (resolved) in the period;
 * - funds: securedYuan, funding entries dated in the period; against the target, for each
 *   commitment whose letter for the plan year running at the period's end (or now, if earlier)
 *   sets one: targetYuan the sum of those targets, towardTargetYuan the funds recorded for those
 *   plan years up to the period's last day; rate = towardTargetYuan / targetYuan;
 * - assessments: yearly assessments (年度考核) computed in the period, by rating, and their mean score.
 */
export interface CommitmentKpis {
  commitments: number;
  letters: { due: number; signedOnTime: number; signedLate: number; unsigned: number; rate: Rate };
  visits: { kept: number };
  problems: { opened: number; solved: number };
  funds: { securedYuan: number; targetYuan: number; towardTargetYuan: number; rate: Rate };
  assessments: { count: number; byRating: Record<Rating, number>; meanScore: number | null };
}

const ratings = Object.keys(ratingLabels) as Rating[];

export function commitmentKpis(
  all: readonly CommitmentFacts[],
  period: CommitmentPeriod,
  now: number,
  policy: Policy,
): CommitmentKpis {
  const inPeriod = (at: string | undefined) =>
    at !== undefined && Date.parse(at) >= period.start && Date.parse(at) < period.end;
  const active = all.filter(
    (c) =>
      Date.parse(c.startsAt) < period.end &&
      Date.parse(c.endsAt) > period.start &&
      !(c.closedAt && Date.parse(c.closedAt) < period.start),
  );
  const letters = active
    .flatMap((c) => c.letters)
    .filter((l) => inPeriod(l.dueAt) && (Date.parse(l.dueAt) <= now || l.signedAt));
  const onTime = letters.filter(signedOnTime).length;
  const signed = letters.filter((l) => l.signedAt).length;
  const funds = active.flatMap((c) => c.funds);
  const toward = active.flatMap((c) => towardTarget(c, period, now, policy));
  const targetYuan = sumYuan(toward.map((t) => t.target));
  const towardTargetYuan = sumYuan(toward.map((t) => t.secured));
  const assessments = active.flatMap((c) => c.assessments).filter((a) => inPeriod(a.computedAt));
  return {
    commitments: active.length,
    letters: {
      due: letters.length,
      signedOnTime: onTime,
      signedLate: signed - onTime,
      unsigned: letters.length - signed,
      rate: ratio(onTime, letters.length),
    },
    visits: { kept: active.flatMap((c) => c.visits).filter((v) => inPeriod(v.at)).length },
    problems: {
      opened: active.flatMap((c) => c.problems).filter((p) => inPeriod(p.openedAt)).length,
      solved: active
        .flatMap((c) => c.problems)
        .filter((p) => p.status === 'resolved' && inPeriod(p.resolvedAt)).length,
    },
    funds: {
      securedYuan: sumYuan(
        funds.filter((f) => f.date >= period.fromDay && f.date <= period.toDay).map((f) => f.amountYuan),
      ),
      targetYuan,
      towardTargetYuan,
      rate: ratio(towardTargetYuan, targetYuan),
    },
    assessments: {
      count: assessments.length,
      byRating: Object.fromEntries(
        ratings.map((r) => [r, assessments.filter((a) => a.rating === r).length]),
      ) as Record<Rating, number>,
      meanScore: assessments.length
        ? Math.round((100 * assessments.reduce((sum, a) => sum + a.score, 0)) / assessments.length) / 100
        : null,
    },
  };
}

/** The funds target of the plan year running at the period's end, and what was secured for that year by then. */
function towardTarget(
  c: CommitmentFacts,
  period: CommitmentPeriod,
  now: number,
  policy: Policy,
): { target: number; secured: number }[] {
  const at = Math.min(period.end, now) - 1;
  if (at < Date.parse(c.startsAt) || at >= Date.parse(c.endsAt)) return [];
  const year = yearOf(c.startsAt, c.submission.termYears, at, policy);
  const target = c.letters.find((l) => l.year === year)?.fundsTargetYuan;
  if (!target) return [];
  const secured = sumYuan(
    c.funds.filter((f) => f.year === year && f.date <= period.toDay).map((f) => f.amountYuan),
  );
  return [{ target, secured }];
}

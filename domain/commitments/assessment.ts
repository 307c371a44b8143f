import { CommitmentPolicy, Policy } from '../policy/policy';
import { periodsBetween, yearStart } from './calendar';
import { sumYuan } from './money';
import { Assessment, AssessmentFigures, CommitmentState, Rating, signedOnTime } from './state';

const weights = { letter: 20, visits: 30, problems: 30, funds: 20, deeds: 40 };

/**
 * 年度考核: a year's rating computed only from what was recorded. Each obligation that applies
 * to this kind of commitment scores 0–1 with a weight; the reasons say what each figure was.
 */
export function assessYear(
  state: CommitmentState,
  year: number,
  now: number,
  policy: Policy,
  final: boolean,
): Assessment {
  const rules: CommitmentPolicy = policy.commitments![state.submission.kind];
  const from = yearStart(state.startsAt, year, policy);
  const to = Math.min(yearStart(state.startsAt, year + 1, policy), now);
  const parts: { weight: number; score: number }[] = [];
  const reasons: string[] = [];
  const figures: AssessmentFigures = { problemsHandled: 0, problemsSolved: 0, fundsYuan: 0 };

  const letter = state.letters.find((l) => l.year === year);
  if (rules.letterDue && letter) {
    figures.letterSignedOnTime = signedOnTime(letter);
    parts.push({ weight: weights.letter, score: figures.letterSignedOnTime ? 1 : 0 });
    reasons.push(
      letter.signedAt
        ? `责任书${figures.letterSignedOnTime ? '按时' : '逾期'}签订 letter signed ${figures.letterSignedOnTime ? 'on time' : 'late'} (${letter.signedAt}, due ${letter.dueAt})`
        : `责任书未签订 letter not signed (due ${letter.dueAt})`,
    );
  }
  if (rules.visitEvery) {
    figures.visitsExpected = Math.max(1, periodsBetween(from, to, rules.visitEvery, policy));
    figures.visitsKept = state.visits.filter((v) => v.year === year).length;
    parts.push({ weight: weights.visits, score: Math.min(1, figures.visitsKept / figures.visitsExpected) });
    reasons.push(
      `走访 visits: ${figures.visitsKept} of ${figures.visitsExpected} expected (every ${typeof rules.visitEvery === 'string' ? rules.visitEvery : `${rules.visitEvery.workingDays} working days`})`,
    );
  }
  const handled = state.problems.filter(
    (p) => p.year <= year && (p.status === 'open' || (p.resolvedAt && Date.parse(p.resolvedAt) >= from)),
  );
  figures.problemsHandled = handled.length;
  figures.problemsSolved = handled.filter(
    (p) => p.status === 'resolved' && Date.parse(p.resolvedAt!) < yearStart(state.startsAt, year + 1, policy),
  ).length;
  if (handled.length) {
    parts.push({ weight: weights.problems, score: figures.problemsSolved / handled.length });
    reasons.push(`问题 problems: ${figures.problemsSolved} of ${handled.length} solved`);
  }
  if (state.submission.kind === 'enterprise') {
    figures.fundsYuan = sumYuan(state.funds.filter((f) => f.year === year).map((f) => f.amountYuan));
    figures.fundsTargetYuan = letter?.fundsTargetYuan;
    const score = figures.fundsTargetYuan
      ? Math.min(1, figures.fundsYuan / figures.fundsTargetYuan)
      : figures.fundsYuan > 0
        ? 1
        : 0.5;
    parts.push({ weight: weights.funds, score });
    reasons.push(
      `帮扶资金 funds secured: ¥${figures.fundsYuan}${figures.fundsTargetYuan ? ` of ¥${figures.fundsTargetYuan} target` : ' (no target set)'}`,
    );
  }
  const deeds = state.deeds.filter((d) => d.year === year);
  const expected = state.submission.kind === 'pledge' ? deeds.length : rules.deedsPerYear;
  if (expected !== undefined && (expected > 0 || deeds.length > 0)) {
    figures.deedsExpected = expected;
    figures.deedsDone = deeds.filter((d) => d.done).length;
    parts.push({ weight: weights.deeds, score: expected ? Math.min(1, figures.deedsDone / expected) : 1 });
    reasons.push(
      `实事 deeds: ${figures.deedsDone} done of ${expected} ${state.submission.kind === 'pledge' ? 'promised' : 'expected'}`,
    );
  }
  const totalWeight = parts.reduce((a, p) => a + p.weight, 0);
  const score = totalWeight
    ? Math.round((100 * parts.reduce((a, p) => a + p.weight * p.score, 0)) / totalWeight)
    : 0;
  return {
    year,
    final,
    computedAt: new Date(now).toISOString(),
    score,
    rating: ratingFor(score, rules),
    figures,
    reasons,
  };
}

function ratingFor(score: number, rules: CommitmentPolicy): Rating {
  if (score >= rules.ratings.excellent) return 'excellent';
  if (score >= rules.ratings.good) return 'good';
  if (score >= rules.ratings.fair) return 'fair';
  return 'poor';
}

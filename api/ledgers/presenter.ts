import { Ledger } from '../../activities/kpi/ledger';
import { UnitCommitmentKpis } from '../../activities/kpi/commitments';
import { counters, KpiCounts } from '../../domain/kpi/counts';
import { compositeScore, UnitRanking } from '../../domain/kpi/ranking';
import { kpiRates, rateKeys, rateTerms } from '../../domain/kpi/rates';
import { KpiSettings } from '../../domain/kpi/settings';
import { Period } from '../../domain/kpi/period';
import { OrgDirectory } from '../../domain/org';
import { Policy } from '../../domain/policy/policy';
import { CategoryTree } from '../../domain/categories/types';
import { subjectRows } from '../../domain/kpi/subjects';
import { channelLabels, statusLabels } from '../../domain/requests/state';
import { notFound } from '../errors';
import { CommitmentKpisView, LedgerView, RankingView } from './schema';

type LevelView = LedgerView['unit']['level'];
type UnitView = LedgerView['unit'];

export const levelView = (policy: Policy, rung: number): LevelView => ({
  rung,
  id: policy.ladder[rung].id,
  label: policy.ladder[rung].label,
});

/** A unit of the org tree with its name and level, or a 404 naming it. */
export function unitView(org: OrgDirectory, policy: Policy, unitId: string): UnitView {
  const rung = org.levelOf(unitId);
  const name = org.nameOf(unitId);
  if (rung === undefined || rung < 0 || !name) throw notFound(`unit ${unitId}`);
  return { id: unitId, name, level: levelView(policy, rung) };
}

function ratesView(counts: KpiCounts): LedgerView['rates'] {
  const rates = kpiRates(counts);
  return Object.fromEntries(
    rateKeys.map((key) => [key, { rate: rates[key], ...rateTerms[key](counts) }]),
  ) as LedgerView['rates'];
}

const scoring = (settings: KpiSettings): LedgerView['scoring'] => ({
  weights: settings.weights,
  penaltyPerLapse: settings.penaltyPerLapse,
});

/** Every rung of the ladder, then the level ids a case recorded that the policy no longer names. */
function byLevel(counts: KpiCounts, policy: Policy): LedgerView['byLevel'] {
  const rungs = policy.ladder.map((_, rung) => ({ ...levelView(policy, rung), key: String(rung) }));
  const known = new Set(rungs.map((r) => r.key));
  const others = [...new Set([...Object.keys(counts.escalatedTo), ...Object.keys(counts.resolvedAt)])]
    .filter((key) => !known.has(key))
    .sort()
    .map((id) => ({ rung: null, id, label: { zh: id, en: id }, key: id }));
  return [...rungs, ...others].map(({ key, ...level }) => ({
    ...level,
    escalatedTo: counts.escalatedTo[key] ?? 0,
    resolvedAt: counts.resolvedAt[key] ?? 0,
  }));
}

type KeyedCount = LedgerView['byCategory'][number];

/** Every key `known` names, in its order, then any other key the counts hold (a category since removed from the policy) by its name. */
function keyedCounts(
  counted: Record<string, number>,
  known: readonly (readonly [string, { zh: string; en: string }])[],
): KeyedCount[] {
  const names = new Set(known.map(([key]) => key));
  const others = Object.keys(counted)
    .filter((key) => !names.has(key))
    .sort()
    .map((key) => [key, { zh: key, en: key }] as const);
  return [...known, ...others].map(([key, label]) => ({ key, label, count: counted[key] ?? 0 }));
}

export function presentLedger(
  ledger: Ledger,
  unit: UnitView,
  policy: Policy,
  settings: KpiSettings,
  overdue: LedgerView['overdue'],
  subjects: { tree: CategoryTree; level: number },
): LedgerView {
  const { counts } = ledger;
  return {
    unit,
    period: { from: ledger.from, to: ledger.to },
    counts: Object.fromEntries(counters.map((c) => [c, counts[c]])) as LedgerView['counts'],
    byLevel: byLevel(counts, policy),
    byStatus: keyedCounts(ledger.byStatus, Object.entries(statusLabels)),
    byCategory: keyedCounts(
      counts.filedByCategory,
      Object.entries(policy.categories).map(([key, category]) => [key, category.label] as const),
    ),
    byChannel: keyedCounts(counts.filedByChannel, Object.entries(channelLabels)),
    bySubject: {
      level: subjects.level,
      treeVersion: subjects.tree.version,
      rows: subjectRows(counts, subjects.tree, subjects.level, policy.categories),
    },
    rates: ratesView(counts),
    noFeedback: counts.noFeedback,
    lapsed: counts.lapsed,
    score: compositeScore(ledger.rates, counts.lapsed, settings),
    scoring: scoring(settings),
    overdue,
    read: ledger.read,
  };
}

export function presentRanking(
  ranking: { units: UnitRanking[]; read: number },
  level: LevelView,
  period: Period,
  org: OrgDirectory,
  settings: KpiSettings,
): RankingView {
  return {
    level,
    period,
    scoring: scoring(settings),
    units: ranking.units.map((u) => ({
      position: u.position,
      unit: { id: u.unit, name: org.nameOf(u.unit)! },
      score: u.score,
      rates: ratesView(u.counts),
      filed: u.counts.filed,
      resolved: u.counts.resolved,
      noFeedback: u.counts.noFeedback,
      lapsed: u.counts.lapsed,
    })),
    read: ranking.read,
  };
}

export function presentCommitmentKpis(kpis: UnitCommitmentKpis, unit: UnitView): CommitmentKpisView {
  return {
    unit,
    period: { from: kpis.from, to: kpis.to },
    commitments: kpis.commitments,
    letters: kpis.letters,
    visits: kpis.visits,
    problems: kpis.problems,
    funds: kpis.funds,
    assessments: kpis.assessments,
    read: kpis.read,
  };
}

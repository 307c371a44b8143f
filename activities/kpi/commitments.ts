import type { Model } from 'mongoose';
import { localMidnight } from '../../domain/commitments/calendar';
import { CommitmentFacts, commitmentKpis, CommitmentKpis } from '../../domain/kpi/commitments';
import { addDays } from '../../domain/kpi/period';
import { Policy } from '../../domain/policy/policy';
import { CommitmentDoc } from '../db/commitmentModels';
import { unitField } from '../db/listShapes';

/** A unit at its ladder level and a period of Beijing days, `from` to `to` inclusive. */
export interface CommitmentKpiQuery {
  level: number;
  unit: string;
  from: string;
  to: string;
}

export interface UnitCommitmentKpis extends CommitmentKpiQuery, CommitmentKpis {
  /** Commitment documents read: the unit's commitments whose term overlaps the period */
  read: number;
}

/** What the figures need of a stored state: never its timeline, which a three-year plan makes long. */
const factsOnly = Object.fromEntries(
  [
    'submission.termYears',
    'startsAt',
    'endsAt',
    'closedAt',
    'letters',
    'visits',
    'problems',
    'funds',
    'assessments',
  ].map((path) => [`state.${path}`, 1]),
);

/**
 * A unit's commitment figures (domain/kpi/commitments.ts) from the commitments' list documents:
 * one equality on the unit's `unit<level>` field (an index on MongoDB, a GIN index on FerretDB over
 * PostgreSQL) with the term overlapping the period, so it reads the unit's commitments and no other.
 */
export async function readCommitmentKpis(
  model: Model<CommitmentDoc>,
  policy: Policy,
  query: CommitmentKpiQuery,
  now: number,
): Promise<UnitCommitmentKpis> {
  const start = localMidnight(query.from, policy);
  const end = localMidnight(addDays(query.to, 1), policy);
  const docs = await model
    .find({
      [unitField(query.level)]: query.unit,
      startsAt: { $lt: new Date(end) },
      endsAt: { $gt: new Date(start) },
    })
    .select(factsOnly)
    .lean<{ state: CommitmentFacts }[]>()
    .exec();
  const figures = commitmentKpis(
    docs.map((doc) => doc.state),
    { start, end, fromDay: query.from, toDay: query.to },
    now,
    policy,
  );
  return { ...query, ...figures, read: docs.length };
}

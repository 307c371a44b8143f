import { Connection, Model, Schema } from 'mongoose';
import { commitmentListShapes, commitmentUnitShapes, declareListIndexes, ladderLevels } from './listShapes';

/**
 * Read models of commitments, their problems and the funds ledger (台账); all rebuildable from
 * Temporal. A commitment's list document is shaped like a request's (models.ts): its units by
 * ladder level as top-level fields and the `month`, `day` and `hour` (Beijing) its term starts,
 * so lists read it in slices.
 */
export type CommitmentDoc = CommitmentListFields & { [unitAtLevel: `unit${number}`]: string };

interface CommitmentListFields {
  _id: string;
  revision: number;
  kind: string;
  status: string;
  title: string;
  team: string;
  department: string;
  enterprise?: string;
  lead: string;
  holders: string[];
  year: number;
  startsAt: Date;
  month: string;
  day: string;
  hour: string;
  endsAt: Date;
  nextObligationDueAt?: Date;
  escalated: boolean;
  gridId: string;
  units: string[];
  updatedAt: Date;
  state: unknown;
}

export interface ProblemDoc {
  _id: string;
  revision: number;
  commitmentId: string;
  problemId: string;
  title: string;
  area: string;
  status: string;
  level: number;
  owner: string;
  dueAt?: Date;
  outcome?: string;
  updatedAt: Date;
  state: unknown;
}

export interface FundingDoc {
  _id: string;
  commitmentId: string;
  amountYuan: number;
  source: string;
  date: string;
  year: number;
  recordedBy: string;
  note?: string;
}

export interface CommitmentModels {
  Commitment: Model<CommitmentDoc>;
  Problem: Model<ProblemDoc>;
  Funding: Model<FundingDoc>;
}

export function createCommitmentModels(connection: Connection): CommitmentModels {
  const commitment = new Schema<CommitmentDoc>(
    {
      _id: String,
      revision: { type: Number, required: true },
      kind: String,
      status: String,
      title: String,
      team: String,
      department: String,
      enterprise: String,
      lead: String,
      holders: [String],
      year: Number,
      startsAt: Date,
      month: String,
      day: String,
      hour: String,
      endsAt: Date,
      nextObligationDueAt: Date,
      escalated: Boolean,
      gridId: String,
      units: [String],
      ...Object.fromEntries(ladderLevels.map((i) => [`unit${i}`, String])),
      updatedAt: Date,
      state: Schema.Types.Mixed,
    },
    { versionKey: false, collection: 'commitments' },
  );
  declareListIndexes(commitment, [...commitmentListShapes, ...commitmentUnitShapes]);
  const problem = new Schema<ProblemDoc>(
    {
      _id: String,
      revision: { type: Number, required: true },
      commitmentId: { type: String, index: true },
      problemId: String,
      title: String,
      area: String,
      status: String,
      level: Number,
      owner: String,
      dueAt: Date,
      outcome: String,
      updatedAt: Date,
      state: Schema.Types.Mixed,
    },
    { versionKey: false, collection: 'problems' },
  );
  const funding = new Schema<FundingDoc>(
    {
      _id: String,
      commitmentId: { type: String, index: true },
      amountYuan: Number,
      source: String,
      date: String,
      year: Number,
      recordedBy: String,
      note: String,
    },
    { versionKey: false, collection: 'funds' },
  );
  return {
    Commitment: connection.model<CommitmentDoc>('Commitment', commitment),
    Problem: connection.model<ProblemDoc>('Problem', problem),
    Funding: connection.model<FundingDoc>('Funding', funding),
  };
}

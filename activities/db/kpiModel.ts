import { Connection, Model, Schema } from 'mongoose';
import type { SparseCounts } from '../kpi/contributions';
import { ladderLevels } from './listShapes';

/**
 * One request's contribution to one Beijing day of the ledger (台账), found by the unit at each
 * ladder level (`unit0`…) and by its `day` or `month`: a ledger sums those of one unit and period.
 */
export interface KpiContributionDoc {
  /** `<request id>|<day>` */
  _id: string;
  requestId: string;
  revision: number;
  day: string;
  month: string;
  units: string[];
  [unitAtLevel: `unit${number}`]: string;
  counts: SparseCounts;
}

/** The fields a ledger or a reconciliation finds contributions by; FerretDB needs a GIN index on each (store.ts). */
export const kpiLookupFields = ['requestId', 'day', 'month', ...ladderLevels.map((i) => `unit${i}`)];

export function createKpiModel(connection: Connection): Model<KpiContributionDoc> {
  const schema = new Schema<KpiContributionDoc>(
    {
      _id: String,
      requestId: String,
      revision: { type: Number, required: true },
      day: String,
      month: String,
      units: [String],
      ...Object.fromEntries(ladderLevels.map((i) => [`unit${i}`, String])),
      counts: Schema.Types.Mixed,
    },
    { versionKey: false, collection: 'kpi_contributions', minimize: false },
  );
  // Built on MongoDB only (store.ts); FerretDB gets GIN indexes instead.
  schema.set('autoIndex', false);
  schema.index({ requestId: 1 });
  for (const level of ladderLevels) {
    schema.index({ [`unit${level}`]: 1, day: 1 });
    schema.index({ [`unit${level}`]: 1, month: 1 });
  }
  return connection.model<KpiContributionDoc>('KpiContribution', schema);
}

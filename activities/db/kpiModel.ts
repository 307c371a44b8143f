import { Connection, Model, Schema } from 'mongoose';
import type { SparseCounts } from '../kpi/contributions';
import { ladderLevels } from './listShapes';

/**
 * One request's contribution to one Beijing day of the ledger (台账). A ledger sums those of one
 * unit and period, found by one key per ladder level: `dayKey<level>` (`<unit>|<day>`) and
 * `monthKey<level>` (`<unit>|<month>`). One field rather than a unit field and a day field, because
 * FerretDB over PostgreSQL serves each equality from its own GIN index and ANDs them: a month's
 * posting list holds every unit's documents, so a grid's month would cost as much as the county's.
 */
export interface KpiContributionDoc {
  /** `<request id>|<day>` */
  _id: string;
  requestId: string;
  /** A co-handler's part counted for its unit's chain (`units`), not the request's jurisdiction. */
  coHandler?: string;
  revision: number;
  day: string;
  units: string[];
  [levelKey: `${'day' | 'month'}Key${number}`]: string;
  counts: SparseCounts;
}

export type LedgerPeriod = 'day' | 'month';

export const ledgerKeyField = (period: LedgerPeriod, level: number) => `${period}Key${level}`;
export const ledgerKey = (unit: string, periodValue: string) => `${unit}|${periodValue}`;

/** A contribution's keys, for every unit of its jurisdiction. */
export function ledgerKeys(jurisdiction: string[], day: string): Record<string, string> {
  return Object.fromEntries(
    jurisdiction.flatMap((unit, level) => [
      [ledgerKeyField('day', level), ledgerKey(unit, day)],
      [ledgerKeyField('month', level), ledgerKey(unit, day.slice(0, 7))],
    ]),
  );
}

const keyFields = ladderLevels.flatMap((level) => [
  ledgerKeyField('day', level),
  ledgerKeyField('month', level),
]);

/** The fields a ledger or a reconciliation finds contributions by; FerretDB needs a GIN index on each (store.ts). */
export const kpiLookupFields = ['requestId', ...keyFields];

export function createKpiModel(connection: Connection): Model<KpiContributionDoc> {
  const schema = new Schema<KpiContributionDoc>(
    {
      _id: String,
      requestId: String,
      coHandler: String,
      revision: { type: Number, required: true },
      day: String,
      units: [String],
      ...Object.fromEntries(keyFields.map((field) => [field, String])),
      counts: Schema.Types.Mixed,
    },
    { versionKey: false, collection: 'kpi_contributions', minimize: false },
  );
  // Built on MongoDB only (store.ts); FerretDB gets GIN indexes instead.
  schema.set('autoIndex', false);
  for (const field of kpiLookupFields) schema.index({ [field]: 1 });
  return connection.model<KpiContributionDoc>('KpiContribution', schema);
}

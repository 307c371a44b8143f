import { Connection, Model, Schema } from 'mongoose';
import type { SparseCounts } from '../kpi/contributions';
import { ledgerKey } from './kpiModel';

/**
 * A unit's ledger total for one Beijing day (`kpi_totals`): the sum of its child units' totals
 * that day, a grid's the sum of its contributions. Kept per chain (the unit and every unit above
 * it, as requests recorded their jurisdiction), so a unit moved under another parent keeps its two
 * histories apart and a parent's total is exactly the sum of its children's. A ledger reads a
 * unit's totals by `dayKey` or `monthKey`; a refresh reads a chain's children by `parentKey`.
 */
export interface KpiTotalDoc {
  /** `<chain>|<day>`, the chain being the unit's id and those above it, joined by `>`. */
  _id: string;
  /**
   * The sum of the revisions of the contributions beneath: it grows with every change to them,
   * so of two refreshes that read the store at different moments the later one is written
   * (`upsertIfNewer`), and a total never goes back.
   */
  revision: number;
  unit: string;
  level: number;
  day: string;
  dayKey: string;
  monthKey: string;
  /** `<parent chain>|<day>`; none at the top. */
  parentKey?: string;
  counts: SparseCounts;
}

/**
 * A (unit, day) total some contribution changed after it was last summed (`kpi_marks`): one per
 * request, day, revision and level, written after the contributions, so a mark is only ever
 * removed by a refresh that read them. Ids never repeat for a new change (they carry the
 * revision), so a refresh never removes a mark it did not read the changes of.
 */
export interface KpiMarkDoc {
  /** `<request>|<day>|<revision>|<level>` */
  _id: string;
  /** The request's jurisdiction, bottom first: every chain the change reaches. */
  units: string[];
  level: number;
  day: string;
  /** The marked unit's `<unit>|<day>` and `<unit>|<month>`. */
  dayKey: string;
  monthKey: string;
}

export const chainOf = (units: readonly string[], level: number) => units.slice(level).join('>');
export const totalId = (chain: string, day: string) => `${chain}|${day}`;
export const markId = (request: string, day: string, revision: number, level: number) =>
  `${request}|${day}|${revision}|${level}`;

/** A unit's total for a day, placed in its chain. */
export function totalKeys(
  units: readonly string[],
  level: number,
  day: string,
): Omit<KpiTotalDoc, 'revision' | 'counts'> {
  const parent = level + 1 < units.length ? { parentKey: totalId(chainOf(units, level + 1), day) } : {};
  return {
    _id: totalId(chainOf(units, level), day),
    unit: units[level],
    level,
    day,
    dayKey: ledgerKey(units[level], day),
    monthKey: ledgerKey(units[level], day.slice(0, 7)),
    ...parent,
  };
}

/** The fields totals and marks are found by; FerretDB needs a GIN index on each (store.ts). */
export const kpiTotalLookupFields = ['dayKey', 'monthKey', 'parentKey'];
export const kpiMarkLookupFields = ['dayKey', 'monthKey'];

export function createKpiTotalModels(connection: Connection): {
  KpiTotal: Model<KpiTotalDoc>;
  KpiMark: Model<KpiMarkDoc>;
} {
  const total = new Schema<KpiTotalDoc>(
    {
      _id: String,
      revision: { type: Number, required: true },
      unit: String,
      level: Number,
      day: String,
      dayKey: String,
      monthKey: String,
      parentKey: String,
      counts: Schema.Types.Mixed,
    },
    { versionKey: false, collection: 'kpi_totals', minimize: false },
  );
  const mark = new Schema<KpiMarkDoc>(
    { _id: String, units: [String], level: Number, day: String, dayKey: String, monthKey: String },
    { versionKey: false, collection: 'kpi_marks' },
  );
  // Built on MongoDB only (store.ts); FerretDB gets GIN indexes instead.
  for (const [schema, fields] of [
    [total, kpiTotalLookupFields],
    [mark, kpiMarkLookupFields],
  ] as const) {
    schema.set('autoIndex', false);
    for (const field of fields) schema.index({ [field]: 1 });
  }
  return {
    KpiTotal: connection.model<KpiTotalDoc>('KpiTotal', total),
    KpiMark: connection.model<KpiMarkDoc>('KpiMark', mark),
  };
}

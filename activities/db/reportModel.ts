import { Connection, Model, Schema } from 'mongoose';
import type { CycleReport } from '../../domain/kpi/report';

/**
 * One unit's report of one cycle, `_id` `<date>|<unit>`: written once, by the first run of that
 * date, and kept. `reportsToKey` (`<date>|<unit above>`) finds the reports a unit receives in one
 * equality (FerretDB would AND separate date and unit posting lists, the date's holding every unit).
 */
export type CycleReportDoc = CycleReport & { _id: string; reportsToKey?: string };

export const cycleReportId = (date: string, unit: string) => `${date}|${unit}`;

/** The fields reports are found by besides `_id`; FerretDB needs a GIN index on each (store.ts). */
export const cycleReportLookupFields = ['date', 'reportsToKey'];

export function toCycleReportDoc(report: CycleReport): CycleReportDoc {
  return {
    _id: cycleReportId(report.date, report.unit),
    ...report,
    ...(report.reportsTo && { reportsToKey: cycleReportId(report.date, report.reportsTo) }),
  };
}

export function createCycleReportModel(connection: Connection): Model<CycleReportDoc> {
  const schema = new Schema<CycleReportDoc>(
    {
      _id: String,
      date: String,
      unit: String,
      level: Number,
      reportsTo: String,
      reportsToKey: String,
      period: Schema.Types.Mixed,
      asOf: String,
      filed: Number,
      open: Schema.Types.Mixed,
      overdue: Schema.Types.Mixed,
      escalated: Number,
      resolved: Number,
      satisfaction: Schema.Types.Mixed,
      publicNotices: Schema.Types.Mixed,
    },
    { versionKey: false, collection: 'cycle_reports', minimize: false },
  );
  // Built on MongoDB only (store.ts); FerretDB gets GIN indexes instead.
  schema.set('autoIndex', false);
  for (const field of cycleReportLookupFields) schema.index({ [field]: 1 });
  return connection.model<CycleReportDoc>('CycleReport', schema);
}

import { heartbeat } from '@temporalio/activity';
import type { Model } from 'mongoose';
import {
  ReportCyclePageInput,
  ReportCyclePageResult,
  ReportCyclePlan,
  reportCycleWorkflowId,
} from '../../common/reports';
import { KeyedNotice } from '../../common/notifications';
import { buildCycleReport, CycleReport, reportNotices } from '../../domain/kpi/report';
import { OrgDirectory } from '../../domain/org';
import type { Models } from '../db/models';
import { cycleReportId, CycleReportDoc, toCycleReportDoc } from '../db/reportModel';
import { readLedger } from '../kpi/ledger';
import { readOpenRequests } from '../kpi/overdue';

export interface ReportDeps {
  models: Models;
  org: OrgDirectory;
  /** The worker's policy's ladder level ids, bottom first: what ledgers count levels by */
  ladder: readonly string[];
  deliverInbox(notices: KeyedNotice[]): Promise<void>;
}

/**
 * Stores a report unless one is stored for its unit and date, and answers the one stored: the
 * first run of a date makes its reports, every later run (a retry, a rerun by hand) keeps them.
 */
async function storeFirstReport(
  model: Model<CycleReportDoc>,
  report: CycleReport,
): Promise<{ stored: CycleReportDoc; written: boolean }> {
  const { _id, ...doc } = toCycleReportDoc(report);
  try {
    const result = await model.updateOne({ _id }, { $setOnInsert: doc }, { upsert: true }).exec();
    const stored = await model.findById(_id).lean<CycleReportDoc>().exec();
    return { stored: stored!, written: result.upsertedCount === 1 };
  } catch (err) {
    // Two runs inserting at once: the other one's report is the first.
    if ((err as { code?: number }).code !== 11000) throw err;
    return { stored: (await model.findById(_id).lean<CycleReportDoc>().exec())!, written: false };
  }
}

/** A stored report as the domain built it, without the fields that serve lookups. */
export function reportOf(doc: CycleReportDoc): CycleReport {
  const { _id: _ignored, reportsToKey: _key, ...report } = doc;
  return report;
}

/** Keyed by cycle, unit and recipient: a rerun of the date tells nobody twice. */
function keyed(report: CycleReport): KeyedNotice[] {
  const caseId = reportCycleWorkflowId(report.date);
  return reportNotices(report).map((notice) => ({
    ...notice,
    key: `${caseId}:${report.unit}:${notice.recipient}`,
    caseId,
    createdAt: report.asOf,
  }));
}

async function unitReport(deps: ReportDeps, input: ReportCyclePageInput, unit: string): Promise<CycleReport> {
  const query = { level: input.level, unit };
  const [ledger, open] = await Promise.all([
    readLedger(deps.models, deps.ladder, { ...query, ...input.period }),
    readOpenRequests(deps.models, deps.ladder, { ...query, now: Date.parse(input.asOf) }),
  ]);
  return buildCycleReport({
    ...query,
    date: input.date,
    reportsTo: deps.org.parentOf(unit),
    period: input.period,
    asOf: input.asOf,
    counts: ledger.counts,
    open,
  });
}

export function reportActivities(deps: ReportDeps) {
  return {
    async planReportCycle(): Promise<ReportCyclePlan> {
      return { unitsPerLevel: deps.ladder.map((_, level) => deps.org.unitsAt(level).length) };
    },

    /**
     * The reports of a page of the units at one level: for a unit without a report of this date,
     * its ledger over the period (readLedger) and its open requests at `asOf` (readOpenRequests),
     * built and stored; then the stored report is sent to the unit and the unit above (keyed, so a
     * rerun sends nothing again). Heartbeats per unit.
     */
    async reportCyclePage(input: ReportCyclePageInput): Promise<ReportCyclePageResult> {
      const units = deps.org.unitsAt(input.level).slice(input.offset, input.offset + input.limit);
      const result = { written: 0, kept: 0 };
      for (const unit of units) {
        const earlier = await deps.models.CycleReport.findById(cycleReportId(input.date, unit))
          .lean<CycleReportDoc>()
          .exec();
        const { stored, written } = earlier
          ? { stored: earlier, written: false }
          : await storeFirstReport(deps.models.CycleReport, await unitReport(deps, input, unit));
        await deps.deliverInbox(keyed(reportOf(stored)));
        result[written ? 'written' : 'kept'] += 1;
        heartbeat(result);
      }
      return result;
    },
  };
}

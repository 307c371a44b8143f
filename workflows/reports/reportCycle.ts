import { executeChild, ParentClosePolicy, proxyActivities, workflowInfo } from '@temporalio/workflow';
import {
  defineSearchAttributeKey,
  SearchAttributeType,
  WorkflowExecutionAlreadyStartedError,
} from '@temporalio/common';
import type { Activities } from '../../activities';
import { ReportCycleInput, ReportCycleResult, reportCycleWorkflowId } from '../../common/reports';
import { kpiDay } from '../../domain/kpi/facts';
import { cyclePeriod, latestCycleDay } from '../../domain/kpi/report';

const { planReportCycle, reportCyclePage } = proxyActivities<Activities>({
  startToCloseTimeout: '1 hour',
  heartbeatTimeout: '5 minutes',
  retry: { initialInterval: '1 minute', maximumInterval: '30 minutes', maximumAttempts: 5 },
});

/** Units per activity: each reads its ledger and open requests, so a page stays well within its timeout, and the history holds a few events per page. */
const unitsPerPage = 50;

/**
 * One cycle's reports, level by level and page by page of the org directory's units. Every report
 * is judged at the same instant (`asOf`, when the run starts) over the same period. A unit already
 * reported for this date keeps its report (activities/reports/cycle.ts), so running a date again
 * yields the reports it first made.
 */
export async function reportCycle(input: ReportCycleInput): Promise<ReportCycleResult> {
  const now = Date.now();
  const asOf = new Date(now).toISOString();
  const period = cyclePeriod(input.date, kpiDay(asOf));
  const { unitsPerLevel } = await planReportCycle();
  const result = { written: 0, kept: 0 };
  for (const [level, units] of unitsPerLevel.entries()) {
    for (let offset = 0; offset < units; offset += unitsPerPage) {
      const page = await reportCyclePage({ ...input, period, asOf, level, offset, limit: unitsPerPage });
      result.written += page.written;
      result.kept += page.kept;
    }
  }
  return { date: input.date, period, asOf, ...result };
}

const scheduledStartTime = defineSearchAttributeKey(
  'TemporalScheduledStartTime',
  SearchAttributeType.DATETIME,
);

/**
 * Started by the report schedule (worker/reportSchedule.ts): runs the cycle of the Beijing day it
 * was scheduled for (a catch-up after an outage keeps its date; a trigger by hand on another day
 * runs the latest cycle day's) under the date's own workflow id,
 * so a run by hand of the same date is never doubled. While one runs, this one leaves it to it.
 */
export async function scheduledReportCycle(): Promise<ReportCycleResult | undefined> {
  const info = workflowInfo();
  const scheduled = info.typedSearchAttributes.get(scheduledStartTime) ?? info.startTime;
  const date = latestCycleDay(kpiDay(scheduled.toISOString()));
  try {
    return await executeChild(reportCycle, {
      workflowId: reportCycleWorkflowId(date),
      args: [{ date }],
      parentClosePolicy: ParentClosePolicy.ABANDON,
    });
  } catch (err) {
    if (err instanceof WorkflowExecutionAlreadyStartedError) return undefined;
    throw err;
  }
}

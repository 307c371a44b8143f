import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { cycleReportId, CycleReportDoc } from '../../activities/db/reportModel';
import { reportOf } from '../../activities/reports/cycle';
import {
  ReportCycleInput,
  ReportCycleResult,
  reportCycleWorkflowId,
  reportCycleWorkflowType,
} from '../../common/reports';
import { kpiDay } from '../../domain/kpi/facts';
import { cycleDateProblem, CycleReport } from '../../domain/kpi/report';
import { ApiDeps } from '../deps';
import { invalidField, notFound } from '../errors';

export function reportService(deps: ApiDeps) {
  const reports = deps.models.CycleReport;
  const validDate = (field: string, date: string, today = kpiDay(new Date().toISOString())) => {
    const problem = cycleDateProblem(date, today);
    if (problem) throw invalidField(field, problem);
  };
  return {
    /**
     * A unit's own report and those of the units reporting to it (two lookups by key), or every
     * report of the date (one lookup by date): as many as the org has units, never more.
     */
    async list(date: string, unit: string | undefined): Promise<CycleReport[]> {
      validDate('query.date', date);
      if (unit !== undefined && deps.org.levelOf(unit) === undefined)
        throw invalidField('query.unit', `unknown unit ${unit}`);
      const docs = unit
        ? [
            ...(await reports.find({ _id: cycleReportId(date, unit) }).lean<CycleReportDoc[]>()),
            ...(await reports.find({ reportsToKey: cycleReportId(date, unit) }).lean<CycleReportDoc[]>()),
          ]
        : await reports.find({ date }).lean<CycleReportDoc[]>();
      return docs.map(reportOf).sort((a, b) => a.level - b.level || a.unit.localeCompare(b.unit));
    },

    async one(date: string, unit: string): Promise<CycleReport> {
      validDate('params.date', date);
      const doc = await reports.findById(cycleReportId(date, unit)).lean<CycleReportDoc>();
      if (!doc) throw notFound(`report of ${unit} for ${date}`);
      return reportOf(doc);
    },

    /**
     * Runs the cycle of `date` and waits for it: under the date's workflow id, so a run already
     * under way (the schedule's, or another administrator's) is joined rather than doubled.
     */
    async run(date: string): Promise<ReportCycleResult & { workflowId: string }> {
      validDate('body.date', date);
      const workflowId = reportCycleWorkflowId(date);
      const input: ReportCycleInput = { date };
      const handle = await deps.temporal.workflow
        .start(reportCycleWorkflowType, { workflowId, taskQueue: deps.taskQueue, args: [input] })
        .catch((err) => {
          if (err instanceof WorkflowExecutionAlreadyStartedError)
            return deps.temporal.workflow.getHandle(workflowId);
          throw err;
        });
      const result: ReportCycleResult = await handle.result();
      return { workflowId, ...result };
    },
  };
}

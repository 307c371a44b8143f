import type { CyclePeriod } from '../domain/kpi/report';

/** The 14th/28th reporting cycle (domain/kpi/report.ts): its schedule, its workflows and their inputs. */
export const reportScheduleId = 'report-cycle';
export const reportCycleWorkflowType = 'reportCycle';
export const scheduledReportCycleWorkflowType = 'scheduledReportCycle';

/** One run per cycle date: a second start for the same date while one runs is refused. */
export const reportCycleWorkflowId = (date: string) => `report-cycle-${date}`;

export interface ReportCycleInput {
  /** The cycle day, `YYYY-MM-DD` (Beijing): a 14th or a 28th */
  date: string;
}

export interface ReportCycleResult {
  date: string;
  period: CyclePeriod;
  asOf: string;
  /** Reports made by this run */
  written: number;
  /** Reports an earlier run had made for this date, kept as they were */
  kept: number;
}

/** What a cycle goes through: the ladder levels of the org directory, with how many units sit at each. */
export interface ReportCyclePlan {
  unitsPerLevel: number[];
}

export interface ReportCyclePageInput {
  date: string;
  period: CyclePeriod;
  asOf: string;
  level: number;
  /** The units at `level`, by id, from `offset`, at most `limit` */
  offset: number;
  limit: number;
}

export interface ReportCyclePageResult {
  written: number;
  kept: number;
}

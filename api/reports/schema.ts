import { z } from 'zod';
import '../openapi';
import { identifier } from '../caseSchemas';
import { exportQuery } from '../export/download';
import { overdueLineView } from '../ledgers/overdue';

const cycleDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD')
  .openapi({ description: 'the cycle day (Beijing): a 14th or a 28th', example: '2026-12-14' });

const unitId = identifier(100, 'a unit id');

export const listReportsQuery = z
  .object({
    date: cycleDate,
    unit: unitId.optional().openapi({
      description: 'the unit’s own report and those of the units that report to it; every unit’s when absent',
    }),
  })
  .strict();

export const reportParams = z.object({ date: cycleDate, unitId });

export const reportQuery = z.object(exportQuery).strict();

export const runCycleBody = z.object({ date: cycleDate }).strict();

const period = z.object({ from: z.string(), to: z.string() });

const committeeLapseLine = z.object({
  requestId: z.string(),
  title: z.string(),
  lapses: z.number().int(),
  overdueSince: z.string().optional(),
  leadOfficial: z.string().optional(),
  leadUnit: z.string().optional(),
});

const reportSummaryShape = {
  date: z.string(),
  unit: z.string(),
  level: z.number().int().openapi({ description: 'ladder level, 0 = grid branch' }),
  reportsTo: z.string().optional(),
  period: period.openapi({ description: 'the Beijing days the counts cover, inclusive' }),
  asOf: z.string().openapi({ description: 'when open and overdue requests were read' }),
  filed: z.number().int().openapi({ description: '新增: filed in the period' }),
  open: z.number().int().openapi({ description: '在办: open at asOf' }),
  overdue: z.number().int().openapi({ description: '超期: open and past the stage deadline at asOf' }),
  escalated: z.number().int().openapi({ description: '上报升级: escalations in the period' }),
  resolved: z.number().int().openapi({ description: '办结: resolutions in the period' }),
  satisfaction: z.object({
    satisfied: z.number().int(),
    unsatisfied: z.number().int(),
    noFeedback: z.number().int(),
    rate: z
      .number()
      .nullable()
      .openapi({ description: 'satisfied / (satisfied + unsatisfied); null when none answered' }),
  }),
  publicNotices: z.number().int().openapi({
    description:
      '通报: lapses at the top in the period plus open requests whose committee deadline was missed',
  }),
};

export const reportSummary = z.object(reportSummaryShape).openapi('CycleReportSummary');

export const reportList = z.object({ items: z.array(reportSummary) }).openapi('CycleReportList');

export const reportView = z
  .object({
    ...reportSummaryShape,
    openByStatus: z.record(z.string(), z.number().int()),
    overdueItems: z.array(overdueLineView).openapi({ description: 'at most 500, by request id' }),
    lapsedAtTop: z.number().int(),
    committeeLapses: z.array(committeeLapseLine),
  })
  .openapi('CycleReport');

export const runCycleView = z
  .object({
    workflowId: z.string(),
    date: z.string(),
    period,
    asOf: z.string(),
    written: z.number().int().openapi({ description: 'reports this run made' }),
    kept: z
      .number()
      .int()
      .openapi({ description: 'reports an earlier run of the date had made, kept as they were' }),
  })
  .openapi('CycleRun');

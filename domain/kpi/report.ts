import { Notice } from '../timeline';
import { finalStatuses, RequestStatus } from '../requests/state';
import { KpiCounts } from './counts';
import { OpenRequest, OverdueLine, overdueLines } from './overdue';
import { Rate, satisfactionRate } from './rates';

/**
 * The reporting cycle (半月报): on the 14th and the 28th of each month every unit reports to the
 * level above what came in, what is open, what is overdue and with whom, what escalated, what was
 * resolved and how residents answered. Pure: the activities read the ledger and the open requests
 * and store what this builds.
 */

/** The days of the month (Beijing) a cycle reports on. */
export const cycleDays = [14, 28] as const;

const dayPattern = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date `YYYY-MM-DD`, or undefined. */
function parseDay(day: string): { year: number; month: number; dom: number } | undefined {
  const match = dayPattern.exec(day);
  if (!match) return undefined;
  const [year, month, dom] = match.slice(1).map(Number);
  const date = new Date(Date.UTC(year, month - 1, dom));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === dom
    ? { year, month, dom }
    : undefined;
}

const iso = (year: number, month: number, dom: number) =>
  new Date(Date.UTC(year, month - 1, dom)).toISOString().slice(0, 10);

export const addDays = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** The cycle day before `day` (a 14th or 28th, strictly earlier). */
export function previousCycleDay(day: string): string {
  const { year, month, dom } = parseDay(day)!;
  if (dom > 28) return iso(year, month, 28);
  if (dom > 14) return iso(year, month, 14);
  return iso(year, month - 1, 28);
}

/** The first cycle day on or after `day`. */
export function nextCycleDay(day: string): string {
  const { year, month, dom } = parseDay(day)!;
  if (dom <= 14) return iso(year, month, 14);
  if (dom <= 28) return iso(year, month, 28);
  return iso(year, month + 1, 14);
}

const isCycleDay = (day: string) => (cycleDays as readonly number[]).includes(parseDay(day)?.dom ?? 0);

/** The cycle day `day` is, or else the one before it: what a run started on `day` reports. */
export const latestCycleDay = (day: string) => (isCycleDay(day) ? day : previousCycleDay(day));

/** The cycle under way on `today`: the first cycle day after it, whose period counts today. */
export const cycleUnderWay = (today: string) => nextCycleDay(addDays(today, 1));

/**
 * Why `date` cannot name a cycle run on `today` (Beijing), or undefined when it can: it must be a
 * real date, a 14th or a 28th, and not later than the cycle under way (a report cannot run ahead
 * of the days it counts).
 */
export function cycleDateProblem(date: string, today: string): string | undefined {
  if (!parseDay(date)) return `${date} is not a date YYYY-MM-DD`;
  if (!isCycleDay(date)) return `${date} is not a cycle day: reports are made on the 14th and the 28th`;
  const underWay = cycleUnderWay(today);
  if (date > underWay) return `${date} is after the cycle under way, ${underWay}`;
  return undefined;
}

/** The Beijing days a cycle's counts cover, `from` to `to` inclusive. */
export interface CyclePeriod {
  from: string;
  to: string;
}

/**
 * The cycle of `date` counts the days from the previous cycle day to the day before its own: the
 * 14th counts the 28th of the month before to the 13th, the 28th counts the 14th to the 27th. Each
 * day is in exactly one cycle, and a cycle run on its day (at 08:00) counts whole days only. Run
 * before its day (by hand, for the cycle under way), it counts up to the day it runs on.
 */
export function cyclePeriod(date: string, runDay: string): CyclePeriod {
  const last = addDays(date, -1);
  return { from: previousCycleDay(date), to: runDay < last ? runDay : last };
}

/** A committee deadline missed (通报): the lead official's case, and how often it lapsed. */
export interface CommitteeLapseLine {
  requestId: string;
  title: string;
  lapses: number;
  overdueSince?: string;
  leadOfficial?: string;
  leadUnit?: string;
}

export interface CycleReport {
  date: string;
  unit: string;
  /** Its ladder level (0 = grid branch) */
  level: number;
  /** The unit it reports to; absent at the top */
  reportsTo?: string;
  period: CyclePeriod;
  /** The instant open and overdue requests were read at */
  asOf: string;
  /** 新增: requests filed in the period */
  filed: number;
  /** 在办: requests open at `asOf`, by status */
  open: { total: number; byStatus: Partial<Record<RequestStatus, number>> };
  /** 超期: open requests past their stage's deadline at `asOf`, with who holds each (at most `listed`) */
  overdue: { total: number; items: OverdueLine[] };
  /** 上报升级: escalations in the period */
  escalated: number;
  /** 办结: resolutions in the period */
  resolved: number;
  /** 满意度: return visits answered in the period; no feedback apart */
  satisfaction: { satisfied: number; unsatisfied: number; noFeedback: number; rate: Rate };
  /** 通报: deadlines lapsed at the top in the period, and open requests whose committee deadline was missed */
  publicNotices: { lapsedAtTop: number; committee: CommitteeLapseLine[] };
}

/** A report lists at most this many overdue requests and committee lapses; the totals count them all. */
export const listed = 500;

export interface ReportInput {
  date: string;
  unit: string;
  level: number;
  reportsTo?: string;
  period: CyclePeriod;
  asOf: string;
  counts: KpiCounts;
  open: readonly OpenRequest[];
}

const byRequestId = <T extends { requestId: string }>(a: T, b: T) => a.requestId.localeCompare(b.requestId);

/** One unit's report from its ledger over the period and its open requests at `asOf`. */
export function buildCycleReport(input: ReportInput): CycleReport {
  const open = input.open.filter((r) => !finalStatuses.includes(r.state.status));
  const byStatus: Partial<Record<RequestStatus, number>> = {};
  for (const { state } of open) byStatus[state.status] = (byStatus[state.status] ?? 0) + 1;
  const overdue = overdueLines(open, Date.parse(input.asOf));
  const committee = open
    .filter(({ state }) => (state.committee?.lapses ?? 0) > 0)
    .map(({ state }) => {
      const ruling = state.committee!;
      const lead = ruling.decision.kind === 'assignLead' ? ruling.decision : undefined;
      return {
        requestId: state.submission.id,
        title: state.submission.title,
        lapses: ruling.lapses,
        ...(ruling.overdueSince && { overdueSince: ruling.overdueSince }),
        ...(lead && { leadOfficial: lead.leadOfficial, leadUnit: lead.leadUnit }),
      };
    })
    .sort(byRequestId);
  const { counts } = input;
  return {
    date: input.date,
    unit: input.unit,
    level: input.level,
    ...(input.reportsTo && { reportsTo: input.reportsTo }),
    period: input.period,
    asOf: input.asOf,
    filed: counts.filed,
    open: { total: open.length, byStatus },
    overdue: { total: overdue.length, items: overdue.slice(0, listed) },
    escalated: counts.escalated,
    resolved: counts.resolved,
    satisfaction: {
      satisfied: counts.satisfied,
      unsatisfied: counts.unsatisfied,
      noFeedback: counts.noFeedback,
      rate: satisfactionRate(counts),
    },
    publicNotices: { lapsedAtTop: counts.publicNotices, committee: committee.slice(0, listed) },
  };
}

/** The inbox notices of a report: the unit itself (its leaders read its inbox) and the unit it reports to. */
export function reportNotices(report: CycleReport): Notice[] {
  const message =
    `半月报告 cycle report ${report.date} ${report.unit} (${report.period.from}–${report.period.to}): ` +
    `新增 filed ${report.filed}, 在办 open ${report.open.total}, 超期 overdue ${report.overdue.total}, ` +
    `升级 escalated ${report.escalated}, 办结 resolved ${report.resolved}, ` +
    `通报 committee lapses ${report.publicNotices.committee.length}`;
  const recipients = [report.unit, ...(report.reportsTo ? [report.reportsTo] : [])];
  return recipients.map((recipient) => ({ recipient, kind: 'cycle_report', message }));
}

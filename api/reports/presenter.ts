import { CycleReport } from '../../domain/kpi/report';
import { Column, Section, Workbook } from '../export/model';
import { overdueSection } from '../ledgers/overdue';

export function presentSummary(report: CycleReport) {
  return {
    date: report.date,
    unit: report.unit,
    level: report.level,
    ...(report.reportsTo && { reportsTo: report.reportsTo }),
    period: report.period,
    asOf: report.asOf,
    filed: report.filed,
    open: report.open.total,
    overdue: report.overdue.total,
    escalated: report.escalated,
    resolved: report.resolved,
    satisfaction: report.satisfaction,
    publicNotices: report.publicNotices.lapsedAtTop + report.publicNotices.committee.length,
  };
}

export function presentReport(report: CycleReport) {
  return {
    ...presentSummary(report),
    openByStatus: report.open.byStatus,
    overdueItems: report.overdue.items,
    lapsedAtTop: report.publicNotices.lapsedAtTop,
    committeeLapses: report.publicNotices.committee,
  };
}

type SummaryKey =
  | 'unit'
  | 'reportsTo'
  | 'from'
  | 'to'
  | 'filed'
  | 'open'
  | 'overdue'
  | 'escalated'
  | 'resolved'
  | 'satisfied'
  | 'unsatisfied'
  | 'noFeedback'
  | 'satisfaction'
  | 'publicNotices';

const summaryColumns: Column<SummaryKey>[] = [
  { key: 'unit', heading: { zh: '单位', en: 'Unit' }, type: 'text' },
  { key: 'reportsTo', heading: { zh: '报送单位', en: 'Reports to' }, type: 'text' },
  { key: 'from', heading: { zh: '起始日', en: 'From' }, type: 'date' },
  { key: 'to', heading: { zh: '截止日', en: 'To' }, type: 'date' },
  { key: 'filed', heading: { zh: '新增', en: 'New' }, type: 'integer' },
  { key: 'open', heading: { zh: '在办', en: 'In progress' }, type: 'integer' },
  { key: 'overdue', heading: { zh: '超期', en: 'Overdue' }, type: 'integer' },
  { key: 'escalated', heading: { zh: '上报升级', en: 'Escalated' }, type: 'integer' },
  { key: 'resolved', heading: { zh: '办结', en: 'Resolved' }, type: 'integer' },
  { key: 'satisfied', heading: { zh: '回访满意', en: 'Satisfied' }, type: 'integer' },
  { key: 'unsatisfied', heading: { zh: '回访不满意', en: 'Unsatisfied' }, type: 'integer' },
  { key: 'noFeedback', heading: { zh: '回访无反馈', en: 'No feedback' }, type: 'integer' },
  { key: 'satisfaction', heading: { zh: '满意率', en: 'Satisfaction rate' }, type: 'percent' },
  { key: 'publicNotices', heading: { zh: '通报', en: 'Public notices' }, type: 'integer' },
];

const committeeColumns: Column<
  'requestId' | 'title' | 'lapses' | 'overdueSince' | 'leadOfficial' | 'leadUnit'
>[] = [
  { key: 'requestId', heading: { zh: '诉求编号', en: 'Request' }, type: 'text' },
  { key: 'title', heading: { zh: '诉求标题', en: 'Title' }, type: 'text' },
  { key: 'lapses', heading: { zh: '超期次数', en: 'Lapses' }, type: 'integer' },
  { key: 'overdueSince', heading: { zh: '超期起始', en: 'Overdue since' }, type: 'datetime' },
  { key: 'leadOfficial', heading: { zh: '牵头领导', en: 'Lead official' }, type: 'text' },
  { key: 'leadUnit', heading: { zh: '牵头单位', en: 'Lead unit' }, type: 'text' },
];

/** The report as a workbook: the figures, the overdue requests with their holders, the committee's missed deadlines. */
export function reportWorkbook(report: CycleReport): Workbook {
  const summary: Section = {
    key: 'summary',
    title: `半月报告 ${report.unit} ${report.date}`,
    columns: summaryColumns,
    rows: [
      {
        unit: report.unit,
        reportsTo: report.reportsTo ?? null,
        from: report.period.from,
        to: report.period.to,
        filed: report.filed,
        open: report.open.total,
        overdue: report.overdue.total,
        escalated: report.escalated,
        resolved: report.resolved,
        satisfied: report.satisfaction.satisfied,
        unsatisfied: report.satisfaction.unsatisfied,
        noFeedback: report.satisfaction.noFeedback,
        satisfaction: report.satisfaction.rate,
        publicNotices: report.publicNotices.lapsedAtTop + report.publicNotices.committee.length,
      },
    ],
  };
  const overdue = overdueSection(`超期件及责任人 ${report.unit} ${report.date}`, report.overdue.items);
  const committee: Section = {
    key: 'committee',
    title: `常委会督办超期通报 ${report.unit} ${report.date}`,
    columns: committeeColumns,
    rows: report.publicNotices.committee.map((line) => ({
      ...line,
      overdueSince: line.overdueSince ?? null,
      leadOfficial: line.leadOfficial ?? null,
      leadUnit: line.leadUnit ?? null,
    })),
  };
  return {
    title: `${report.unit} ${report.date} 半月报告`,
    generatedAt: report.asOf,
    sections: [summary, overdue, committee],
  };
}

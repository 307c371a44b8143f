import { Counter, counterLabels, counters } from '../../domain/kpi/counts';
import { rateDefinitions, rateKeys, rateLabels } from '../../domain/kpi/rates';
import { ratingLabels } from '../../domain/commitments/state';
import { Column, Row, Section, Workbook } from '../export/model';
import { overdueSection } from './overdue';
import { periodTitle } from './period';
import { CommitmentKpisView, LedgerView, RankingView } from './schema';

/**
 * Ledgers, rankings and commitment figures as workbooks (api/export/): one section per sheet,
 * headings in Chinese with the English, rates as fractions the renderers show as percentages.
 */
const col = <K extends string>(key: K, zh: string, en: string, type: Column['type']): Column<K> => ({
  key,
  heading: { zh, en },
  type,
});

const unitColumns = [
  col('unit', '单位', 'Unit', 'text'),
  col('unitId', '单位代码', 'Unit id', 'text'),
  col('level', '层级', 'Level', 'text'),
  col('from', '起始日', 'From', 'date'),
  col('to', '截止日', 'To', 'date'),
];
const unitRow = (v: { unit: LedgerView['unit']; period: LedgerView['period'] }) => ({
  unit: v.unit.name.zh,
  unitId: v.unit.id,
  level: v.unit.level.label.zh,
  from: v.period.from,
  to: v.period.to,
});

const title = (v: { unit: LedgerView['unit']; period: LedgerView['period'] }, what: string) =>
  `${v.unit.name.zh} ${periodTitle(v.period)}${what}`;

function ratesSection(rates: LedgerView['rates']): Section {
  return {
    key: 'rates',
    title: '三率及网格解决占比',
    columns: [
      col('rate', '指标', 'Rate', 'text'),
      col('value', '比率', 'Value', 'percent'),
      col('numerator', '分子', 'Numerator', 'integer'),
      col('denominator', '分母', 'Denominator', 'integer'),
      col('numeratorIs', '分子口径', 'Numerator counts', 'text'),
      col('denominatorIs', '分母口径', 'Denominator counts', 'text'),
    ],
    rows: rateKeys.map((key) => ({
      rate: `${rateLabels[key].zh} ${rateLabels[key].en}`,
      value: rates[key].rate,
      numerator: rates[key].numerator,
      denominator: rates[key].denominator,
      numeratorIs: rateDefinitions[key].numerator,
      denominatorIs: rateDefinitions[key].denominator,
    })),
  };
}

/** Counts by subject at the level asked: a node per row, then the SLA classes filed by class alone. */
function subjectsSection(bySubject: LedgerView['bySubject']): Section {
  return {
    key: 'subjects',
    title: `按诉求分类（第${bySubject.level}级）`,
    columns: [
      col('subject', '诉求分类', 'Subject', 'text'),
      col('subjectEn', '诉求分类（英文）', 'Subject in English', 'text'),
      col('code', '代码', 'Code', 'text'),
      col('filed', '受理诉求', 'Filed', 'integer'),
      col('resolved', '办结', 'Resolutions', 'integer'),
      col('satisfied', '回访满意', 'Satisfied', 'integer'),
      col('unsatisfied', '回访不满意', 'Unsatisfied', 'integer'),
    ],
    rows: bySubject.rows.map((r) => ({
      subject: r.label.zh,
      subjectEn: r.label.en,
      code: r.key,
      filed: r.filed,
      resolved: r.resolved,
      satisfied: r.satisfied,
      unsatisfied: r.unsatisfied,
    })),
  };
}

export function ledgerWorkbook(view: LedgerView, generatedAt: string): Workbook {
  const summary: Section = {
    key: 'summary',
    title: '台账概况',
    columns: [
      ...unitColumns,
      col('filed', '受理诉求', 'Filed', 'integer'),
      col('resolved', '办结', 'Resolutions', 'integer'),
      ...rateKeys.map((key) => col(key, rateLabels[key].zh, rateLabels[key].en, 'percent')),
      col('noFeedback', '回访无反馈', 'No feedback', 'integer'),
      col('lapsed', '超期', 'Deadlines lapsed', 'integer'),
      col('score', '综合得分', 'Composite score', 'decimal'),
    ],
    rows: [
      {
        ...unitRow(view),
        filed: view.counts.filed,
        resolved: view.counts.resolved,
        ...Object.fromEntries(rateKeys.map((key) => [key, view.rates[key].rate])),
        noFeedback: view.noFeedback,
        lapsed: view.lapsed,
        score: view.score,
      },
    ],
  };
  const counts: Section = {
    key: 'counts',
    title: '分项计数',
    columns: [
      col('item', '项目', 'Item', 'text'),
      col('itemEn', '项目（英文）', 'Item in English', 'text'),
      col('count', '数量', 'Count', 'integer'),
    ],
    rows: (counters as readonly Counter[]).map((c) => ({
      item: counterLabels[c].zh,
      itemEn: counterLabels[c].en,
      count: view.counts[c],
    })),
  };
  const levels: Section = {
    key: 'levels',
    title: '按层级',
    columns: [
      col('level', '层级', 'Level', 'text'),
      col('levelEn', '层级（英文）', 'Level in English', 'text'),
      col('escalatedTo', '上报至该级', 'Escalated to', 'integer'),
      col('resolvedAt', '该级办结', 'Resolved at', 'integer'),
    ],
    rows: view.byLevel.map((l) => ({
      level: l.label.zh,
      levelEn: l.label.en,
      escalatedTo: l.escalatedTo,
      resolvedAt: l.resolvedAt,
    })),
  };
  const keyed = (key: string, sectionTitle: string, what: Column, rows: LedgerView['byStatus']): Section => ({
    key,
    title: sectionTitle,
    columns: [what, col('labelEn', '英文', 'In English', 'text'), col('count', '数量', 'Count', 'integer')],
    rows: rows.map((r) => ({ [what.key]: r.label.zh, labelEn: r.label.en, count: r.count })),
  });
  return {
    title: title(view, '台账'),
    generatedAt,
    sections: [
      summary,
      ratesSection(view.rates),
      counts,
      levels,
      keyed('statuses', '按状态', col('status', '状态', 'Status', 'text'), view.byStatus),
      keyed('categories', '按类别', col('category', '类别', 'Category', 'text'), view.byCategory),
      keyed('channels', '按渠道', col('channel', '渠道', 'Channel', 'text'), view.byChannel),
      subjectsSection(view.bySubject),
      overdueSection('超期件及责任人', view.overdue.items),
    ],
  };
}

export function rankingWorkbook(view: RankingView, generatedAt: string): Workbook {
  const rows: Row[] = view.units.map((u) => ({
    position: u.position,
    unit: u.unit.name.zh,
    unitId: u.unit.id,
    score: u.score,
    ...Object.fromEntries(rateKeys.map((key) => [key, u.rates[key].rate])),
    filed: u.filed,
    resolved: u.resolved,
    noFeedback: u.noFeedback,
    lapsed: u.lapsed,
  }));
  const name = `${view.level.label.zh} ${periodTitle(view.period)}排名`;
  return {
    title: name,
    generatedAt,
    sections: [
      {
        key: 'ranking',
        title: name,
        columns: [
          col('position', '名次', 'Position', 'integer'),
          col('unit', '单位', 'Unit', 'text'),
          col('unitId', '单位代码', 'Unit id', 'text'),
          col('score', '综合得分', 'Composite score', 'decimal'),
          ...rateKeys.map((key) => col(key, rateLabels[key].zh, rateLabels[key].en, 'percent')),
          col('filed', '受理诉求', 'Filed', 'integer'),
          col('resolved', '办结', 'Resolutions', 'integer'),
          col('noFeedback', '回访无反馈', 'No feedback', 'integer'),
          col('lapsed', '超期', 'Deadlines lapsed', 'integer'),
        ],
        rows,
      },
    ],
  };
}

export function commitmentWorkbook(view: CommitmentKpisView, generatedAt: string): Workbook {
  const { letters, funds, assessments } = view;
  const figures: Section = {
    key: 'commitments',
    title: '承诺履行',
    columns: [
      ...unitColumns,
      col('commitments', '履行中承诺', 'Active commitments', 'integer'),
      col('lettersDue', '应签责任书', 'Letters due', 'integer'),
      col('lettersOnTime', '按时签订', 'Signed on time', 'integer'),
      col('lettersLate', '逾期签订', 'Signed late', 'integer'),
      col('lettersUnsigned', '未签订', 'Unsigned', 'integer'),
      col('lettersRate', '按时签订率', 'On-time signing rate', 'percent'),
      col('visits', '走访次数', 'Visits kept', 'integer'),
      col('problemsOpened', '新增问题', 'Problems opened', 'integer'),
      col('problemsSolved', '解决问题', 'Problems solved', 'integer'),
      col('fundsSecured', '期内到位资金（元）', 'Funds secured, CNY', 'decimal'),
      col('fundsTarget', '年度资金目标（元）', 'Funds target, CNY', 'decimal'),
      col('fundsToward', '目标年度到位资金（元）', 'Secured toward target, CNY', 'decimal'),
      col('fundsRate', '资金目标完成率', 'Funds target reached', 'percent'),
      col('assessed', '年度考核数', 'Assessments', 'integer'),
      col('meanScore', '考核平均分', 'Mean assessment score', 'decimal'),
    ],
    rows: [
      {
        ...unitRow(view),
        commitments: view.commitments,
        lettersDue: letters.due,
        lettersOnTime: letters.signedOnTime,
        lettersLate: letters.signedLate,
        lettersUnsigned: letters.unsigned,
        lettersRate: letters.rate,
        visits: view.visits.kept,
        problemsOpened: view.problems.opened,
        problemsSolved: view.problems.solved,
        fundsSecured: funds.securedYuan,
        fundsTarget: funds.targetYuan,
        fundsToward: funds.towardTargetYuan,
        fundsRate: funds.rate,
        assessed: assessments.count,
        meanScore: assessments.meanScore,
      },
    ],
  };
  const ratings: Section = {
    key: 'assessments',
    title: '年度考核',
    columns: [col('rating', '等次', 'Rating', 'text'), col('count', '数量', 'Count', 'integer')],
    rows: (Object.keys(ratingLabels) as (keyof typeof ratingLabels)[]).map((r) => ({
      rating: `${ratingLabels[r].zh} ${ratingLabels[r].en}`,
      count: assessments.byRating[r],
    })),
  };
  return { title: title(view, '承诺履行台账'), generatedAt, sections: [figures, ratings] };
}

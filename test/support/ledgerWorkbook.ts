import { Column, Section, Workbook } from '../../api/export/model';

/** A ledger as the coming routes will build it: rates per unit, and the overdue items with who holds them. */
const rateColumns: Column<'unit' | 'received' | 'funds' | 'satisfaction' | 'day' | 'updatedAt'>[] = [
  { key: 'unit', heading: { zh: '单位', en: 'Unit' }, type: 'text' },
  { key: 'received', heading: { zh: '受理件数', en: 'Requests' }, type: 'integer' },
  { key: 'funds', heading: { zh: '帮扶资金（万元）', en: 'Funds, 10k CNY' }, type: 'decimal' },
  { key: 'satisfaction', heading: { zh: '满意率', en: 'Satisfaction rate' }, type: 'percent' },
  { key: 'day', heading: { zh: '统计日', en: 'Day' }, type: 'date' },
  { key: 'updatedAt', heading: { zh: '更新时间', en: 'Updated at' }, type: 'datetime' },
];

export const rates: Section = {
  key: 'rates',
  title: '三率 2026/11 [截至28日]',
  columns: rateColumns,
  rows: [
    {
      unit: '朝阳街道',
      received: 12345,
      funds: 1520.5,
      satisfaction: 0.873,
      day: '2026-11-28',
      // 00:30 on the 28th in Beijing
      updatedAt: '2026-11-27T16:30:00Z',
    },
    {
      unit: '=HYPERLINK("http://x.example","点我")',
      received: 0,
      funds: null,
      satisfaction: null,
      day: null,
      updatedAt: null,
    },
  ],
};

export const overdue: Section = {
  key: 'overdue',
  title: '超期件及责任人：网格支部、村社区、乡镇街道、区县常委会',
  columns: [
    { key: 'title', heading: { zh: '诉求标题', en: 'Title' }, type: 'text' },
    { key: 'holder', heading: { zh: '责任人', en: 'Held by' }, type: 'text' },
    { key: 'daysOver', heading: { zh: '超期天数', en: 'Days overdue' }, type: 'integer' },
  ],
  rows: [
    { title: '楼道灯坏了, 三楼 "急"\n已报修', holder: '张三', daysOver: 3 },
    { title: '-2+3 供暖不热', holder: '李四', daysOver: -1 },
  ],
};

export const ledger: Workbook = {
  title: '朝阳街道 2026年11月台账',
  generatedAt: '2026-11-28T02:00:00.000Z',
  sections: [rates, overdue],
};

import { useQueries } from '@tanstack/react-query';
import { Card, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { $api } from '../api/client';
import { Chart, ChartOption } from '../components/Chart';
import { Ledger, monthsUpTo, percent, threeRates } from './format';

const months = 6;

/**
 * The three rates month by month: the API gives one ledger per period, so the trend reads the
 * months before the chosen one (five calls, cached) beside the ledger the page already has.
 */
export function RatesTrend({ unitId, month, current }: { unitId: string; month: string; current?: Ledger }) {
  const { t } = useTranslation();
  const earlier = monthsUpTo(month, months).slice(0, -1);
  const reads = useQueries({
    queries: earlier.map((m) =>
      $api.queryOptions('get', '/api/v1/ledgers/{unitId}', {
        params: { path: { unitId }, query: { month: m } },
      }),
    ),
  });
  const rows = [
    ...earlier.map((m, i) => ({ month: m, ledger: reads[i].data as Ledger | undefined })),
    { month, ledger: current },
  ];
  const none = t('ledgers.noRate');
  const series = threeRates.map((key) => ({
    key,
    name: t(`ledgers.rates.${key}`),
    values: rows.map((row) => row.ledger?.rates[key].rate ?? null),
  }));
  const option: ChartOption = {
    tooltip: { trigger: 'axis', valueFormatter: (v) => percent(v as number | null, none) },
    legend: { top: 0 },
    grid: { top: 40, left: 48, right: 24, bottom: 32 },
    xAxis: { type: 'category', data: rows.map((row) => row.month) },
    yAxis: { type: 'value', min: 0, max: 1, axisLabel: { formatter: (v: number) => `${v * 100}%` } },
    series: series.map((s) => ({ type: 'line', name: s.name, data: s.values, connectNulls: false })),
  };
  const figures = `${t('ledgers.trend')}: ${rows
    .map(
      (row, i) => `${row.month} ${series.map((s) => `${s.name} ${percent(s.values[i], none)}`).join(', ')}`,
    )
    .join('; ')}`;
  return (
    <Card title={t('ledgers.trend')} size="small">
      <Chart option={option} figures={figures} />
      <Table
        rowKey="month"
        size="small"
        pagination={false}
        loading={reads.some((r) => r.isLoading)}
        dataSource={rows.map((row) => ({
          month: row.month,
          ...Object.fromEntries(threeRates.map((key) => [key, percent(row.ledger?.rates[key].rate, none)])),
        }))}
        columns={[
          { title: t('ledgers.month'), dataIndex: 'month' },
          ...threeRates.map((key) => ({ title: t(`ledgers.rates.${key}`), dataIndex: key })),
        ]}
      />
    </Card>
  );
}

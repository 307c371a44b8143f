import { Alert, Card, Col, Row, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { $api } from '../api/client';
import { Chart, ChartOption } from '../components/Chart';
import { bilingual } from '../i18n';
import { percent, Ranking, threeRates } from './format';

type RankedUnit = Ranking['units'][number];

function bars(names: string[], values: (number | null)[], name: string): ChartOption {
  return {
    tooltip: { trigger: 'axis' },
    grid: { left: 48, right: 24, bottom: 48 },
    xAxis: { type: 'category', data: names, axisLabel: { interval: 0, rotate: names.length > 6 ? 30 : 0 } },
    yAxis: { type: 'value' },
    series: [{ type: 'bar', name, data: values, label: { show: true, position: 'top' } }],
  };
}

/**
 * 排名: the units of one level in the caller's scope by composite score, and the deadlines each let
 * lapse in the period (超期 by unit), as bars and as the ranking's table.
 */
export function RankingCharts({ level, month }: { level: string; month: string }) {
  const { t, i18n } = useTranslation();
  const ranking = $api.useQuery('get', '/api/v1/rankings', { params: { query: { level, month } } });
  const units = (ranking.data as Ranking | undefined)?.units ?? [];
  const names = units.map((u) => bilingual(u.unit.name, i18n.language));
  const none = t('ledgers.noRate');
  const said = (what: string, values: (number | null)[]) =>
    `${what}: ${names.map((name, i) => `${name} ${values[i] ?? none}`).join('; ')}`;
  const scores = units.map((u) => (u.score === null ? null : Math.round(u.score * 10) / 10));
  const lapsed = units.map((u) => u.lapsed);
  return (
    <Card title={t('ledgers.ranking')} size="small">
      {ranking.error && (
        <Alert type="error" title={t('failed')} description={ranking.error.detail} showIcon />
      )}
      <Row gutter={16}>
        <Col xs={24} lg={12}>
          <Chart
            option={bars(names, scores, t('ledgers.score'))}
            figures={said(t('ledgers.scoreByUnit'), scores)}
          />
        </Col>
        <Col xs={24} lg={12}>
          <Chart
            option={bars(names, lapsed, t('ledgers.lapsed'))}
            figures={said(t('ledgers.lapsedByUnit'), lapsed)}
          />
        </Col>
      </Row>
      <Table<RankedUnit>
        rowKey={(u) => u.unit.id}
        size="small"
        pagination={false}
        loading={ranking.isLoading}
        dataSource={units}
        columns={[
          { title: t('ledgers.position'), dataIndex: 'position', render: (p: number | null) => p ?? none },
          { title: t('ledgers.unit'), key: 'unit', render: (_, u) => bilingual(u.unit.name, i18n.language) },
          {
            title: t('ledgers.score'),
            dataIndex: 'score',
            render: (s: number | null) => s?.toFixed(1) ?? none,
          },
          ...threeRates.map((key) => ({
            title: t(`ledgers.rates.${key}`),
            key,
            render: (_: unknown, u: RankedUnit) => percent(u.rates[key].rate, none),
          })),
          { title: t('ledgers.filed'), dataIndex: 'filed' },
          { title: t('ledgers.lapsed'), dataIndex: 'lapsed' },
        ]}
      />
    </Card>
  );
}

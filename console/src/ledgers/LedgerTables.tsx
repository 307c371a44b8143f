import { Card, Descriptions, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DeadlineCountdown } from '../components/DeadlineCountdown';
import { bilingual } from '../i18n';
import { allRates, Ledger, percent } from './format';

type Subject = Ledger['bySubject']['rows'][number];
type Level = Ledger['byLevel'][number];
type Overdue = Ledger['overdue']['items'][number];

/** A ledger's figures as tables: the summary and score, the rates with their terms, by level, by subject, overdue now. */
export function LedgerTables({ ledger }: { ledger: Ledger }) {
  const { t, i18n } = useTranslation();
  const none = t('ledgers.noRate');
  return (
    <>
      <Card title={t('ledgers.summary')} size="small">
        <Descriptions
          size="small"
          column={{ xs: 1, md: 3 }}
          items={[
            { key: 'unit', label: t('ledgers.unit'), children: bilingual(ledger.unit.name, i18n.language) },
            {
              key: 'period',
              label: t('ledgers.period'),
              children: `${ledger.period.from} ~ ${ledger.period.to}`,
            },
            { key: 'score', label: t('ledgers.score'), children: ledger.score?.toFixed(1) ?? none },
            { key: 'filed', label: t('ledgers.filed'), children: ledger.counts.filed },
            { key: 'resolved', label: t('ledgers.resolved'), children: ledger.counts.resolved },
            { key: 'escalated', label: t('ledgers.escalated'), children: ledger.counts.escalated },
            { key: 'lapsed', label: t('ledgers.lapsed'), children: ledger.lapsed },
            { key: 'noFeedback', label: t('ledgers.noFeedback'), children: ledger.noFeedback },
            { key: 'overdueNow', label: t('ledgers.overdueNow'), children: ledger.overdue.total },
          ]}
        />
        <Table
          rowKey="key"
          size="small"
          pagination={false}
          dataSource={allRates.map((key) => ({ key, ...ledger.rates[key] }))}
          columns={[
            {
              title: t('ledgers.rate'),
              dataIndex: 'key',
              render: (key: string) => t(`ledgers.rates.${key}`),
            },
            {
              title: t('ledgers.value'),
              dataIndex: 'rate',
              render: (rate: number | null) => percent(rate, none),
            },
            { title: t('ledgers.numerator'), dataIndex: 'numerator' },
            { title: t('ledgers.denominator'), dataIndex: 'denominator' },
          ]}
        />
      </Card>
      <Card title={t('ledgers.byLevel')} size="small">
        <Table<Level>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={ledger.byLevel}
          columns={[
            { title: t('ledgers.level'), key: 'level', render: (_, l) => bilingual(l.label, i18n.language) },
            { title: t('ledgers.escalatedTo'), dataIndex: 'escalatedTo' },
            { title: t('ledgers.resolvedAt'), dataIndex: 'resolvedAt' },
          ]}
        />
      </Card>
      <Card title={t('ledgers.bySubject')} size="small">
        <Table<Subject>
          rowKey="key"
          size="small"
          pagination={false}
          dataSource={ledger.bySubject.rows}
          columns={[
            {
              title: t('ledgers.subject'),
              key: 'label',
              render: (_, s) => bilingual(s.label, i18n.language),
            },
            { title: t('ledgers.filed'), dataIndex: 'filed' },
            { title: t('ledgers.resolved'), dataIndex: 'resolved' },
            { title: t('ledgers.satisfied'), dataIndex: 'satisfied' },
            { title: t('ledgers.unsatisfied'), dataIndex: 'unsatisfied' },
          ]}
        />
      </Card>
      <Card title={`${t('ledgers.overdueNow')} (${ledger.overdue.total})`} size="small">
        <Table<Overdue>
          rowKey="requestId"
          size="small"
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          dataSource={ledger.overdue.items}
          columns={[
            {
              title: t('ledgers.request'),
              dataIndex: 'title',
              render: (title: string, o) => <Link to={`/requests/${o.requestId}`}>{title}</Link>,
            },
            { title: t('ledgers.stage'), dataIndex: 'stage' },
            { title: t('ledgers.holder'), dataIndex: 'holder' },
            {
              title: t('ledgers.due'),
              dataIndex: 'dueAt',
              render: (dueAt: string) => <DeadlineCountdown dueAt={dueAt} />,
            },
          ]}
        />
      </Card>
    </>
  );
}

import { Alert, Descriptions, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { EmptyText } from '../components/EmptyText';
import { $api } from '../api/client';
import type { components } from '../api/schema';

type Ledger = components['schemas']['FundsLedger'];
const yuan = (amount: number | undefined) =>
  amount === undefined
    ? ''
    : amount.toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** 台账: a plan's funds entries, with the totals per plan year (against the letter's target) and over the term. */
export function FundsLedger({ id }: { id: string }) {
  const { t } = useTranslation();
  const ledger = $api.useQuery('get', '/api/v1/plans/{id}/funds', { params: { path: { id } } });
  if (ledger.error)
    return <Alert type="error" title={t('failed')} description={ledger.error.detail} showIcon />;
  const totals = ledger.data?.totals;
  return (
    <>
      <Descriptions size="small" column={1}>
        <Descriptions.Item label={t('commitments.fundsTotal')}>
          <span data-testid="funds-term-total">{yuan(totals?.termYuan)}</span>
        </Descriptions.Item>
      </Descriptions>
      <Table<Ledger['totals']['byYear'][number]>
        rowKey="year"
        size="small"
        pagination={false}
        loading={ledger.isLoading}
        dataSource={totals?.byYear ?? []}
        locale={{ emptyText: <EmptyText>{t('commitments.empty')}</EmptyText> }}
        columns={[
          {
            title: t('commitments.year'),
            key: 'year',
            render: (_, y) => t('commitments.yearN', { year: y.year }),
          },
          { title: t('commitments.amount'), key: 'amount', render: (_, y) => yuan(y.amountYuan) },
          { title: t('commitments.target'), key: 'target', render: (_, y) => yuan(y.targetYuan) },
        ]}
        style={{ marginBottom: 16 }}
      />
      <Table<Ledger['entries'][number]>
        rowKey="id"
        size="small"
        pagination={false}
        loading={ledger.isLoading}
        dataSource={ledger.data?.entries ?? []}
        locale={{ emptyText: <EmptyText>{t('commitments.empty')}</EmptyText> }}
        columns={[
          { title: t('commitments.date'), dataIndex: 'date' },
          { title: t('commitments.amount'), key: 'amount', render: (_, e) => yuan(e.amountYuan) },
          { title: t('commitments.source'), dataIndex: 'source' },
          { title: t('commitments.fundsNote'), dataIndex: 'note' },
          { title: t('commitments.recordedBy'), dataIndex: 'recordedBy' },
        ]}
      />
    </>
  );
}

import { Alert, Button, Table, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyText } from '../components/EmptyText';
import { Link } from 'react-router';
import { $api } from '../api/client';
import { DeadlineCountdown } from '../components/DeadlineCountdown';
import { bilingual } from '../i18n';
import { CommitmentListItem, CommitmentPath, commitmentPaths, pathOf } from './kinds';

/** One kind's list, as the API pages it for the caller (a team member sees the commitments they hold). */
function CommitmentList({ kind }: { kind: CommitmentPath }) {
  const { t, i18n } = useTranslation();
  const [cursor, setCursor] = useState<string>();
  const list = $api.useQuery('get', pathOf(kind, ''), { params: { query: { cursor } } });
  const next = list.data?.next;
  return (
    <>
      {list.error && <Alert type="error" title={t('failed')} description={list.error.detail} showIcon />}
      <Table<CommitmentListItem>
        rowKey="id"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        pagination={false}
        locale={{ emptyText: <EmptyText>{t('commitments.empty')}</EmptyText> }}
        columns={[
          {
            title: t('commitments.title'),
            key: 'title',
            render: (_, item) => <Link to={`/commitments/${kind}/${item.id}`}>{item.title}</Link>,
          },
          ...(kind === 'plans'
            ? [
                {
                  title: t('commitments.enterprise'),
                  key: 'enterprise',
                  render: (_: unknown, item: CommitmentListItem) => item.enterprise?.name,
                },
              ]
            : []),
          { title: t('commitments.team'), key: 'team', render: (_, item) => item.team.name },
          { title: t('commitments.lead'), dataIndex: 'lead' },
          {
            title: t('commitments.status'),
            key: 'status',
            render: (_, item) => (
              <>
                {bilingual(item.statusLabel, i18n.language)}
                {item.escalated && <Tag style={{ marginInlineStart: 8 }}>{t('commitments.escalated')}</Tag>}
              </>
            ),
          },
          {
            title: t('commitments.year'),
            key: 'year',
            render: (_, item) => t('commitments.yearN', { year: item.year }),
          },
          {
            title: t('commitments.next'),
            key: 'next',
            render: (_, item) =>
              item.nextObligationDueAt && <DeadlineCountdown dueAt={item.nextObligationDueAt} />,
          },
        ]}
      />
      {next && (
        <Button style={{ marginTop: 8 }} onClick={() => setCursor(next)}>
          {t('commitments.more')}
        </Button>
      )}
    </>
  );
}

/** 帮扶承诺: the plans (一帮三年), pairings and pledges the user holds or supervises. */
export default function CommitmentsPage() {
  const { t } = useTranslation();
  return (
    <>
      <Typography.Title level={2}>{t('nav.commitments')}</Typography.Title>
      <Tabs
        items={commitmentPaths.map((kind) => ({
          key: kind,
          label: t(`commitments.kinds.${kind}`),
          children: <CommitmentList kind={kind} />,
        }))}
      />
    </>
  );
}

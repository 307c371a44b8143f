import { Alert, Button, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { $api } from '../api/client';
import type { components, paths } from '../api/schema';
import { useSession } from '../auth/session';
import { DeadlineCountdown } from '../components/DeadlineCountdown';
import { bilingual } from '../i18n';

type Item = components['schemas']['RequestPage']['items'][number];
type ListQuery = NonNullable<paths['/api/v1/requests']['get']['parameters']['query']>;

/** Each tab is one filter of GET /requests over the caller's scope: the API decides what is in it. */
const tabs: { key: string; query: ListQuery }[] = [
  { key: 'toDispatch', query: { status: 'submitted' } },
  { key: 'toAccept', query: { status: 'dispatched' } },
  { key: 'accepted', query: { status: 'accepted' } },
  { key: 'inProgress', query: { status: 'in_progress' } },
  { key: 'reopened', query: { status: 'reopened' } },
  { key: 'overdue', query: { overdue: 'true' } },
];

const pageSize = 20;

/** One tab's requests, newest first, a page at a time (the list's cursors). */
function QueueTable({ query }: { query: ListQuery }) {
  const { t, i18n } = useTranslation();
  const { me } = useSession();
  const [cursors, setCursors] = useState<string[]>([]);
  const cursor = cursors.at(-1);
  const list = $api.useQuery('get', '/api/v1/requests', {
    params: { query: { ...query, pageSize, ...(cursor && { cursor }) } },
  });
  const next = list.data?.next;
  return (
    <>
      {list.error && <Alert type="error" title={t('failed')} description={list.error.detail} showIcon />}
      <Table<Item>
        rowKey="id"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        pagination={false}
        columns={[
          {
            title: t('queue.title'),
            dataIndex: 'title',
            render: (title: string, item) => <Link to={`/requests/${item.id}`}>{title}</Link>,
          },
          {
            title: t('queue.category'),
            key: 'category',
            render: (_, item) =>
              bilingual(item.classification?.labels.at(-1) ?? item.categoryLabel, i18n.language) ||
              item.category,
          },
          {
            title: t('queue.status'),
            dataIndex: 'statusLabel',
            render: (label: Item['statusLabel']) => bilingual(label, i18n.language),
          },
          {
            title: t('queue.responsible'),
            key: 'responsible',
            render: (_, item) => (
              <Space>
                {item.deadline?.owner ?? item.assignee ?? item.unit}
                {item.assignee === me?.person.id && <Tag>{t('queue.mine')}</Tag>}
              </Space>
            ),
          },
          {
            title: t('queue.deadline'),
            key: 'deadline',
            render: (_, item) =>
              item.deadline ? <DeadlineCountdown dueAt={item.deadline.dueAt} /> : t('queue.noDeadline'),
          },
        ]}
      />
      <Space style={{ marginTop: 16 }}>
        <Button disabled={!cursors.length} onClick={() => setCursors(cursors.slice(0, -1))}>
          {t('queue.previous')}
        </Button>
        <Button disabled={!next} onClick={() => next && setCursors([...cursors, next])}>
          {t('queue.next')}
        </Button>
      </Space>
    </>
  );
}

/** 工作队列: what waits on me and my unit, by what must happen next, each with its live countdown. */
export default function QueuePage() {
  const { t } = useTranslation();
  const [active, setActive] = useState(tabs[0].key);
  return (
    <>
      <Typography.Title level={2}>{t('nav.queue')}</Typography.Title>
      <Tabs
        activeKey={active}
        onChange={setActive}
        items={tabs.map(({ key, query }) => ({
          key,
          label: t(`queue.tabs.${key}`),
          children: key === active ? <QueueTable query={query} /> : null,
        }))}
      />
    </>
  );
}

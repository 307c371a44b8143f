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

/** How far ahead the due-soon tab looks. */
const dueSoonHours = 24;

/** Who is looking, and when the tab was opened: what a tab's filter may depend on. */
interface Viewer {
  role?: string;
  personId?: string;
  now: number;
}

/**
 * Each tab is one filter of GET /requests over the caller's scope: the API decides what is in it. A
 * grid member's requests to accept are those assigned to them; a secretary's, the whole grid's.
 */
const tabs: { key: string; query(viewer: Viewer): ListQuery }[] = [
  { key: 'toDispatch', query: () => ({ status: 'submitted' }) },
  {
    key: 'toAccept',
    query: ({ role, personId }) => ({
      status: 'dispatched',
      ...(role === 'grid_member' && personId && { assignee: personId }),
    }),
  },
  { key: 'accepted', query: () => ({ status: 'accepted' }) },
  { key: 'inProgress', query: () => ({ status: 'in_progress' }) },
  { key: 'reopened', query: () => ({ status: 'reopened' }) },
  {
    key: 'dueSoon',
    query: ({ now }) => ({ dueBefore: new Date(now + dueSoonHours * 3_600_000).toISOString() }),
  },
  { key: 'overdue', query: () => ({ overdue: 'true' }) },
];

const pageSize = 20;

/** One tab's requests, newest first (the due-soon tab's soonest due first), a page at a time (the list's cursors). */
function QueueTable({ tab }: { tab: (typeof tabs)[number] }) {
  const { t, i18n } = useTranslation();
  const { me, role } = useSession();
  // Fixed when the tab opens: a window moving with every render would refetch without end.
  const [query] = useState(() => tab.query({ role, personId: me?.person.id, now: Date.now() }));
  const [cursors, setCursors] = useState<string[]>([]);
  const cursor = cursors.at(-1);
  const list = $api.useQuery('get', '/api/v1/requests', {
    params: { query: { ...query, pageSize, ...(cursor && { cursor }) } },
  });
  const next = list.data?.next;
  return (
    <>
      {tab.key === 'dueSoon' && (
        <Typography.Paragraph>{t('queue.dueSoonHint', { hours: dueSoonHours })}</Typography.Paragraph>
      )}
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
          {
            title: t('queue.pressure'),
            key: 'pressure',
            render: (_, item) =>
              item.pressureLabel ? (
                <Tag>{bilingual(item.pressureLabel, i18n.language)}</Tag>
              ) : (
                t('request.noPressure')
              ),
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
        items={tabs.map((tab) => ({
          key: tab.key,
          label: t(`queue.tabs.${tab.key}`),
          children: tab.key === active ? <QueueTable tab={tab} /> : null,
        }))}
      />
    </>
  );
}

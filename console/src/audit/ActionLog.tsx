import { Alert, Button, Form, Input, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { $api } from '../api/client';
import type { components } from '../api/schema';

type Entry = components['schemas']['ActionLogEntry'];
type ChainVerdict = components['schemas']['ActionLogVerdict'];
interface Filter {
  target?: string;
  actor?: string;
}

function ChainWords({ verdict }: { verdict: ChainVerdict }) {
  const { t } = useTranslation();
  const anchor = verdict.anchor;
  if (verdict.ok)
    return (
      <Alert
        type="success"
        showIcon
        title={t('audit.actions.whole', {
          checked: verdict.checked,
          seq: verdict.head.seq,
          hash: verdict.head.hash.slice(0, 12),
        })}
        description={
          anchor &&
          t('audit.actions.anchored', { at: new Date(anchor.at).toLocaleString(), seq: anchor.head.seq })
        }
      />
    );
  return (
    <Alert
      type="error"
      showIcon
      title={t('audit.actions.broken', {
        seq: verdict.brokenAt.seq,
        kind: t(`audit.actions.kinds.${verdict.brokenAt.kind}`),
        checked: verdict.checked,
      })}
    />
  );
}

/** Checks the action log's hash chain (and its last anchor) when the auditor asks. */
function ChainCheck() {
  const { t } = useTranslation();
  const [asked, setAsked] = useState(false);
  const verdict = $api.useQuery(
    'get',
    '/api/v1/audit/actions/verify',
    {},
    { enabled: asked, staleTime: Infinity },
  );
  return (
    <Space orientation="vertical" style={{ width: '100%', marginBottom: 16 }}>
      <Button loading={verdict.isFetching} onClick={() => (asked ? void verdict.refetch() : setAsked(true))}>
        {t('audit.actions.verify')}
      </Button>
      {verdict.error && (
        <Alert type="error" title={t('failed')} description={verdict.error.detail} showIcon />
      )}
      {verdict.data && !verdict.isFetching && <ChainWords verdict={verdict.data} />}
    </Space>
  );
}

/** Every API write and its outcome, newest first, a page at a time, with the chain's verification; a case opens its audit. */
export function ActionLog() {
  const { t } = useTranslation();
  const [filter, setFilter] = useState<Filter>({});
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const log = $api.useQuery('get', '/api/v1/audit/actions', {
    params: { query: { ...filter, ...paging } },
  });
  return (
    <>
      <ChainCheck />
      <Form<Filter>
        name="actionLog"
        layout="inline"
        style={{ marginBottom: 16 }}
        onFinish={(values) => {
          setFilter({ target: values.target?.trim() || undefined, actor: values.actor?.trim() || undefined });
          setPaging((p) => ({ ...p, page: 1 }));
        }}
      >
        <Form.Item name="target" label={t('audit.actions.target')}>
          <Input allowClear placeholder="request-…" style={{ width: 320 }} />
        </Form.Item>
        <Form.Item name="actor" label={t('audit.actions.actor')}>
          <Input allowClear />
        </Form.Item>
        <Form.Item>
          <Button htmlType="submit">{t('audit.actions.filter')}</Button>
        </Form.Item>
      </Form>
      {log.error && <Alert type="error" title={t('failed')} description={log.error.detail} showIcon />}
      <Table<Entry>
        rowKey="seq"
        size="small"
        loading={log.isLoading}
        dataSource={log.data?.items ?? []}
        pagination={{
          current: paging.page,
          pageSize: paging.pageSize,
          total: log.data?.total ?? 0,
          showSizeChanger: true,
          onChange: (page, pageSize) => setPaging({ page, pageSize }),
        }}
        columns={[
          { title: t('audit.actions.seq'), dataIndex: 'seq' },
          {
            title: t('audit.actions.at'),
            dataIndex: 'at',
            render: (at: string) => new Date(at).toLocaleString(),
          },
          {
            title: t('audit.actions.actor'),
            dataIndex: 'actor',
            render: (actor: Entry['actor']) =>
              'id' in actor && actor.id !== 'anonymous'
                ? `${actor.id} · ${t(`role.${actor.role}`, actor.role)} · ${actor.unit}`
                : t('audit.actions.anonymous'),
          },
          { title: t('audit.actions.action'), dataIndex: 'action' },
          {
            title: t('audit.actions.target'),
            dataIndex: 'target',
            render: (target?: string) =>
              target && <Link to={`/audit?case=${encodeURIComponent(target)}`}>{target}</Link>,
          },
          {
            title: t('audit.actions.outcome'),
            dataIndex: 'outcome',
            render: (outcome: Entry['outcome']) =>
              outcome.problem ? `${outcome.status} ${outcome.problem}` : String(outcome.status),
          },
          {
            title: t('audit.actions.hash'),
            dataIndex: 'hash',
            render: (hash: string) => (
              <Typography.Text code title={hash}>
                {hash.slice(0, 12)}
              </Typography.Text>
            ),
          },
        ]}
      />
    </>
  );
}

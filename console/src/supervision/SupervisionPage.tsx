import { Alert, Button, Space, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useQueries, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { $api, ApiProblem } from '../api/client';
import { useSession } from '../auth/session';
import { unitAndAbove, useOrgUnits } from '../components/orgUnits';
import { BoardRequest, BoardTable } from './BoardTable';
import { ExtensionDecision } from './ExtensionDecision';

// A board is watched: it follows escalations as the workflows make them.
const live = { refetchInterval: 10_000 };
const pageSize = 100;

/** Open requests only: the lists also hold final ones, which need no supervision. */
const open = (requests: BoardRequest[] | undefined) => (requests ?? []).filter((r) => !r.closedAt);

/**
 * 督办看板: the leader's jurisdiction at a glance. Requests at the leader's level or above it (what
 * climbed past the levels below), requests overdue now, and extensions waiting for a decision. Each
 * list is one call of the requests API, walking the unit's indexed filing slices narrowed by a level
 * or a flag; the first page of each (the newest 100) is shown.
 */
export default function SupervisionPage() {
  const { t } = useTranslation();
  const { unit } = useSession();
  const units = useOrgUnits();
  const levels = unitAndAbove(units.data?.items ?? [], unit!).map((u) => u.level);
  const listOf = (query: { level?: string; overdue?: 'true'; pendingExtension?: 'true' }) =>
    $api.queryOptions('get', '/api/v1/requests', { params: { query: { unit, pageSize, ...query } } });

  const escalated = useQueries({
    queries: levels.map((level) => ({ ...listOf({ level }), ...live })),
  });
  const overdue = useQuery({ ...listOf({ overdue: 'true' }), ...live });
  const extensions = useQuery({ ...listOf({ pendingExtension: 'true' }), ...live });
  const [deciding, setDeciding] = useState<{ request: BoardRequest; approve: boolean }>();

  const failures = [units.error, overdue.error, extensions.error, ...escalated.map((q) => q.error)].filter(
    (e): e is ApiProblem => e instanceof ApiProblem,
  );
  const extensionColumns: ColumnsType<BoardRequest> = [
    {
      title: t('supervision.extensionAsked'),
      key: 'asked',
      render: (_: unknown, request) => {
        const asked = request.pendingExtension!;
        const duration =
          typeof asked.duration === 'string'
            ? asked.duration
            : t('supervision.workingDays', { count: asked.duration.workingDays });
        return `${asked.by} · ${duration} · ${asked.reason}`;
      },
    },
    {
      title: t('supervision.decision'),
      key: 'decide',
      render: (_: unknown, request) => (
        <Space>
          <Button
            type="primary"
            size="small"
            aria-label={`${t('supervision.approve')}: ${request.title}`}
            onClick={() => setDeciding({ request, approve: true })}
          >
            {t('supervision.approve')}
          </Button>
          <Button
            size="small"
            aria-label={`${t('supervision.refuse')}: ${request.title}`}
            onClick={() => setDeciding({ request, approve: false })}
          >
            {t('supervision.refuse')}
          </Button>
        </Space>
      ),
    },
  ];

  return (
    <>
      <Typography.Title level={2}>{t('nav.supervision')}</Typography.Title>
      {failures.map((problem, i) => (
        <Alert key={i} type="error" title={t('failed')} description={problem.detail} showIcon />
      ))}
      <Space orientation="vertical" size="large" style={{ width: '100%' }}>
        <BoardTable
          caption={t('supervision.escalated')}
          requests={escalated.flatMap((q) => open(q.data?.items))}
          loading={units.isLoading || escalated.some((q) => q.isLoading)}
          units={units.data?.items}
        />
        <BoardTable
          caption={t('supervision.overdue')}
          requests={open(overdue.data?.items)}
          loading={overdue.isLoading}
          units={units.data?.items}
        />
        <BoardTable
          caption={t('supervision.extensions')}
          requests={open(extensions.data?.items)}
          loading={extensions.isLoading}
          units={units.data?.items}
          extra={extensionColumns}
        />
      </Space>
      {deciding && <ExtensionDecision {...deciding} onClose={() => setDeciding(undefined)} />}
    </>
  );
}

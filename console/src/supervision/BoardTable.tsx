import { Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { components } from '../api/schema';
import { DeadlineCountdown } from '../components/DeadlineCountdown';
import { OrgUnit, unitName } from '../components/orgUnits';
import { bilingual } from '../i18n';

export type BoardRequest = components['schemas']['RequestPage']['items'][number];

/**
 * Requests on the board: each links to its case page and counts down to its stage's deadline.
 * `extra` adds a section's own columns (an extension's ask and the decision buttons).
 */
export function BoardTable({
  caption,
  requests,
  loading,
  units,
  extra = [],
}: {
  caption: string;
  requests: BoardRequest[];
  loading: boolean;
  units?: OrgUnit[];
  extra?: ColumnsType<BoardRequest>;
}) {
  const { t, i18n } = useTranslation();
  const columns: ColumnsType<BoardRequest> = [
    {
      title: t('supervision.title'),
      dataIndex: 'title',
      render: (title: string, request) => <Link to={`/requests/${request.id}`}>{title}</Link>,
    },
    {
      title: t('supervision.status'),
      dataIndex: 'statusLabel',
      render: (label: BoardRequest['statusLabel']) => bilingual(label, i18n.language),
    },
    {
      title: t('supervision.level'),
      dataIndex: 'level',
      render: (level: string, request) => (
        <>
          {t(`supervision.levels.${level}`, level)} · {unitName(units, request.unit, i18n.language)}
          {request.major && <Tag style={{ marginInlineStart: 8 }}>{t('supervision.major')}</Tag>}
        </>
      ),
    },
    {
      title: t('supervision.deadline'),
      key: 'deadline',
      render: (_: unknown, request): ReactNode =>
        request.deadline ? <DeadlineCountdown dueAt={request.deadline.dueAt} /> : t('none'),
    },
    ...extra,
  ];
  return (
    <section aria-label={caption}>
      <Table<BoardRequest>
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={requests}
        pagination={false}
        columns={columns}
        title={() => caption}
        locale={{ emptyText: <Typography.Text type="secondary">{t('supervision.empty')}</Typography.Text> }}
      />
    </section>
  );
}

import { Button, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyText } from '../components/EmptyText';
import { App } from 'antd';
import { queryClient } from '../api/client';
import { ApiProblem } from '../api/client';
import { bilingual } from '../i18n';
import { act, Commitment, CommitmentPath } from './kinds';

type Deed = Commitment['deeds'][number];
type Problem = Commitment['problems'][number];
type Assessment = Commitment['assessments'][number];

/** Promised deeds; one not done yet can be marked done (the API answers whether it may). */
export function Deeds({ kind, commitment }: { kind: CommitmentPath; commitment: Commitment }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [busy, setBusy] = useState<string>();
  async function markDone(deed: Deed) {
    setBusy(deed.id);
    try {
      await act(kind, commitment.id, `deeds/${deed.id}/done`, {});
      await queryClient.invalidateQueries();
    } catch (err) {
      message.error((err as ApiProblem).detail ?? String(err));
    } finally {
      setBusy(undefined);
    }
  }
  return (
    <Table<Deed>
      rowKey="id"
      dataSource={commitment.deeds}
      pagination={false}
      size="small"
      locale={{ emptyText: <EmptyText>{t('commitments.empty')}</EmptyText> }}
      columns={[
        { title: t('commitments.deed'), dataIndex: 'title' },
        {
          title: t('commitments.year'),
          key: 'year',
          render: (_, d) => t('commitments.yearN', { year: d.year }),
        },
        { title: t('commitments.household'), dataIndex: 'household' },
        {
          title: t('commitments.status'),
          key: 'done',
          render: (_, d) =>
            d.done ? (
              <Tag>{t('commitments.done')}</Tag>
            ) : !commitment.actions?.includes('deedDone') ? (
              <Tag>{t('commitments.open')}</Tag>
            ) : (
              <Button size="small" loading={busy === d.id} onClick={() => void markDone(d)}>
                {t('commitments.markDone')}
              </Button>
            ),
        },
      ]}
    />
  );
}

export function Problems({ commitment }: { commitment: Commitment }) {
  const { t, i18n } = useTranslation();
  return (
    <Table<Problem>
      rowKey="id"
      dataSource={commitment.problems}
      pagination={false}
      size="small"
      locale={{ emptyText: <EmptyText>{t('commitments.empty')}</EmptyText> }}
      columns={[
        { title: t('commitments.problemTitle'), dataIndex: 'title' },
        {
          title: t('commitments.area'),
          key: 'area',
          render: (_, p) => t(`commitments.areas.${p.area}`, p.area),
        },
        {
          title: t('commitments.year'),
          key: 'year',
          render: (_, p) => t('commitments.yearN', { year: p.year }),
        },
        {
          title: t('commitments.status'),
          key: 'status',
          render: (_, p) => bilingual(p.statusLabel, i18n.language),
        },
        {
          title: t('commitments.openedAt'),
          key: 'opened',
          render: (_, p) => new Date(p.openedAt).toLocaleString(),
        },
        { title: t('commitments.outcome'), dataIndex: 'outcome' },
      ]}
    />
  );
}

export function Assessments({ commitment }: { commitment: Commitment }) {
  const { t, i18n } = useTranslation();
  return (
    <Table<Assessment>
      rowKey={(a) => `${a.year}-${a.final}`}
      dataSource={commitment.assessments}
      pagination={false}
      size="small"
      locale={{ emptyText: <EmptyText>{t('commitments.empty')}</EmptyText> }}
      columns={[
        {
          title: t('commitments.year'),
          key: 'year',
          render: (_, a) =>
            `${t('commitments.yearN', { year: a.year })}${a.final ? ` (${t('commitments.final')})` : ''}`,
        },
        { title: t('commitments.score'), dataIndex: 'score' },
        {
          title: t('commitments.rating'),
          key: 'rating',
          render: (_, a) => bilingual(a.ratingLabel, i18n.language),
        },
        { title: t('commitments.reasons'), key: 'reasons', render: (_, a) => a.reasons.join('；') },
        {
          title: t('commitments.comment'),
          key: 'comment',
          render: (_, a) => a.comment && `${a.comment.by}: ${a.comment.text}`,
        },
      ]}
    />
  );
}

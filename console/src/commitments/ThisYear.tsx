import { Descriptions, Table, Tag } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { EmptyText } from '../components/EmptyText';
import { DeadlineCountdown } from '../components/DeadlineCountdown';
import type { Commitment } from './kinds';

type Obligation = Commitment['obligations'][number];
type Letter = Commitment['letters'][number];

/**
 * An obligation's purpose in the reader's language: the API names it in English words
 * (`letter year 2`, `follow-up visit`, `assessment`, `problem p1`); one it does not know shows as sent.
 */
function purposeLabel(purpose: string, commitment: Commitment, t: TFunction): string {
  const letter = /^letter year (\d+)$/.exec(purpose);
  if (letter) return t('commitments.purposes.letter', { year: letter[1] });
  if (purpose === 'follow-up visit') return t('commitments.purposes.visit');
  if (purpose === 'assessment') return t('commitments.purposes.assessment');
  const problem = /^problem (\S+)$/.exec(purpose);
  if (problem) {
    const title = commitment.problems.find((p) => p.id === problem[1])?.title ?? problem[1];
    return t('commitments.purposes.problem', { title });
  }
  return purpose;
}

/** What is owed now: running deadlines (letter, visits, problems, assessment), the letters and the visits kept. */
export function Obligations({ commitment }: { commitment: Commitment }) {
  const { t } = useTranslation();
  return (
    <Table<Obligation>
      rowKey="id"
      dataSource={commitment.obligations}
      pagination={false}
      size="small"
      locale={{ emptyText: <EmptyText>{t('commitments.obligationsEmpty')}</EmptyText> }}
      columns={[
        {
          title: t('commitments.purpose'),
          key: 'purpose',
          render: (_, o) => purposeLabel(o.purpose, commitment, t),
        },
        { title: t('commitments.owner'), dataIndex: 'owner' },
        {
          title: t('commitments.dueAt'),
          key: 'due',
          render: (_, o) => <DeadlineCountdown dueAt={o.dueAt} />,
        },
        { title: t('commitments.rule'), dataIndex: 'rule' },
      ]}
    />
  );
}

export function Letters({ commitment }: { commitment: Commitment }) {
  const { t } = useTranslation();
  return (
    <Table<Letter>
      rowKey="year"
      dataSource={commitment.letters}
      pagination={false}
      size="small"
      locale={{ emptyText: <EmptyText>{t('commitments.empty')}</EmptyText> }}
      columns={[
        {
          title: t('commitments.letterYear'),
          key: 'year',
          render: (_, l) => t('commitments.yearN', { year: l.year }),
        },
        {
          title: t('commitments.status'),
          key: 'signed',
          render: (_, l) =>
            l.signed ? (
              <Tag>
                {t('commitments.signed')} · {l.onTime ? t('commitments.onTime') : t('commitments.late')}
              </Tag>
            ) : (
              <Tag>{t('commitments.unsigned')}</Tag>
            ),
        },
        {
          title: t('commitments.dueAt'),
          key: 'due',
          render: (_, l) =>
            l.signed ? new Date(l.dueAt).toLocaleString() : <DeadlineCountdown dueAt={l.dueAt} />,
        },
        { title: t('commitments.targets'), key: 'targets', render: (_, l) => l.targets.join('；') },
        { title: t('commitments.fundsTarget'), dataIndex: 'fundsTargetYuan' },
      ]}
    />
  );
}

export function Visits({ commitment }: { commitment: Commitment }) {
  const { t } = useTranslation();
  const { visits, year } = commitment;
  const thisYear = visits.byYear.find((y) => y.year === year)?.count ?? 0;
  return (
    <Descriptions size="small" column={1}>
      <Descriptions.Item label={t('commitments.visits')}>
        {t('commitments.visitsThisYear', { count: thisYear })} ·{' '}
        {t('commitments.visitsTotal', { count: visits.total })}
      </Descriptions.Item>
      {visits.last && (
        <Descriptions.Item label={t('commitments.lastVisit')}>
          {new Date(visits.last.at).toLocaleString()} · {visits.last.by} · {visits.last.note}
        </Descriptions.Item>
      )}
    </Descriptions>
  );
}

import { Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { EmptyText } from '../components/EmptyText';
import { DeadlineCountdown } from '../components/DeadlineCountdown';
import { bilingual } from '../i18n';
import { CaseTitle } from './CaseTitle';
import type { AgendaItem } from './types';

/** Items a meeting gave a lead and a deadline, still on the agenda while the deadline runs. */
export function RunningDecisions({ items, loading }: { items: AgendaItem[]; loading: boolean }) {
  const { t, i18n } = useTranslation();
  return (
    <Table<AgendaItem>
      rowKey="key"
      loading={loading}
      dataSource={items.filter((item) => item.decision?.dueAt)}
      pagination={false}
      locale={{ emptyText: <EmptyText>{t('committee.runningEmpty')}</EmptyText> }}
      columns={[
        { title: t('committee.title'), key: 'title', render: (_, item) => <CaseTitle item={item} /> },
        {
          title: t('committee.lead'),
          key: 'lead',
          render: (_, { decision }) =>
            decision?.decision.kind === 'assignLead' &&
            `${decision.decision.leadOfficial} / ${decision.decision.leadUnit}`,
        },
        {
          title: t('committee.supervision'),
          key: 'supervision',
          render: (_, { decision }) => bilingual(decision?.supervisionLabel, i18n.language),
        },
        {
          title: t('committee.due'),
          key: 'due',
          render: (_, { decision }) => decision?.dueAt && <DeadlineCountdown dueAt={decision.dueAt} />,
        },
      ]}
    />
  );
}

import { Button, Space, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { EmptyText } from '../components/EmptyText';
import { bilingual } from '../i18n';
import { CaseTitle } from './CaseTitle';
import type { AgendaItem } from './types';

/** The agenda: why each item arrived, how long it has waited, what was decided; each can join the meeting. */
export function AgendaTable({
  items,
  loading,
  added,
  onAdd,
}: {
  items: AgendaItem[];
  loading: boolean;
  added: Set<string>;
  onAdd(item: AgendaItem): void;
}) {
  const { t, i18n } = useTranslation();
  return (
    <Table<AgendaItem>
      rowKey="key"
      loading={loading}
      dataSource={items}
      pagination={false}
      locale={{ emptyText: <EmptyText>{t('committee.agendaEmpty')}</EmptyText> }}
      columns={[
        { title: t('committee.title'), key: 'title', render: (_, item) => <CaseTitle item={item} /> },
        { title: t('committee.from'), dataIndex: 'unit' },
        {
          title: t('committee.reason'),
          key: 'reason',
          render: (_, item) => bilingual(item.reasonLabel, i18n.language),
        },
        {
          title: t('committee.arrivedAt'),
          dataIndex: 'arrivedAt',
          render: (at: string) => <time dateTime={at}>{new Date(at).toLocaleString()}</time>,
        },
        {
          title: t('committee.waited'),
          dataIndex: 'waitingDays',
          render: (days: number) => t('committee.waitedDays', { count: days }),
        },
        {
          title: t('committee.decision'),
          key: 'decision',
          render: (_, item) => (
            <Space size={4} wrap>
              {item.decision && bilingual(item.decision.kindLabel, i18n.language)}
              {item.overdue && <Tag color="error">{t('committee.overdue')}</Tag>}
            </Space>
          ),
        },
        {
          title: t('committee.meeting'),
          key: 'add',
          render: (_, item) => (
            <Button size="small" disabled={added.has(item.key)} onClick={() => onAdd(item)}>
              {added.has(item.key) ? t('committee.added') : t('committee.addToMeeting')}
            </Button>
          ),
        },
      ]}
    />
  );
}

import { Button, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyText } from '../components/EmptyText';
import { $api } from '../api/client';
import { bilingual } from '../i18n';
import type { RecordedMeeting } from './types';

/** Past meetings, newest first, with what each decided; older ones a page at a time. */
export function MeetingsTable({ unitId }: { unitId: string }) {
  const { t, i18n } = useTranslation();
  const [cursor, setCursor] = useState<string>();
  const meetings = $api.useQuery('get', '/api/v1/committees/{unitId}/meetings', {
    params: { path: { unitId }, query: { pageSize: 20, cursor } },
  });
  const next = meetings.data?.next;
  return (
    <>
      <Table<RecordedMeeting>
        rowKey="id"
        loading={meetings.isLoading}
        dataSource={meetings.data?.items ?? []}
        pagination={false}
        locale={{ emptyText: <EmptyText>{t('committee.meetingsEmpty')}</EmptyText> }}
        columns={[
          { title: t('committee.meetingId'), dataIndex: 'id' },
          {
            title: t('committee.heldAt'),
            dataIndex: 'heldAt',
            render: (at: string) => <time dateTime={at}>{new Date(at).toLocaleString()}</time>,
          },
          {
            title: t('committee.membersPresent'),
            dataIndex: 'membersPresent',
            render: (members: string[]) => members.join('、'),
          },
          {
            title: t('committee.decisions'),
            key: 'decisions',
            render: (_, meeting) => (
              <ul style={{ margin: 0, paddingInlineStart: 16 }}>
                {meeting.decisions.map((decided) => (
                  <li key={decided.item}>
                    {decided.title}: {bilingual(decided.kindLabel, i18n.language)}
                    {decided.dueAt && ` · ${t('committee.due')} ${new Date(decided.dueAt).toLocaleString()}`}
                  </li>
                ))}
              </ul>
            ),
          },
        ]}
      />
      {next && (
        <Button style={{ marginTop: 8 }} onClick={() => setCursor(next)}>
          {t('committee.more')}
        </Button>
      )}
    </>
  );
}

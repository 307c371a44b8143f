import { Alert, Segmented, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { $api } from '../api/client';
import type { components } from '../api/schema';
import { useSession } from '../auth/session';
import { casePage } from '../components/caseLink';

type Notice = components['schemas']['InboxPage']['items'][number];

/** The in-app inbox: reminders, urgings and supervision sent to me, or to my unit. */
export default function InboxPage() {
  const { t } = useTranslation();
  const { me } = useSession();
  const [whose, setWhose] = useState<'mine' | 'unit'>('mine');
  const recipient = whose === 'mine' ? me!.person.id : me!.actingAs.unit;
  const inbox = $api.useQuery('get', '/api/v1/notifications', { params: { query: { recipient } } });
  return (
    <>
      <Typography.Title level={2}>{t('nav.inbox')}</Typography.Title>
      <Segmented
        aria-label={t('inbox.whose')}
        value={whose}
        onChange={(value) => setWhose(value as 'mine' | 'unit')}
        options={[
          { value: 'mine', label: t('inbox.mine') },
          { value: 'unit', label: t('inbox.unit') },
        ]}
        style={{ marginBottom: 16 }}
      />
      {inbox.error && <Alert type="error" title={t('failed')} description={inbox.error.detail} showIcon />}
      <Table<Notice>
        rowKey="id"
        loading={inbox.isLoading}
        dataSource={inbox.data?.items ?? []}
        pagination={false}
        columns={[
          {
            title: t('inbox.at'),
            dataIndex: 'createdAt',
            render: (at: string) => new Date(at).toLocaleString(),
          },
          {
            title: t('inbox.kind'),
            dataIndex: 'kind',
            render: (kind: string) => t(`inbox.kinds.${kind}`, kind),
          },
          { title: t('inbox.message'), dataIndex: 'message' },
          {
            title: t('inbox.case'),
            dataIndex: 'caseId',
            render: (caseId: string) => {
              const page = casePage(caseId);
              return page ? <Link to={page}>{caseId}</Link> : caseId;
            },
          },
        ]}
      />
    </>
  );
}

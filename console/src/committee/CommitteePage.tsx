import { Alert, Form, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { $api } from '../api/client';
import { useSession } from '../auth/session';
import { AgendaTable } from './AgendaTable';
import { MeetingForm, MeetingValues } from './MeetingForm';
import { MeetingsTable } from './MeetingsTable';
import { RunningDecisions } from './RunningDecisions';
import type { AgendaItem } from './types';

/** 常委会: the committee of the secretariat's unit — its agenda, running decisions, the meeting form, past meetings. */
export default function CommitteePage() {
  const { t } = useTranslation();
  const unitId = useSession().unit!;
  const [form] = Form.useForm<MeetingValues>();
  const taken = (Form.useWatch('decisions', form) ?? []) as MeetingValues['decisions'];
  const agenda = $api.useQuery('get', '/api/v1/committees/{unitId}/agenda', {
    params: { path: { unitId } },
  });
  const items = agenda.data?.items ?? [];
  const takeUp = (item: AgendaItem) =>
    form.setFieldValue('decisions', [...taken, { item: item.key, decision: { kind: 'assignLead' } }]);

  return (
    <>
      <Typography.Title level={2}>{t('nav.committee')}</Typography.Title>
      {agenda.error && <Alert type="error" title={t('failed')} description={agenda.error.detail} showIcon />}
      <Typography.Title level={3}>{t('committee.agenda')}</Typography.Title>
      <AgendaTable
        items={items}
        loading={agenda.isLoading}
        added={new Set(taken.map((decided) => decided?.item))}
        onAdd={takeUp}
      />
      <Typography.Title level={3}>{t('committee.running')}</Typography.Title>
      <RunningDecisions items={items} loading={agenda.isLoading} />
      <Typography.Title level={3}>{t('committee.meeting')}</Typography.Title>
      <MeetingForm form={form} unitId={unitId} items={items} />
      <Typography.Title level={3}>{t('committee.meetings')}</Typography.Title>
      <MeetingsTable unitId={unitId} />
    </>
  );
}

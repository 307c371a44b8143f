import { Alert, Collapse, DatePicker, Descriptions, Form, Skeleton, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { $api } from '../api/client';
import type { components } from '../api/schema';

type HeldState = components['schemas']['AuditState'];

/** The fields a case's state may hold that a reader names first; every field is in the raw JSON below. */
interface Readable {
  status?: string;
  level?: number;
  assignee?: string;
  onAgenda?: boolean;
  title?: string;
  submission?: { title?: string };
  deadlines?: { id: string; dueAt: string }[];
}

function StateDescription({ held }: { held: HeldState }) {
  const { t } = useTranslation();
  const state = held.state as Readable;
  const title = state.submission?.title ?? state.title;
  const items = [
    {
      key: 'status',
      label: t('audit.state.status'),
      value: state.status && t(`status.${state.status}`, state.status),
    },
    { key: 'title', label: t('audit.state.title'), value: title },
    { key: 'level', label: t('audit.state.level'), value: state.level },
    { key: 'assignee', label: t('audit.state.assignee'), value: state.assignee },
    {
      key: 'onAgenda',
      label: t('audit.state.onAgenda'),
      value:
        state.onAgenda === undefined ? undefined : t(state.onAgenda ? 'audit.state.yes' : 'audit.state.no'),
    },
    {
      key: 'deadlines',
      label: t('audit.state.deadlines'),
      value: state.deadlines?.length
        ? state.deadlines.map((d) => (
            <div key={d.id}>
              {t('audit.state.dueAt', { id: d.id, at: new Date(d.dueAt).toLocaleString() })}
            </div>
          ))
        : state.deadlines && t('none'),
    },
    { key: 'revision', label: t('audit.state.revision'), value: held.revision },
    {
      key: 'committedAt',
      label: t('audit.state.committedAt'),
      value: new Date(held.committedAt).toLocaleString(),
    },
    {
      key: 'position',
      label: t('audit.state.position'),
      value: t('audit.run', { run: held.run, eventId: held.eventId }),
    },
  ];
  return (
    <Descriptions
      bordered
      size="small"
      column={1}
      items={items
        .filter((item) => item.value !== undefined && item.value !== '')
        .map(({ key, label, value }) => ({ key, label, children: value }))}
    />
  );
}

/** The case as it stood at a chosen moment, refolded by the API from its history through the workflow code. */
export function StateAtMoment({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const [moment, setMoment] = useState<Dayjs | null>(null);
  const held = $api.useQuery(
    'get',
    '/api/v1/audit/cases/{caseId}/state',
    { params: { path: { caseId }, query: { at: moment?.toISOString() } } },
    { enabled: !!moment },
  );
  return (
    <>
      <Form layout="vertical">
        <Form.Item label={t('audit.state.moment')} htmlFor="audit-moment" extra={t('audit.state.pick')}>
          <DatePicker id="audit-moment" showTime value={moment} onChange={setMoment} style={{ width: 260 }} />
        </Form.Item>
      </Form>
      {held.error && <Alert type="warning" title={held.error.detail} showIcon />}
      {held.isFetching && !held.data && <Skeleton active />}
      {held.data && !held.error && (
        <>
          <StateDescription held={held.data} />
          <Collapse
            style={{ marginTop: 16 }}
            items={[
              {
                key: 'raw',
                label: t('audit.state.raw'),
                children: (
                  <Typography.Paragraph>
                    <pre
                      tabIndex={0}
                      aria-label={t('audit.state.raw')}
                      style={{ maxHeight: 480, overflow: 'auto' }}
                    >
                      {JSON.stringify(held.data.state, null, 2)}
                    </pre>
                  </Typography.Paragraph>
                ),
              },
            ]}
          />
        </>
      )}
    </>
  );
}

import { Alert, Button, Card, Descriptions, Result, Space, Spin, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { $api } from '../api/client';
import type { components } from '../api/schema';
import { CaseTimeline } from '../components/CaseTimeline';
import { DeadlineCountdown } from '../components/DeadlineCountdown';
import { bilingual } from '../i18n';
import { ActionForms } from './ActionForms';

type Request = components['schemas']['Request'];

/** A request outside the user's scope is, to the API, one that does not exist: the page says both. */
function NotYours({ id }: { id: string }) {
  const { t } = useTranslation();
  return (
    <Result
      status="404"
      title={t('request.notYours')}
      subTitle={t('request.notYoursHint', { id })}
      extra={
        <Link to="/">
          <Button type="primary">{t('backHome')}</Button>
        </Link>
      }
    />
  );
}

function State({ request }: { request: Request }) {
  const { t, i18n } = useTranslation();
  const say = (label: { zh: string; en: string } | undefined) => bilingual(label, i18n.language);
  const category = request.classification
    ? request.classification.labels.map(say).join(' › ')
    : say(request.categoryLabel) || request.category;
  const { requester, responsible } = request;
  return (
    <Descriptions bordered size="small" column={{ xs: 1, md: 2 }} title={t('request.state')}>
      <Descriptions.Item label={t('request.status')}>
        <Tag>{say(request.statusLabel)}</Tag>
      </Descriptions.Item>
      <Descriptions.Item label={t('request.category')}>{category}</Descriptions.Item>
      <Descriptions.Item label={t('request.urgency')}>
        {t(`request.urgencies.${request.urgency}`, request.urgency)}
      </Descriptions.Item>
      <Descriptions.Item label={t('request.level')}>{request.level}</Descriptions.Item>
      <Descriptions.Item label={t('request.grid')}>
        {say(request.grid?.name) || request.gridId}
      </Descriptions.Item>
      <Descriptions.Item label={t('request.responsible')}>
        {responsible
          ? [
              say(responsible.unitName) || responsible.unit,
              responsible.person?.name ?? responsible.person?.id,
            ]
              .filter(Boolean)
              .join(' · ')
          : request.unit}
      </Descriptions.Item>
      <Descriptions.Item label={t('request.requester')}>
        {[requester.name, requester.phone, requester.address].filter(Boolean).join(' · ')}
      </Descriptions.Item>
      <Descriptions.Item label={t('request.pressure')}>
        {request.pressureLabel ? <Tag>{say(request.pressureLabel)}</Tag> : t('request.noPressure')}
      </Descriptions.Item>
      {request.pendingExtension && (
        <Descriptions.Item label={t('request.pendingExtension')}>
          {request.pendingExtension.by}: {request.pendingExtension.reason}
        </Descriptions.Item>
      )}
      <Descriptions.Item label={t('request.description')} span={2}>
        {request.description}
      </Descriptions.Item>
    </Descriptions>
  );
}

function Deadline({ deadline }: { deadline: NonNullable<Request['deadline']> }) {
  const { t } = useTranslation();
  return (
    <Card size="small" title={t('request.deadline')}>
      <Space orientation="vertical">
        <span>
          {t('request.stage')}: {t(`request.stages.${deadline.stage}`, deadline.stage)} ·{' '}
          <DeadlineCountdown dueAt={deadline.dueAt} />
        </span>
        <Typography.Text type="secondary">
          {t('request.rule')}: {deadline.rule}
        </Typography.Text>
      </Space>
    </Card>
  );
}

/** 案件页: a request's state, its deadline and rule, its timeline, and what this user may do now. */
export default function RequestPage() {
  const { t } = useTranslation();
  const id = useParams().id ?? '';
  const params = { params: { path: { id } } };
  const request = $api.useQuery('get', '/api/v1/requests/{id}', params);
  const history = $api.useQuery('get', '/api/v1/requests/{id}/history', params);
  if (request.error?.status === 404) return <NotYours id={id} />;
  if (request.error)
    return <Alert type="error" title={t('failed')} description={request.error.detail} showIcon />;
  if (!request.data) return <Spin style={{ display: 'block', margin: 48 }} />;
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={2}>{request.data.title}</Typography.Title>
      <State request={request.data} />
      {request.data.deadline && <Deadline deadline={request.data.deadline} />}
      <Card size="small" title={t('request.actions')}>
        <ActionForms request={request.data} />
      </Card>
      <Card size="small" title={t('request.timeline')}>
        {history.error && (
          <Alert type="error" title={t('failed')} description={history.error.detail} showIcon />
        )}
        <CaseTimeline lines={history.data?.entries ?? []} />
      </Card>
    </Space>
  );
}

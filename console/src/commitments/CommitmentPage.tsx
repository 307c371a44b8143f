import { Alert, Card, Descriptions, Space, Spin, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { $api } from '../api/client';
import { CaseTimeline } from '../components/CaseTimeline';
import { bilingual } from '../i18n';
import NotFoundPage from '../NotFoundPage';
import { ActionTabs } from './ActionTabs';
import { FundsLedger } from './FundsLedger';
import { CommitmentAction, CommitmentPath, isCommitmentPath, pathOf } from './kinds';
import { Assessments, Deeds, Problems } from './Records';
import { Letters, Obligations, Visits } from './ThisYear';

const section = { style: { marginBottom: 16 } };

/** One commitment: who holds it, this year's obligations, letters, visits, deeds, problems, funds, assessments, timeline. */
function Commitment({ kind, id }: { kind: CommitmentPath; id: string }) {
  const { t, i18n } = useTranslation();
  const state = $api.useQuery('get', pathOf(kind, '/{id}'), { params: { path: { id } } });
  const history = $api.useQuery('get', pathOf(kind, '/{id}/history'), { params: { path: { id } } });
  if (state.error)
    return <Alert type="error" title={t('failed')} description={state.error.detail} showIcon />;
  const commitment = state.data;
  if (!commitment) return <Spin style={{ display: 'block', margin: 48 }} />;
  const offers = (action: CommitmentAction) => commitment.actions?.includes(action) ?? false;
  return (
    <>
      <Typography.Title level={2}>
        <Space>
          {commitment.title}
          <Tag>{bilingual(commitment.statusLabel, i18n.language)}</Tag>
        </Space>
      </Typography.Title>
      <Descriptions size="small" column={2} {...section}>
        <Descriptions.Item label={t('commitments.kind')}>
          {bilingual(commitment.kindLabel, i18n.language)}
        </Descriptions.Item>
        <Descriptions.Item label={t('commitments.team')}>{commitment.team.name}</Descriptions.Item>
        <Descriptions.Item label={t('commitments.lead')}>{commitment.lead}</Descriptions.Item>
        <Descriptions.Item label={t('commitments.members')}>
          {commitment.members.join('、')}
        </Descriptions.Item>
        {commitment.enterprise && (
          <Descriptions.Item label={t('commitments.enterprise')}>
            {commitment.enterprise.name}
          </Descriptions.Item>
        )}
        {commitment.households && (
          <Descriptions.Item label={t('commitments.households')}>
            {commitment.households.map((h) => h.name).join('、')}
          </Descriptions.Item>
        )}
        <Descriptions.Item label={t('commitments.term')}>
          {commitment.startDate} – {new Date(commitment.endsAt).toLocaleDateString()}
        </Descriptions.Item>
        <Descriptions.Item label={t('commitments.year')}>
          {t('commitments.yearN', { year: commitment.year })}
        </Descriptions.Item>
      </Descriptions>
      <Card title={t('commitments.obligations')} {...section}>
        <Obligations commitment={commitment} />
      </Card>
      {/* Every action but marking a deed done (in the deeds' table) has its form. */}
      {commitment.actions?.some((action) => action !== 'deedDone') && (
        <Card title={t('commitments.actions')} {...section}>
          <ActionTabs kind={kind} commitment={commitment} />
        </Card>
      )}
      {commitment.letters.length > 0 && (
        <Card title={t('commitments.letters')} {...section}>
          <Letters commitment={commitment} />
        </Card>
      )}
      {(commitment.visits.total > 0 || offers('visits')) && (
        <Card title={t('commitments.visits')} {...section}>
          <Visits commitment={commitment} />
        </Card>
      )}
      {(commitment.deeds.length > 0 || offers('deeds')) && (
        <Card title={t('commitments.deeds')} {...section}>
          <Deeds kind={kind} commitment={commitment} />
        </Card>
      )}
      {(commitment.problems.length > 0 || offers('problems')) && (
        <Card title={t('commitments.problems')} {...section}>
          <Problems commitment={commitment} />
        </Card>
      )}
      {commitment.funds && (
        <Card title={t('commitments.funds')} {...section}>
          <FundsLedger id={id} />
        </Card>
      )}
      <Card title={t('commitments.assessments')} {...section}>
        <Assessments commitment={commitment} />
      </Card>
      <Card title={t('commitments.timeline')} {...section}>
        {history.error && (
          <Alert type="error" title={t('failed')} description={history.error.detail} showIcon />
        )}
        <CaseTimeline lines={history.data?.entries ?? []} />
      </Card>
    </>
  );
}

export default function CommitmentPage() {
  const { kind, id } = useParams();
  if (!isCommitmentPath(kind) || !id) return <NotFoundPage />;
  return <Commitment kind={kind} id={id} />;
}

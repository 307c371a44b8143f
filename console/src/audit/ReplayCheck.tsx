import { Alert, Button, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { $api } from '../api/client';
import type { components } from '../api/schema';

type Verdict = components['schemas']['ReplayVerdict'];

function VerdictWords({ verdict }: { verdict: Verdict }) {
  const { t } = useTranslation();
  if (verdict.deterministic)
    return (
      <Alert
        type="success"
        showIcon
        title={t('audit.replay.deterministic', { runs: verdict.runs, events: verdict.events })}
      />
    );
  const failure = verdict.failure;
  return (
    <Alert
      type="error"
      showIcon
      title={t('audit.replay.nondeterministic', {
        run: failure?.run,
        kind: failure && t(`audit.replay.kinds.${failure.kind}`),
        message: failure?.message,
      })}
    />
  );
}

/** Replays the case's history against the current workflow code, on the auditor's request (it costs a replay). */
export function ReplayCheck({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const [asked, setAsked] = useState(false);
  const verdict = $api.useQuery(
    'get',
    '/api/v1/audit/cases/{caseId}/replay',
    { params: { path: { caseId } } },
    { enabled: asked, staleTime: Infinity },
  );
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Typography.Text type="secondary">{t('audit.replay.hint')}</Typography.Text>
      <Button loading={verdict.isFetching} onClick={() => (asked ? void verdict.refetch() : setAsked(true))}>
        {t('audit.replay.run')}
      </Button>
      {verdict.error && (
        <Alert type="error" title={t('failed')} description={verdict.error.detail} showIcon />
      )}
      {verdict.data && !verdict.isFetching && <VerdictWords verdict={verdict.data} />}
    </Space>
  );
}

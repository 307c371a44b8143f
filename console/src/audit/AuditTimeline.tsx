import { Alert, Skeleton, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { $api } from '../api/client';
import type { components } from '../api/schema';
import { CaseTimeline } from '../components/CaseTimeline';

type Line = components['schemas']['AuditTimeline']['lines'][number];

/** What the auditor's lines add to a case's timeline: where in the history each sits, and whom it notified. */
function HistoryPlace({ line }: { line: Line }) {
  const { t } = useTranslation();
  return (
    <>
      <div>
        <Typography.Text type="secondary">
          {t('audit.run', { run: line.run, eventId: line.eventId })}
          {line.revision !== undefined && ` · ${t('audit.revision', { revision: line.revision })}`}
        </Typography.Text>
      </div>
      {line.notices?.map((notice, i) => (
        <div key={i}>
          <Typography.Text type="secondary">
            {t('audit.notified', {
              recipient: notice.recipient,
              kind: t(`inbox.kinds.${notice.kind}`, notice.kind),
              message: notice.message,
            })}
          </Typography.Text>
        </div>
      ))}
    </>
  );
}

/** The case's story from its workflow history, every run stitched together. */
export function AuditTimeline({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const timeline = $api.useQuery('get', '/api/v1/audit/cases/{caseId}/timeline', {
    params: { path: { caseId } },
  });
  if (timeline.error)
    return <Alert type="error" title={t('failed')} description={timeline.error.detail} showIcon />;
  if (!timeline.data) return <Skeleton active />;
  const { runs, events, source } = timeline.data;
  return (
    <>
      <Typography.Paragraph type="secondary">
        {t('audit.summary', { caseId, runs, events, source: t(`audit.source.${source}`) })}
      </Typography.Paragraph>
      <CaseTimeline lines={timeline.data.lines} extra={(line) => <HistoryPlace line={line} />} />
    </>
  );
}

import { App, Button, Card, Col, Row, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ApiProblem, download } from '../api/client';
import { ActionLog } from './ActionLog';
import { AuditTimeline } from './AuditTimeline';
import { CaseFinder } from './CaseFinder';
import { ReplayCheck } from './ReplayCheck';
import { StateAtMoment } from './StateAtMoment';

/** One case under audit: its stitched timeline beside its state at a moment, replay and export. */
function CaseAudit({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const exportCase = async () => {
    try {
      await download(`/api/v1/audit/cases/${encodeURIComponent(caseId)}/export`, `${caseId}.json`);
      void message.success(t('audit.exported'));
    } catch (err) {
      void message.error(err instanceof ApiProblem ? err.detail : String(err));
    }
  };
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={14}>
        <Card
          title={<h3 style={{ margin: 0, fontSize: 16 }}>{t('audit.section.timeline')}</h3>}
          extra={<Button onClick={() => void exportCase()}>{t('audit.export')}</Button>}
        >
          <AuditTimeline caseId={caseId} />
        </Card>
      </Col>
      <Col xs={24} xl={10}>
        <Card
          title={<h3 style={{ margin: 0, fontSize: 16 }}>{t('audit.section.state')}</h3>}
          style={{ marginBottom: 16 }}
        >
          <StateAtMoment caseId={caseId} />
        </Card>
        <Card title={<h3 style={{ margin: 0, fontSize: 16 }}>{t('audit.section.replay')}</h3>}>
          <ReplayCheck caseId={caseId} />
        </Card>
      </Col>
    </Row>
  );
}

/**
 * The auditor's desk: any case named by its id (`?case=request-…`, so other pages can link here),
 * and the action log. Everything is read from the audit API; nothing here changes a case.
 */
export default function AuditPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const caseId = params.get('case') ?? undefined;
  const tab = params.get('tab') === 'actions' ? 'actions' : 'case';
  // The case and the tab are both in the address, so each survives the other's change and a reload.
  const show = (next: { case?: string; tab: string }) =>
    setParams({
      ...(next.case ? { case: next.case } : {}),
      ...(next.tab === 'actions' ? { tab: 'actions' } : {}),
    });
  return (
    <>
      <Typography.Title level={2}>{t('nav.audit')}</Typography.Title>
      <Tabs
        activeKey={tab}
        onChange={(key) => show({ case: caseId, tab: key })}
        items={[
          {
            key: 'case',
            label: t('audit.tabs.case'),
            children: (
              <>
                <CaseFinder caseId={caseId} onFind={(found) => show({ case: found, tab: 'case' })} />
                {caseId && <CaseAudit key={caseId} caseId={caseId} />}
              </>
            ),
          },
          { key: 'actions', label: t('audit.tabs.actions'), children: <ActionLog /> },
        ]}
      />
    </>
  );
}

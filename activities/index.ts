import type { WorkflowBundleOption } from '@temporalio/worker';
import { ActionLogModel } from '../audit/actionLog/store';
import { HistorySources } from '../audit/source';
import { anchorActivities } from './audit/actionLogAnchor';
import { archiveActivities } from './audit/closedCases';
import { revisionActivities } from './cases/revision';
import { CaseMetrics } from './cases/revisionMetrics';
import { committeeAnnouncer, CommitteeDeps } from './committee/announce';
import { orderActivities } from './committee/orders';
import { commitmentProjectionActivities } from './commitments/projection';
import { Models } from './db/models';
import { inboxActivities } from './notifications/inbox';
import { revisionProjector } from './readModels';
import { reconcileActivities } from './readModels/reconcile';
import { webhookActivities, webhookConfigured } from './notifications/webhook';
import { requestProjectionActivities } from './requests/projection';
import { reportActivities } from './reports/cycle';
import { OrgDirectory } from '../domain/org';

export interface ActivityDeps {
  models: Models;
  webhookUrl: string;
  fetch: typeof fetch;
  /** Temporal and the archive directory, for the nightly archive of closed cases, and the action log to anchor there */
  audit: HistorySources & { actionLog: ActionLogModel };
  /** The worker's counters and projection lag, on its own registry */
  metrics: CaseMetrics;
  /** The org directory and the ladder's level ids (bottom first) of the worker's policy, for the 14th/28th reports */
  reports: { org: OrgDirectory; ladder: readonly string[] };
  /** Temporal, the task queue and the policy committees are started with (arrivals on the agenda, a meeting's orders) */
  committees: CommitteeDeps;
  /** The workflow code the worker runs, which the nightly reconciliation replays histories through (worker/createWorker.ts supplies it) */
  workflowCode(): Promise<WorkflowBundleOption>;
}

/** Every activity, built from its dependencies; only worker/ wires the real ones. */
export function createActivities(deps: ActivityDeps) {
  const requests = requestProjectionActivities(deps.models);
  const commitments = commitmentProjectionActivities(deps.models);
  const inbox = inboxActivities(deps.models);
  return {
    ...requests,
    ...commitments,
    ...inbox,
    ...revisionActivities({
      project: revisionProjector(deps.models),
      deliverInbox: inbox.deliverInbox,
      announce: committeeAnnouncer(deps.committees),
      webhookConfigured: webhookConfigured(deps.webhookUrl),
      metrics: deps.metrics,
    }),
    ...webhookActivities({ models: deps.models, url: deps.webhookUrl, fetch: deps.fetch }),
    ...orderActivities(deps.committees.temporal),
    ...archiveActivities(deps.audit),
    ...anchorActivities(deps.audit),
    ...reportActivities({ models: deps.models, ...deps.reports, deliverInbox: inbox.deliverInbox }),
    ...reconcileActivities({ models: deps.models, sources: deps.audit, workflowCode: deps.workflowCode }),
  };
}

export type Activities = ReturnType<typeof createActivities>;

import { ActionLogModel } from '../audit/actionLog/store';
import { HistorySources } from '../audit/source';
import { anchorActivities } from './audit/actionLogAnchor';
import { archiveActivities } from './audit/closedCases';
import { commitmentProjectionActivities } from './commitments/projection';
import { Models } from './db/models';
import { inboxActivities } from './notifications/inbox';
import { webhookActivities } from './notifications/webhook';
import { requestProjectionActivities } from './requests/projection';

export interface ActivityDeps {
  models: Models;
  webhookUrl: string;
  fetch: typeof fetch;
  /** Temporal and the archive directory, for the nightly archive of closed cases, and the action log to anchor there */
  audit: HistorySources & { actionLog: ActionLogModel };
}

/** Every activity, built from its dependencies; only worker/ wires the real ones. */
export function createActivities(deps: ActivityDeps) {
  return {
    ...requestProjectionActivities(deps.models),
    ...commitmentProjectionActivities(deps.models),
    ...inboxActivities(deps.models),
    ...webhookActivities({ models: deps.models, url: deps.webhookUrl, fetch: deps.fetch }),
    ...archiveActivities(deps.audit),
    ...anchorActivities(deps.audit),
  };
}

export type Activities = ReturnType<typeof createActivities>;

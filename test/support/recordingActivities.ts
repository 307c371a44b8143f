import { Context } from '@temporalio/activity';
import { KeyedNotice } from '../../common/notifications';
import { CommittedRevision, Projection, ReadModel, ReadModelStates } from '../../common/projection';
import { revisionActivities } from '../../activities/cases/revision';
import { createWorkerMetrics } from '../../worker/metrics';
import type { Activities } from '../../activities';

/**
 * Activities for workflow tests: they keep what the workflow asked for in memory, keyed as
 * the real ones are, so a test sees each notice once even if an activity is retried. The
 * webhook channel is off unless a test turns it on; `posted` holds what it would have sent.
 * `localAttemptsFail` stands for a database that is down while a revision's local attempts run,
 * `commitMs` for one that takes that long to write a revision. `announce` tells committees of
 * arrivals and departures; by default nobody hears them.
 */
export function recordingActivities({
  webhookConfigured = false,
  localAttemptsFail = false,
  commitMs = 0,
  announce = async (_revision: CommittedRevision): Promise<void> => undefined,
} = {}) {
  const notices = new Map<string, KeyedNotice>();
  const posted: KeyedNotice[] = [];
  const projections: { id: string; revision: number; status: string }[] = [];
  const project = async ({ state }: Projection<ReadModelStates[ReadModel]>) => {
    // A committee's agenda has no submission or status: it is named by its unit and stays open.
    if ('submission' in state)
      projections.push({ id: state.submission.id, revision: state.revision, status: state.status });
    else projections.push({ id: state.committeeId, revision: state.revision, status: 'open' });
  };
  const { commitRevision } = revisionActivities({
    project,
    deliverInbox: async (batch) => {
      for (const notice of batch) notices.set(notice.key, notice);
    },
    announce,
    webhookConfigured,
    metrics: createWorkerMetrics().cases,
  });
  const activities: Partial<Activities> = {
    async commitRevision(revision) {
      if (localAttemptsFail && Context.current().info.isLocal) throw new Error('database unreachable');
      await Context.current().sleep(commitMs);
      return commitRevision(revision);
    },
    async deliverWebhook(batch) {
      posted.push(...batch);
    },
  };
  return {
    activities,
    projections,
    posted,
    notices: () => [...notices.values()],
    kinds: (caseId?: string) =>
      [...notices.values()]
        .filter((n) => !caseId || n.caseId === caseId)
        .map((n) => `${n.kind}:${n.recipient}`),
  };
}

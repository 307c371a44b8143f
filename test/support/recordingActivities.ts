import { KeyedNotice } from '../../common/notifications';
import type { Activities } from '../../activities';

/**
 * Activities for workflow tests: they keep what the workflow asked for in memory, keyed as
 * the real ones are, so a test sees each notice once even if an activity is retried.
 */
export function recordingActivities() {
  const notices = new Map<string, KeyedNotice>();
  const projections: { id: string; revision: number; status: string }[] = [];
  const activities: Partial<Activities> = {
    async projectRequest({ state }) {
      projections.push({ id: state.submission.id, revision: state.revision, status: state.status });
    },
    async deliverInbox(batch) {
      for (const notice of batch) notices.set(notice.key, notice);
    },
    async deliverWebhook() {},
    async projectCommitment({ state }) {
      projections.push({ id: state.submission.id, revision: state.revision, status: state.status });
    },
  };
  return {
    activities,
    projections,
    notices: () => [...notices.values()],
    kinds: (caseId?: string) => [...notices.values()].filter((n) => !caseId || n.caseId === caseId).map((n) => `${n.kind}:${n.recipient}`),
  };
}

import { CommittedRevision, RevisionReceipt } from '../../common/projection';
import { KeyedNotice } from '../../common/notifications';
import { CaseMetrics, recordCommitted } from './revisionMetrics';

export interface RevisionDeps {
  /** Writes the revision into its read model. */
  project(revision: CommittedRevision): Promise<void>;
  deliverInbox(notices: KeyedNotice[]): Promise<void>;
  webhookConfigured: boolean;
  metrics: CaseMetrics;
}

export function revisionActivities({ project, deliverInbox, webhookConfigured, metrics }: RevisionDeps) {
  return {
    /**
     * The read model and the inbox in one attempt: the projection is ordered by revision and
     * the notices are keyed inserts, so a retry repeats both without effect.
     */
    async commitRevision(revision: CommittedRevision): Promise<RevisionReceipt> {
      await Promise.all([project(revision), deliverInbox(revision.notices)]);
      const committedAt = new Date();
      recordCommitted(metrics, revision, committedAt.getTime());
      return {
        entries: revision.entries,
        notices: revision.notices,
        webhookConfigured,
        committedAt: committedAt.toISOString(),
      };
    },
  };
}

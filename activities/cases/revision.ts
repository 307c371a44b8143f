import { CommittedRevision, RevisionReceipt } from '../../common/projection';
import { KeyedNotice } from '../../common/notifications';
import { CaseMetrics, recordCommitted } from './revisionMetrics';

export interface RevisionDeps {
  /** Writes the revision into its read model. */
  project(revision: CommittedRevision): Promise<void>;
  deliverInbox(notices: KeyedNotice[]): Promise<void>;
  /** Tells the case's committee what the revision means for its agenda (activities/committee/announce.ts). */
  announce(revision: CommittedRevision): Promise<void>;
  webhookConfigured: boolean;
  metrics: CaseMetrics;
}

export function revisionActivities({
  project,
  deliverInbox,
  announce,
  webhookConfigured,
  metrics,
}: RevisionDeps) {
  return {
    /**
     * The read model, the inbox and the committee's agenda in one attempt: the projection is
     * ordered by revision, the notices are keyed inserts and arriving or leaving the agenda is
     * idempotent, so a retry repeats them without effect.
     */
    async commitRevision(revision: CommittedRevision): Promise<RevisionReceipt> {
      await Promise.all([project(revision), deliverInbox(revision.notices), announce(revision)]);
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

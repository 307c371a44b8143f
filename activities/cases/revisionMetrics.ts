import { Counter, Histogram } from 'prom-client';
import { CommittedRevision } from '../../common/projection';
import { NoticeKind } from '../../domain/timeline';

/** What the worker counts of committed revisions; made on the worker's own registry (worker/metrics.ts), passed in. */
export interface CaseMetrics {
  /** 提醒 notices, one per recipient */
  remindersSent: Counter<'kind'>;
  /** Notices that raise pressure past a deadline, by step: 催办 urge, 督办 supervise, agenda, 通报 public_notice */
  escalationsSent: Counter<'kind' | 'step'>;
  /** From the newest timeline entry's time in the workflow to its read model written */
  projectionLag: Histogram<'kind'>;
}

const escalationSteps: ReadonlySet<NoticeKind> = new Set(['urge', 'supervise', 'agenda', 'public_notice']);

/** The case's kind where its submission names one (enterprise, pairing, pledge), else its read model's (request, committee): the `kind` the open-case gauges carry. */
export function caseKindOf(revision: CommittedRevision): string {
  const { state } = revision;
  return 'submission' in state && 'kind' in state.submission ? state.submission.kind : revision.readModel;
}

/**
 * Counted once the writes landed: an attempt that failed sent nothing, and its retry carries the
 * same notices. (An attempt that wrote everything but timed out before answering counts twice.)
 */
export function recordCommitted(metrics: CaseMetrics, revision: CommittedRevision, writtenAt: number): void {
  const kind = caseKindOf(revision);
  for (const notice of revision.notices) {
    if (notice.kind === 'reminder') metrics.remindersSent.inc({ kind });
    else if (escalationSteps.has(notice.kind)) metrics.escalationsSent.inc({ kind, step: notice.kind });
  }
  const newest = Math.max(...revision.entries.map((entry) => Date.parse(entry.at)));
  if (Number.isFinite(newest))
    metrics.projectionLag.observe({ kind }, Math.max(0, writtenAt - newest) / 1000);
}

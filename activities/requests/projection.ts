import { requestSummary } from '../../domain/requests/summary';
import { CitizenRequestState, finalStatuses } from '../../domain/requests/state';
import { Projection } from '../../common/projection';
import { requestWorkflowId } from '../../common/requests';
import { Models, RequestDoc } from '../db/models';
import { appendTimeline } from '../db/timeline';
import { upsertIfNewer } from '../db/versionedUpsert';

/** The filing day in Beijing time: the archive of final requests is sliced by it. */
export function filingDay(submittedAt: string): string {
  return new Date(Date.parse(submittedAt) + 8 * 3_600_000).toISOString().slice(0, 10);
}

export function toRequestDoc(state: CitizenRequestState, entries: CitizenRequestState['timeline']): RequestDoc {
  const { submission } = state;
  // The newest timeline entry records the ladder id of the policy the case runs under.
  const { id, ...summary } = requestSummary(state, entries[entries.length - 1]?.level ?? String(state.level));
  return {
    _id: id,
    ...summary,
    open: !finalStatuses.includes(state.status),
    day: filingDay(state.submittedAt),
    units: submission.jurisdiction,
    ...Object.fromEntries(submission.jurisdiction.map((unit, i) => [`unit${i}`, unit])),
  };
}

export function requestProjectionActivities(models: Models) {
  return {
    /** Idempotent and ordered by revision: safe to retry, safe to arrive late. Every write is found by `_id`. */
    async projectRequest({ state, entries }: Projection<CitizenRequestState>): Promise<void> {
      await appendTimeline(models.Timeline, requestWorkflowId(state.submission.id), entries);
      await upsertIfNewer(models.RequestState, { _id: state.submission.id, revision: state.revision, state });
      await upsertIfNewer(models.Request, toRequestDoc(state, entries));
    },
  };
}

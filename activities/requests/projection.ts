import { requestSummary } from '../../domain/requests/summary';
import { CitizenRequestState } from '../../domain/requests/state';
import { Projection } from '../../common/projection';
import { requestWorkflowId } from '../../common/requests';
import { Models, RequestDoc } from '../db/models';
import { appendTimeline } from '../db/timeline';
import { countFiled } from '../db/requestSlices';
import { upsertIfNewer } from '../db/versionedUpsert';

/** The filing hour in Beijing time, `YYYY-MM-DDTHH`: lists read requests in slices of it or of its day. */
export function filingHour(submittedAt: string): string {
  return new Date(Date.parse(submittedAt) + 8 * 3_600_000).toISOString().slice(0, 13);
}

export const filingDay = (submittedAt: string) => filingHour(submittedAt).slice(0, 10);

export function toRequestDoc(state: CitizenRequestState, entries: CitizenRequestState['timeline']): RequestDoc {
  const { submission } = state;
  // The newest timeline entry records the ladder id of the policy the case runs under.
  const { id, ...summary } = requestSummary(state, entries[entries.length - 1]?.level ?? String(state.level));
  return {
    _id: id,
    ...summary,
    day: filingDay(state.submittedAt),
    hour: filingHour(state.submittedAt),
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
      const doc = toRequestDoc(state, entries);
      if ((await upsertIfNewer(models.Request, doc)) === 'inserted') await countFiled(models.RequestSlice, doc.units, doc.day);
    },
  };
}

import { caseLevelId, requestSummary, RequestSummary } from '../../domain/requests/summary';
import { pressureOf, PressureStep } from '../../domain/requests/pressure';
import {
  CitizenRequestState,
  currentDeadline,
  finalStatuses,
  requestStateFrom,
  StoredRequestState,
} from '../../domain/requests/state';
import { Projection } from '../../common/projection';
import { requestWorkflowId } from '../../common/requests';
import { Models, RequestDoc } from '../db/models';
import { appendTimeline, readTimeline } from '../db/timeline';
import { countLanded, Landed, timeSlices, unitScopes } from '../db/slices';
import { categoryNodeValues, dueHourOf, openUnitValues, unitFields } from '../db/listShapes';
import { upsertIfNewer } from '../db/versionedUpsert';
import { projectContributions } from '../kpi/projection';

/** Where a filing is counted: its day in every scope it is listed in. */
export function requestLanded(doc: RequestDoc): Landed[] {
  return unitScopes(doc.units).map((scope) => ({ scope, day: doc.day }));
}

/**
 * The list document of a request: its summary, how far pressure has risen on its deadline (read
 * from `timeline`, the case's whole timeline up to this revision) and the fields its queries find
 * it by. `entries` are the timeline entries of this revision (or all of them).
 */
export function toRequestDoc(
  state: CitizenRequestState,
  entries: CitizenRequestState['timeline'],
  timeline = entries,
): RequestDoc {
  const { submission } = state;
  const { id, ...summary } = requestSummary(state, caseLevelId(state, entries.at(-1)));
  const open = !finalStatuses.includes(state.status);
  const pressure = pressureOf({ ...state, timeline });
  return {
    _id: id,
    ...summary,
    ...(pressure && { pressure }),
    // Only while open: the due-soon list finds a request by the hour its deadline falls in.
    ...(open && summary.deadline && { dueHour: dueHourOf(summary.deadline.dueAt) }),
    ...timeSlices(state.submittedAt),
    units: submission.jurisdiction,
    ...unitFields(submission.jurisdiction),
    ...openUnitValues(submission.jurisdiction, open),
    ...categoryNodeValues(submission.classification?.path),
    // Only while open: the duplicate search reads open requests alone, and a closed one's words need not stay.
    ...(open && submission.terms && { terms: submission.terms }),
  };
}

/** What a list shows of a request: its summary and the pressure on its deadline. */
export type ListedRequest = RequestSummary & { pressure?: PressureStep };

/** The summary a list document was made from: its fields without those that only serve the queries. */
export function summaryOf(doc: RequestDoc): ListedRequest {
  const {
    _id,
    month: _month,
    day: _day,
    hour: _hour,
    units: _units,
    terms: _terms,
    dueHour: _dueHour,
    ...rest
  } = doc;
  const summary = Object.fromEntries(
    Object.entries(rest).filter(([key]) => !/^(unit|openUnit|categoryNode)\d+$/.test(key)),
  );
  return { id: _id, ...summary } as ListedRequest;
}

/**
 * The case's timeline up to this revision: what was stored before and this revision's entries. Read
 * only while a deadline runs, the one time pressure can show: a closed case's projection reads nothing more.
 */
async function timelineUpTo(
  models: Pick<Models, 'Timeline'>,
  state: CitizenRequestState,
  entries: CitizenRequestState['timeline'],
): Promise<CitizenRequestState['timeline']> {
  if (!currentDeadline(state)) return entries;
  const stored = await readTimeline(models.Timeline, requestWorkflowId(state.submission.id));
  const first = entries[0]?.revision ?? Infinity;
  return [
    ...stored.filter((entry) => entry.revision < first && entry.revision <= state.revision),
    ...entries,
  ];
}

export function requestProjectionActivities(models: Models) {
  return {
    /**
     * Idempotent and ordered by revision: safe to retry, safe to arrive late. Every write is found
     * by `_id`. The filing is counted before its list document is written: a retry counts it again,
     * which only costs a list an extra query, whereas a count lost after the write would hide it. A
     * request routed from a township's queue to its grid is counted again, in its new scopes.
     * The ledger's contributions are replaced by revision like the rest (activities/kpi/projection.ts).
     */
    async projectRequest({ state: stored, entries }: Projection<StoredRequestState>): Promise<void> {
      // A revision scheduled by an older worker, or an ended case's old result being reconciled, has the old shape.
      const state = requestStateFrom(stored);
      const doc = toRequestDoc(state, entries, await timelineUpTo(models, state, entries));
      // A routed request lands in its grid's scopes then: counted there before it is written there.
      const counted = entries.some((entry) => entry.action === 'submit' || entry.action === 'route')
        ? countLanded(models.Slice, 'requests', requestLanded(doc))
        : Promise.resolve();
      await Promise.all([
        appendTimeline(models.Timeline, requestWorkflowId(state.submission.id), entries),
        upsertIfNewer(models.RequestState, { _id: state.submission.id, revision: state.revision, state }),
        counted.then(() => upsertIfNewer(models.Request, doc)),
        projectContributions(models, state, entries),
      ]);
    },
  };
}

import { ListedRequest } from '../../activities/requests/projection';
import { Actor } from '../../domain/actors';
import { Policy } from '../../domain/policy/policy';
import { answerFor, placeFor, requesterFor } from '../../domain/privacy/contact';
import { availableActions } from '../../domain/requests/availableActions';
import { pressureLabels, pressureOf } from '../../domain/requests/pressure';
import { currentAnswers, requesters } from '../../domain/requests/returnVisit';
import { CitizenRequestState, statusLabels } from '../../domain/requests/state';
import { caseLevelId, requestSummary } from '../../domain/requests/summary';

/** A list item: the stored summary (with the pressure the projection found, if any) and its labels. */
export function presentListItem(summary: ListedRequest, policy: Policy) {
  return {
    ...summary,
    statusLabel: statusLabels[summary.status],
    categoryLabel: policy.categories[summary.category]?.label,
    ...(summary.pressure && { pressureLabel: pressureLabels[summary.pressure] }),
  };
}

/**
 * The one shape clients see for a request, whether read live from Temporal or from the projection;
 * the requester's number and address (and the place's text) in full only to a `viewer` who needs
 * them, and so the return visit's answers (domain/privacy); `where` adds the grid and who answers
 * for it (responsible.ts).
 */
export function presentRequest(
  state: CitizenRequestState,
  policy: Policy,
  viewer: Actor | undefined,
  where: { grid?: { id: string; unit: string; name: { zh: string; en: string } }; responsible?: object } = {},
) {
  const summary = requestSummary(state, caseLevelId(state));
  const place = placeFor(viewer, state);
  return {
    ...presentListItem(summary, policy),
    description: state.submission.description,
    ...(state.submission.mediaUrl !== undefined && { mediaUrl: state.submission.mediaUrl }),
    requester: requesterFor(viewer, state),
    returnVisit: {
      requesters: requesters(state).length,
      answers: currentAnswers(state).map((answer) => answerFor(viewer, state, answer)),
    },
    ...(place && { place }),
    ...(where.grid && { grid: where.grid }),
    ...(where.responsible && { responsible: where.responsible }),
  };
}

/**
 * What the caller may do on the request now (a dry run of the workflow's decision under the access
 * rules), and how far pressure has risen on its deadline: a case page's actions and warnings.
 */
export function presentWork(state: CitizenRequestState, policy: Policy, viewer: Actor) {
  const pressure = pressureOf(state);
  return {
    actions: availableActions(state, viewer, { policy, now: Date.now() }),
    ...(pressure && { pressure, pressureLabel: pressureLabels[pressure] }),
  };
}

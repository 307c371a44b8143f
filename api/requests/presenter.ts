import { Policy } from '../../domain/policy/policy';
import { CitizenRequestState, statusLabels } from '../../domain/requests/state';
import { caseLevelId, requestSummary, RequestSummary } from '../../domain/requests/summary';

/** A list item: the stored summary with its labels. */
export function presentListItem(summary: RequestSummary, policy: Policy) {
  return {
    ...summary,
    statusLabel: statusLabels[summary.status],
    categoryLabel: policy.categories[summary.category]?.label,
  };
}

/** The one shape clients see for a request, whether read live from Temporal or from the projection. */
export function presentRequest(state: CitizenRequestState, policy: Policy) {
  const summary = requestSummary(state, caseLevelId(state));
  const { requester } = state.submission;
  return {
    ...presentListItem(summary, policy),
    description: state.submission.description,
    requester: { id: requester.id, name: requester.name },
  };
}

import { CategoryTree } from '../../domain/categories/types';
import { OrgDirectory } from '../../domain/org';
import { Policy } from '../../domain/policy/policy';
import {
  CitizenRequestState,
  currentDeadline,
  RequestStatus,
  RequestSubmission,
  statusLabels,
} from '../../domain/requests/state';
import { Record311 } from './format';
import { Locale, serviceNameOf } from './intake';

/** GeoReport v2 knows two statuses: a request is closed once resolved (or ended otherwise), open before. */
const closedStatuses: readonly RequestStatus[] = ['resolved', 'closed', 'withdrawn', 'merged', 'rejected'];
export const open311Status = (status: RequestStatus): 'open' | 'closed' =>
  closedStatuses.includes(status) ? 'closed' : 'open';

export interface Open311View {
  tree: CategoryTree;
  org: OrgDirectory;
  policy: Policy;
  locale: Locale;
}

/** A request's service: the leaf it was filed under, else (filed by SLA class alone) its class. */
export const serviceCodeOf = (filed: Pick<RequestSubmission, 'category' | 'classification'>) =>
  filed.classification?.code ?? filed.category;

/** Whether an Open311 client app filed the request: its words and place were meant for such apps. */
const filedThroughOpen311 = (state: CitizenRequestState) =>
  !!state.submission.filedBy?.startsWith('open311:');

/**
 * A request as GeoReport v2 shows it to anyone, without a key: no requester, and the resident's
 * own words, place and media only when they filed through an Open311 app (a hotline caller's
 * description and address are not public; its title is what lists show). The agency is the unit
 * holding the request now; expected_datetime its current deadline.
 */
export function presentOpen311Request(state: CitizenRequestState, view: Open311View): Record311 {
  const { submission } = state;
  const published = filedThroughOpen311(state);
  const place = published ? submission.place : undefined;
  const unit = submission.jurisdiction[state.level];
  const label = statusLabels[state.status];
  const status = open311Status(state.status);
  return {
    service_request_id: submission.id,
    status,
    status_notes: state.mergedInto ? `${label[view.locale]}: ${state.mergedInto}` : label[view.locale],
    service_name: serviceNameOf(submission, view.policy, view.locale),
    service_code: serviceCodeOf(submission),
    description: published ? submission.description : submission.title,
    agency_responsible: (unit && view.org.nameOf(unit)?.[view.locale]) || unit || null,
    service_notice: null,
    requested_datetime: state.submittedAt,
    updated_datetime: (status === 'closed' && state.closedAt) || state.updatedAt,
    expected_datetime: (status === 'open' && currentDeadline(state)?.dueAt) || null,
    address: place?.text ?? null,
    address_id: null,
    zipcode: null,
    lat: place?.point?.lat ?? null,
    long: place?.point?.lng ?? null,
    media_url: (published && submission.mediaUrl) || null,
  };
}

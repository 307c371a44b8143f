import { Actor } from '../actors';
import { CitizenRequestState, ReturnVisitAnswer } from '../requests/state';
import { maskAddress, maskName, maskPhone } from './masks';

/**
 * Who needs to reach a requester: the requester themself, whoever filed on their behalf (the
 * hotline operator who took the call), the member assigned to the request, and whoever dispatches
 * it: the secretary of its grid, or the township's leader while it waits in the township's dispatch
 * queue (no grid covers its place). Everyone else (leaders up the ladder, the
 * committee, auditors, other members) follows the case without the means to call or visit: they
 * see the number and the address masked. The name shows to all who may read the case.
 */
export function needsContact(viewer: Actor | undefined, state: CitizenRequestState): boolean {
  if (!viewer) return false;
  const { requester, jurisdiction, filedBy } = state.submission;
  if ([requester.id, filedBy, state.assignee].includes(viewer.id)) return true;
  const dispatcher = state.submission.addressUnmatched ? 'unit_leader' : 'branch_secretary';
  return viewer.role === dispatcher && viewer.unit === jurisdiction[0];
}

/** The place the filing named as `viewer` may see it: in full to those who may reach the requester; to others its township and community, the text masked. */
export function placeFor(viewer: Actor | undefined, state: CitizenRequestState) {
  const { place } = state.submission;
  if (!place || needsContact(viewer, state)) return place;
  return {
    ...(place.township !== undefined && { township: place.township }),
    ...(place.community !== undefined && { community: place.community }),
    ...(place.text !== undefined && { text: maskAddress(place.text) }),
  };
}

/** The requester as `viewer` may see them. */
export function requesterFor(viewer: Actor | undefined, state: CitizenRequestState) {
  const { id, name, phone, address } = state.submission.requester;
  const full = needsContact(viewer, state);
  return {
    id,
    name,
    ...(phone !== undefined && { phone: full ? phone : maskPhone(phone) }),
    ...(address !== undefined && { address: full ? address : maskAddress(address) }),
  };
}

/**
 * A return-visit answer as `viewer` may see it. Who answered and what they said show in full to
 * that requester and to the staff who need to reach requesters; everyone else, the other
 * residents of a merged group included, sees the requester masked and not their words.
 */
export function answerFor(viewer: Actor | undefined, state: CitizenRequestState, answer: ReturnVisitAnswer) {
  const full =
    viewer !== undefined &&
    (viewer.id === answer.requester ||
      (needsContact(viewer, state) && viewer.id !== state.submission.requester.id));
  return {
    requester: full ? answer.requester : maskName(answer.requester),
    satisfied: answer.satisfied,
    at: answer.at,
    ...(full && answer.note !== undefined && { note: answer.note }),
  };
}

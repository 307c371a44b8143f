import { Actor } from '../actors';
import { CitizenRequestState, ReturnVisitAnswer } from '../requests/state';
import { maskAddress, maskName, maskPhone } from './masks';

/**
 * Who needs to reach a requester: the requester themself, whoever filed on their behalf (the
 * hotline operator who took the call), the member assigned to the request, and the secretary of
 * its grid, who dispatches it. Everyone else (leaders up the ladder, the
 * committee, auditors, other members) follows the case without the means to call or visit: they
 * see the number and the address masked. The name shows to all who may read the case.
 */
export function needsContact(viewer: Actor | undefined, state: CitizenRequestState): boolean {
  if (!viewer) return false;
  const { requester, jurisdiction, filedBy } = state.submission;
  if ([requester.id, filedBy, state.assignee].includes(viewer.id)) return true;
  return viewer.role === 'branch_secretary' && viewer.unit === jurisdiction[0];
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

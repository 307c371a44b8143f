import { AgendaMove, ArrivalReason, caseRef, itemKey } from '../committee/agenda';
import { TimelineEntry } from '../timeline';
import { CitizenRequestState, RequestStatus } from './state';

/** A request is on the agenda while it sits at the committee and is still to be done. */
const awaitingWork: RequestStatus[] = ['submitted', 'dispatched', 'accepted', 'in_progress', 'reopened'];

/**
 * `onAgenda` says the request reached the committee and was not sent back down; it stays true
 * once the request resolves or ends, as the record of where it ended. It is on the agenda now
 * while it also awaits work. Lists show that (summary.ts).
 */
export function isOnAgendaNow(state: Pick<CitizenRequestState, 'onAgenda' | 'status'>): boolean {
  return state.onAgenda && awaitingWork.includes(state.status);
}

/**
 * Told to the committee with every revision while it holds: a request on the agenda arrives
 * (again: arriving is idempotent, and a request that reached the committee before the committee
 * ran as a workflow arrives with its next revision, a reminder or lapse at the latest), one that
 * reached the committee and resolved, closed, was withdrawn, rejected or merged leaves. A request
 * sent back down left at the meeting that sent it; requests that never reached the committee
 * tell it nothing. `entries` are the revision's new timeline entries: an arrival by hand shows there.
 */
export function agendaMove(state: CitizenRequestState, entries: TimelineEntry[]): AgendaMove | undefined {
  if (!state.onAgenda) return undefined;
  const committeeId = state.submission.jurisdiction[state.submission.jurisdiction.length - 1];
  const ref = caseRef('request', state.submission.id);
  if (!isOnAgendaNow(state)) return { move: 'leave', committeeId, key: itemKey(ref) };
  const reason: ArrivalReason = state.submission.major
    ? 'major'
    : entries.some((entry) => entry.action === 'escalate')
      ? 'escalated_by_hand'
      : 'escalated_on_breach';
  return {
    move: 'arrive',
    committeeId,
    arrival: {
      case: ref,
      reason,
      title: state.submission.title,
      unit: state.submission.jurisdiction[Math.max(0, state.submission.jurisdiction.length - 2)],
    },
  };
}

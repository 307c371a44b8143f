/**
 * 常委会议程: the standing committee's agenda, as pure decisions (state, event → state, orders).
 *
 * How it will run durably (the next piece; nothing here depends on it):
 * - One entity workflow per committee, `committee-<org unit id>`, registered in common/caseKinds.ts
 *   (kind, workflow type, ID prefix, API path, labels) so the auditor's timeline, replay, the
 *   archive sweep and `verify` cover it like every case. It never ends on its own: it carries
 *   this state through continue-as-new (the case shell's thresholds, handlers drained first), so
 *   past meetings should move to a read model and only recent ones be carried, once they grow.
 * - Arrivals come by signal-with-start (the committee's workflow may not run yet); `arrive` is
 *   idempotent by item key, so a signal sent twice adds nothing. Departures (`leave`) come the same
 *   way when the case resolves, closes, is withdrawn or merged.
 * - A meeting is an update (`holdMeeting`): a Refusal rejects it before anything is recorded, and
 *   the accepted meeting's orders go to each case as that case's own update (`committeeDecision`
 *   on a request), keyed by meeting id and item so a retry is applied once.
 * - The request workflow sends its arrival when it reaches the top level (escalation on breach, by
 *   hand, or filed as major) and its departure when it leaves. That changes what recorded request
 *   histories did (new commands), so it needs `patched()` and histories recorded with the current
 *   code first (`npm run record-histories`), then the replay test to prove it. Not done here.
 */
import { caseWorkflowId, CaseKindName } from '../../common/caseKinds';
import { CommitteeDecision } from './decisions';

/** Why an item is on the agenda. */
export const arrivalReasons = ['escalated_on_breach', 'escalated_by_hand', 'major'] as const;
export type ArrivalReason = (typeof arrivalReasons)[number];

export const arrivalLabels: Record<ArrivalReason, { zh: string; en: string }> = {
  escalated_on_breach: { zh: '逾期逐级上报', en: 'Escalated on a missed deadline' },
  escalated_by_hand: { zh: '主动上报', en: 'Escalated by hand' },
  major: { zh: '重大民生事项', en: 'Major livelihood matter' },
};

/** Which case an item is: a request, or a problem inside a plan or pairing (`problem`). */
export interface CaseRef {
  kind: CaseKindName;
  id: string;
  workflowId: string;
  problem?: string;
}

export function caseRef(kind: CaseKindName, id: string, problem?: string): CaseRef {
  return { kind, id, workflowId: caseWorkflowId(kind, id), ...(problem ? { problem } : {}) };
}

/** An item's key on the agenda: a case's workflow ID, and its problem for a plan's problem. */
export function itemKey(ref: CaseRef): string {
  return ref.problem ? `${ref.workflowId}/${ref.problem}` : ref.workflowId;
}

/** The decision an item is running under, from the meeting that took it. */
export interface ItemDecision {
  meetingId: string;
  decidedAt: string;
  decision: CommitteeDecision;
  /** When the committee's deadline falls (assignLead), on the calendar of the committee's policy. */
  dueAt?: string;
}

export interface AgendaItem {
  key: string;
  case: CaseRef;
  reason: ArrivalReason;
  arrivedAt: string;
  title: string;
  /** The unit the case came up from, as its sender names it. */
  unit: string;
  decision?: ItemDecision;
}

export interface AgendaState {
  /** The org unit the committee is; its jurisdiction is everything below it. */
  committeeId: string;
  /** Its rung of the ladder (the policy's id): decisions send items to rungs below it. */
  levelId: string;
  revision: number;
  updatedAt: string;
  items: AgendaItem[];
  /** Every meeting held, oldest first: the record auditors read. */
  meetings: Meeting[];
}

/** A meeting as it was recorded: who sat, and what it decided on which item. */
export interface Meeting {
  id: string;
  heldAt: string;
  membersPresent: string[];
  recordedBy: string;
  recordedAt: string;
  decisions: (ItemDecision & { item: string; title: string })[];
}

export function openAgenda(committeeId: string, levelId: string, now: number): AgendaState {
  return {
    committeeId,
    levelId,
    revision: 0,
    updatedAt: new Date(now).toISOString(),
    items: [],
    meetings: [],
  };
}

export interface Arrival {
  case: CaseRef;
  reason: ArrivalReason;
  title: string;
  unit: string;
}

/** An item joins the agenda; one already there stays as it is (the same state), whatever the reason now given. */
export function arrive(state: AgendaState, arrival: Arrival, now: number): AgendaState {
  const key = itemKey(arrival.case);
  if (state.items.some((item) => item.key === key)) return state;
  const at = new Date(now).toISOString();
  return revised(state, now, [...state.items, { key, ...arrival, arrivedAt: at }]);
}

/** The case resolved, closed, was withdrawn or merged: its item leaves (the same state if it had left). */
export function leave(state: AgendaState, key: string, now: number): AgendaState {
  if (!state.items.some((item) => item.key === key)) return state;
  return revised(
    state,
    now,
    state.items.filter((item) => item.key !== key),
  );
}

export function revised(
  state: AgendaState,
  now: number,
  items: AgendaItem[],
  meetings = state.meetings,
): AgendaState {
  return { ...state, revision: state.revision + 1, updatedAt: new Date(now).toISOString(), items, meetings };
}

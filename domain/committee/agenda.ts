/**
 * 常委会议程: the standing committee's agenda, as pure decisions (state, event → state, orders).
 *
 * How it runs durably (workflows/committee/standingCommittee.ts):
 * - One entity workflow per committee, `committee-<org unit id>`, registered in common/caseKinds.ts,
 *   so the auditor's timeline, replay, the archive sweep and `verify` cover it like every case. It
 *   runs in the case shell and never ends on its own: it continues as new carrying this whole
 *   state. Every case carries its timeline (the auditor's replay reads the last state's timeline
 *   as the whole story), and the meetings are the record the read model is rebuilt from. Both
 *   grow by a few hundred bytes per arrival, departure and decision: about 150 KB a year for a
 *   committee deciding five items a week, far inside the 2 MB a payload may hold.
 * - Arrivals and departures (`AgendaMove`: domain/requests/agendaStay.ts, domain/commitments/agendaStay.ts)
 *   come by signal-with-start (the committee's workflow may not run yet) from the activity that
 *   commits each case's revision; `arrive` and `leave` are idempotent by item key.
 * - A meeting is an update (`holdMeeting`): a Refusal rejects it before anything is recorded, and
 *   the accepted meeting's orders go to each case as that case's own update (`committeeDecision`
 *   on a request, or on a commitment for its problem), which refuses a second delivery of the same meeting.
 */
import { caseWorkflowId, CaseKindName } from '../../common/caseKinds';
import { systemActor } from '../actors';
import { Deadline } from '../deadlines/deadline';
import { TimelineEntry } from '../timeline';
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
  /** What happened on the agenda, for auditors; the case shell projects it like every case's. */
  timeline: TimelineEntry[];
  /** None: the committee's deadlines run in each case it decided on. The case shell reads this. */
  deadlines: Deadline[];
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
    timeline: [],
    deadlines: [],
  };
}

export interface Arrival {
  case: CaseRef;
  reason: ArrivalReason;
  title: string;
  unit: string;
}

/** What a case's revision tells its committee: it arrived on the agenda, or (by its item key) left it. */
export type AgendaMove =
  | { move: 'arrive'; committeeId: string; arrival: Arrival }
  | { move: 'leave'; committeeId: string; key: string };

/** An item joins the agenda; one already there stays as it is (the same state), whatever the reason now given. */
export function arrive(state: AgendaState, arrival: Arrival, now: number): AgendaState {
  const key = itemKey(arrival.case);
  if (state.items.some((item) => item.key === key)) return state;
  const at = new Date(now).toISOString();
  return revised(state, now, [...state.items, { key, ...arrival, arrivedAt: at }], state.meetings, [
    {
      actor: systemActor,
      action: 'arrive',
      about: key,
      note: `${arrivalLabels[arrival.reason].zh} ${arrivalLabels[arrival.reason].en}: ${arrival.title}`,
      level: arrival.unit,
    },
  ]);
}

/** The case resolved, closed, was withdrawn or merged: its item leaves (the same state if it had left). */
export function leave(state: AgendaState, key: string, now: number): AgendaState {
  if (!state.items.some((item) => item.key === key)) return state;
  return revised(
    state,
    now,
    state.items.filter((item) => item.key !== key),
    state.meetings,
    [
      {
        actor: systemActor,
        action: 'leave',
        about: key,
        note: '案件已办结或终止 the case resolved or ended',
      },
    ],
  );
}

type NewEntry = Omit<TimelineEntry, 'at' | 'revision'>;

/** The next revision, with what it recorded on the timeline. */
export function revised(
  state: AgendaState,
  now: number,
  items: AgendaItem[],
  meetings: Meeting[],
  entries: NewEntry[],
): AgendaState {
  const revision = state.revision + 1;
  const at = new Date(now).toISOString();
  return {
    ...state,
    revision,
    updatedAt: at,
    items,
    meetings,
    timeline: [...state.timeline, ...entries.map((entry) => ({ at, revision, ...entry }))],
  };
}

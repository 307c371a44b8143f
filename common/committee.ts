import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import { Actor } from '../domain/actors';
import { AgendaState, Arrival, Meeting } from '../domain/committee/agenda';
import { CaseOrder, MeetingInput } from '../domain/committee/meeting';
import { Policy } from '../domain/policy/policy';
import { caseKind, caseWorkflowId } from './caseKinds';

/**
 * The contract between api/, activities/ and workflows/ for the standing committee (常委会): one
 * entity workflow per committee, named by its org unit. Changing a name here breaks running
 * committees; add new definitions instead.
 */
export interface CommitteeInput {
  /** The org unit the committee is (the last unit of its requests' jurisdiction). */
  committeeId: string;
  /** The policy its meetings count deadlines and check ladder levels with: the first starter's. */
  policy: Policy;
  /** Set only by continue-as-new. */
  carried?: AgendaState;
  /** Continue as new past this many history events (tests; default in the case shell). */
  continueAfterEvents?: number;
}

/** A meeting as the secretariat posts it, and who posts it. */
export interface MeetingCommand {
  actor: Actor;
  meeting: MeetingInput;
}

/** What became of one order in its case: applied, already applied by an earlier attempt, or refused there (and why). */
export interface OrderDelivery {
  item: string;
  caseId: string;
  outcome: 'applied' | 'already_applied' | 'refused';
  reason?: string;
}

export interface MeetingResult {
  meeting: Meeting;
  deliveries: OrderDelivery[];
}

export const committeeArriveSignal = defineSignal<[Arrival]>('committeeArrive');
export const committeeLeaveSignal = defineSignal<[{ key: string }]>('committeeLeave');
export const committeeMeetingUpdate = defineUpdate<MeetingResult, [MeetingCommand]>('committeeMeeting');
export const agendaQuery = defineQuery<AgendaState>('agenda');

export const committeeWorkflowType = caseKind('committee').workflowType;

export function committeeWorkflowId(committeeId: string): string {
  return caseWorkflowId('committee', committeeId);
}

/** The orders of one accepted meeting, as the delivery activity takes them. */
export interface MeetingOrders {
  actor: Actor;
  orders: CaseOrder[];
}

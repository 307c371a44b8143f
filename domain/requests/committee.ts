import { Actor } from '../actors';
import { Change } from '../cases/engine';
import { refuseReadOnly, requireRole, requireStatus } from '../cases/guards';
import {
  alreadyDecided,
  leadDeadline,
  meetingMoment,
  meetingNote,
  supervisionLabels,
} from '../committee/decisions';
import { Deadline } from '../deadlines/deadline';
import { Decision, Refusal, tell } from '../timeline';
import { RequestCommand } from './commands';
import { CitizenRequestState, CommitteeRuling, RequestStatus } from './state';
import type { Context, RequestChange } from './transitions';

type Apply = (
  state: CitizenRequestState,
  change: Change<CitizenRequestState> & RequestChange,
  ctx: Context,
) => Decision<CitizenRequestState>;

type Merge = (
  state: CitizenRequestState,
  actor: Actor,
  into: string,
  note: string,
  patch: Partial<CitizenRequestState>,
) => Decision<CitizenRequestState>;

type CommitteeCommand = RequestCommand & { type: 'committeeDecision' };

/** A committee decision's deadline runs beside the stage's and is told apart by its id. */
export function isCommitteeDeadline(deadline: Pick<Deadline, 'id'>): boolean {
  return deadline.id.startsWith('committee:');
}

const decidable: RequestStatus[] = ['submitted', 'dispatched', 'accepted', 'in_progress', 'reopened'];

/** Whom a committee deadline's reminders tell besides the lead official: the lead unit, and the committee when it supervises closely. */
export function committeeAlsoRemind(state: CitizenRequestState): string[] {
  const decision = state.committee?.decision;
  if (decision?.kind !== 'assignLead') return [];
  const committee = state.submission.jurisdiction[state.submission.jurisdiction.length - 1];
  return decision.supervision === 'general' ? [decision.leadUnit] : [decision.leadUnit, committee];
}

/** A missed committee deadline: counted and dated on the request, so the next agenda flags it overdue. */
export function committeeLapse(state: CitizenRequestState, deadline: Deadline): Partial<CitizenRequestState> {
  if (!state.committee) return {};
  return {
    committee: {
      ...state.committee,
      lapses: state.committee.lapses + 1,
      overdueSince: state.committee.overdueSince ?? deadline.dueAt,
    },
  };
}

/**
 * The decision flows into the case: a lead official with a deadline of the committee's own, the
 * request sent back down with a fresh stage deadline, closed with the committee's outcome, or
 * merged as a duplicate is. Only the committee decides, and only on a request on its agenda.
 */
export function decideCommittee(
  state: CitizenRequestState,
  command: CommitteeCommand,
  ctx: Context,
  apply: Apply,
  merge: Merge,
): Decision<CitizenRequestState> {
  const { actor, decision, meetingId } = command;
  refuseReadOnly(actor);
  requireRole(actor, ['committee'], 'record a committee decision');
  // First: a repeated delivery must read as such even once the decision took the request off the agenda.
  if (state.committee?.meetingId === meetingId)
    throw new Refusal('not_allowed_in_state', alreadyDecided(meetingId));
  requireStatus(state.status, decidable, 'decide on', 'a request');
  if (!state.onAgenda)
    throw new Refusal('not_allowed_in_state', 'the request is not on the committee agenda');
  const heldAt = meetingMoment(command.heldAt, ctx.now);
  const ladder = ctx.policy.ladder;
  const top = ladder.length - 1;
  const ruling: CommitteeRuling = {
    meetingId,
    decidedAt: new Date(heldAt).toISOString(),
    decision,
    lapses: 0,
  };
  const others = state.deadlines.filter((d) => !isCommitteeDeadline(d));
  const title = state.submission.title;
  const requesters = [state.submission.requester.id, ...state.coRequesters];
  const note = meetingNote(meetingId);
  switch (decision.kind) {
    case 'assignLead': {
      const supervision = supervisionLabels[decision.supervision];
      const deadline = leadDeadline(
        decision,
        { id: `committee:${meetingId}`, purpose: 'committee decision', meetingId, heldAt, level: top },
        ctx.policy,
      );
      return apply(
        state,
        {
          // The lead takes the request on; its deadline now governs the stage's.
          status: state.status === 'submitted' || state.status === 'dispatched' ? 'accepted' : undefined,
          action: 'committee_assign_lead',
          actor,
          note: note(decision.note),
          rule: deadline.rule,
          patch: {
            committee: ruling,
            deadlines: [...others.filter((d) => !d.id.startsWith('stage:')), deadline],
            pendingExtension: undefined,
          },
          notices: tell(
            [decision.leadOfficial, decision.leadUnit],
            'supervise',
            `${supervision.zh} ${supervision.en}: 常委会交办 the committee assigns you to lead, due ${deadline.dueAt}: ${title}`,
          ),
        },
        ctx,
      );
    }
    case 'sendDown': {
      const level = ladder.findIndex((rung) => rung.id === decision.toLevel);
      if (level < 0 || level >= top)
        throw new Refusal('invalid', `level ${decision.toLevel} is not a rung below ${ladder[top].id}`);
      return apply(
        state,
        {
          action: 'committee_send_down',
          actor,
          note: note(decision.instructions),
          patch: { level, onAgenda: false, committee: ruling, deadlines: others },
          freshDeadline: true,
          notices: tell(
            [state.submission.jurisdiction[level]],
            'assigned',
            `常委会交办 sent down by the committee to ${ladder[level].label.zh} ${ladder[level].label.en}: ${decision.instructions}: ${title}`,
          ),
        },
        ctx,
      );
    }
    case 'close':
      return apply(
        state,
        {
          status: 'closed',
          action: 'committee_close',
          actor,
          note: note(decision.outcome),
          patch: { outcome: 'committee_decision', resolution: decision.outcome, committee: ruling },
          notices: tell(requesters, 'outcome', `常委会研究办结 closed by the committee: ${decision.outcome}`),
        },
        ctx,
      );
    case 'merge':
      if (decision.into === state.submission.id)
        throw new Refusal('invalid', 'a request cannot be merged into itself');
      return merge(state, actor, decision.into, note(decision.note), { committee: ruling });
  }
}

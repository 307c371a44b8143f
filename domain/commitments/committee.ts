import { Change } from '../cases/engine';
import { refuseReadOnly, requireRole } from '../cases/guards';
import {
  alreadyDecided,
  leadDeadline,
  meetingMoment,
  meetingNote,
  supervisionLabels,
} from '../committee/decisions';
import { Deadline } from '../deadlines/deadline';
import { Decision, Refusal, tell } from '../timeline';
import { CommitmentCommand } from './commands';
import { CommitmentState, currentLead, Problem } from './state';
import type { Context } from './transitions';

type CommitteeCommand = CommitmentCommand & { type: 'committeeDecision' };

type Apply = (
  state: CommitmentState,
  change: Change<CommitmentState>,
  ctx: Context,
) => Decision<CommitmentState>;

/** The problem's deadline afresh at a level, as the commitment sets it (transitions.ts). */
type FreshDeadline = (state: CommitmentState, problem: Problem, level: number, from: number) => Deadline;

/**
 * A plan's or pairing's problem that escalated to the committee follows its decision: a lead
 * official answers for it under the committee's deadline (the problem's own deadline, reminding the
 * lead, publicly noted when missed), it is sent back down with a fresh deadline there, or it is
 * closed by the committee (withdrawn with the reasoned outcome: a closure is not a solution the team
 * can count). Problems do not merge.
 */
export function decideProblemByCommittee(
  state: CommitmentState,
  command: CommitteeCommand,
  ctx: Context,
  apply: Apply,
  freshDeadline: FreshDeadline,
): Decision<CommitmentState> {
  const { actor, decision, meetingId, problemId } = command;
  refuseReadOnly(actor);
  requireRole(actor, ['committee'], 'record a committee decision');
  const problem = state.problems.find((p) => p.id === problemId);
  if (!problem) throw new Refusal('invalid', `unknown problem ${problemId}`);
  if (problem.committee?.meetingId === meetingId)
    throw new Refusal('not_allowed_in_state', alreadyDecided(meetingId, `problem ${problemId}`));
  const top = ctx.policy.ladder.length - 1;
  if (problem.status !== 'open' || problem.level !== top)
    throw new Refusal('not_allowed_in_state', `problem ${problemId} is not on the committee agenda`);
  const heldAt = meetingMoment(command.heldAt, ctx.now);
  const committee = { meetingId, decidedAt: new Date(heldAt).toISOString(), decision };
  const id = `problem:${problemId}`;
  const others = state.deadlines.filter((d) => d.id !== id);
  const withProblem = (patch: Partial<Problem>) =>
    state.problems.map((p) => (p.id === problemId ? { ...p, ...patch, committee } : p));
  const note = meetingNote(meetingId);
  const about = problemId;
  switch (decision.kind) {
    case 'assignLead': {
      const supervision = supervisionLabels[decision.supervision];
      const deadline = leadDeadline(
        decision,
        { id, purpose: `problem ${problemId}`, meetingId, heldAt, level: top },
        ctx.policy,
      );
      return apply(
        state,
        {
          action: 'committee_assign_lead',
          actor,
          about,
          note: note(decision.note),
          rule: deadline.rule,
          patch: { problems: withProblem({}), deadlines: [...others, deadline] },
          notices: tell(
            [decision.leadOfficial, decision.leadUnit],
            'supervise',
            `${supervision.zh} ${supervision.en}: 常委会交办 the committee assigns you to lead, due ${deadline.dueAt}: ${problem.title}`,
          ),
        },
        ctx,
      );
    }
    case 'sendDown': {
      const level = ctx.policy.ladder.findIndex((rung) => rung.id === decision.toLevel);
      if (level < 0 || level >= top)
        throw new Refusal(
          'invalid',
          `level ${decision.toLevel} is not a rung below ${ctx.policy.ladder[top].id}`,
        );
      const sentDown = { ...problem, level };
      const deadline = freshDeadline(state, sentDown, level, ctx.now);
      return apply(
        state,
        {
          action: 'committee_send_down',
          actor,
          about,
          note: note(decision.instructions),
          rule: deadline.rule,
          patch: { problems: withProblem({ level }), deadlines: [...others, deadline] },
          notices: tell(
            [deadline.owner],
            'assigned',
            `常委会交办 sent down by the committee: ${decision.instructions}: ${problem.title}`,
          ),
        },
        ctx,
      );
    }
    case 'close': {
      const at = new Date(ctx.now).toISOString();
      return apply(
        state,
        {
          action: 'committee_close',
          actor,
          about,
          note: note(decision.outcome),
          patch: {
            problems: withProblem({ status: 'withdrawn', outcome: decision.outcome, resolvedAt: at }),
            deadlines: others,
          },
          notices: tell(
            [currentLead(state)],
            'outcome',
            `常委会研究办结 closed by the committee: ${decision.outcome}: ${problem.title}`,
          ),
        },
        ctx,
      );
    }
    case 'merge':
      throw new Refusal('invalid', 'only requests merge, into another request');
  }
}

import { continueAsNew, getExternalWorkflowHandle, ParentClosePolicy, setHandler, startChild, workflowInfo } from '@temporalio/workflow';
import {
  commitmentActionUpdate,
  CommitmentInput,
  commitmentStateQuery,
  problemChangedSignal,
  commitmentToProblemSignal,
  ProblemWorkflowInput,
} from '../../common/commitments';
import { CommitmentCommand } from '../../domain/commitments/commands';
import { CommitmentState, currentHolders, currentLead, ProblemSummary } from '../../domain/commitments/state';
import { decide, onDeadline, openCommitment } from '../../domain/commitments/transitions';
import { addDuration } from '../../domain/policy/calendar';
import { Decision } from '../../domain/timeline';
import { systemActor } from '../../domain/actors';
import { ProblemCommand } from '../../domain/problems/problem';
import { durable, webhook } from '../shared/activities';
import { CaseShell } from '../shared/caseShell';
import { asFailure, ignoringRefusal } from '../shared/refusals';
import { planProblem } from './planProblem';

/**
 * The shape every three-year commitment shares: obligations with deadlines, problems as child
 * cases, a yearly assessment, handover, suspension and closure. It lives its whole term,
 * continuing as new before its history grows large and carrying its state across.
 */
export async function runCommitment(input: CommitmentInput): Promise<CommitmentState> {
  const { policy } = input;
  const ctx = () => ({ policy, now: Date.now() });
  const first: Decision<CommitmentState> = input.carried ? { state: input.carried, notices: [] } : openCommitment(input.submission, ctx());
  const workflowId = workflowInfo().workflowId;

  let problemsReleased = false;
  const tellOpenProblems = (state: CommitmentState, command: ProblemCommand & { type: 'changeOwner' | 'withdraw' }) =>
    Promise.all(state.problems.filter((p) => p.status === 'open').map((p) =>
      // A problem that ended on its own no longer listens; that is fine.
      getExternalWorkflowHandle(p.workflowId).signal(commitmentToProblemSignal, command).catch(() => undefined)));

  const shell = new CaseShell<CommitmentState>(first.state, {
    caseId: workflowId,
    projectedRevision: input.carried?.revision,
    deadlinesOf: (state) => state.deadlines,
    // A closed commitment stays open to comments on its final assessment for the reopen window.
    endsAt: (state) => (state.status === 'closed' ? addDuration(Date.parse(state.updatedAt), policy.reopenWindow, policy.calendar) : undefined),
    onDeadline: (state, event, now) => onDeadline(state, event, { policy, now }),
    project: async (projection) => {
      await durable.projectCommitment(projection);
      const { state } = projection;
      if (state.status !== 'closed' || problemsReleased) return;
      problemsReleased = true;
      await tellOpenProblems(state, { type: 'withdraw', actor: systemActor, reason: `commitment closed: ${state.closedReason ?? 'term complete'}` });
    },
    deliver: durable.deliverInbox,
    deliverWebhook: webhook.deliverWebhook,
    continueAfterEvents: input.continueAfterEvents,
  });
  shell.commit(first);

  const startProblem = (problem: ProblemSummary) => {
    const state = shell.state;
    const child: ProblemWorkflowInput = {
      policy,
      problem: {
        commitmentId: state.submission.id, commitmentWorkflowId: workflowId, problemId: problem.id, title: problem.title, area: problem.area,
        owner: currentLead(state), team: currentHolders(state), jurisdiction: state.submission.jurisdiction, kind: state.submission.kind,
      },
    };
    // Abandoned on close, so a problem outlives a continue-as-new of its commitment and reports to the new run by ID.
    return startChild(planProblem, { workflowId: problem.workflowId, args: [child], parentClosePolicy: ParentClosePolicy.ABANDON });
  };
  const refuseAsFailure = (command: CommitmentCommand) => asFailure(() => decide(shell.state, command, ctx()));
  setHandler(commitmentStateQuery, () => shell.state);
  setHandler(
    commitmentActionUpdate,
    async (command) => {
      shell.commit(refuseAsFailure(command));
      const state = shell.state;
      if (command.type === 'openProblem') await startProblem(state.problems[state.problems.length - 1]);
      if (command.type === 'handover') {
        await tellOpenProblems(state, { type: 'changeOwner', actor: command.actor, owner: currentLead(state), team: currentHolders(state) });
      }
      await shell.projected();
      return shell.state;
    },
    { validator: (command) => void refuseAsFailure(command) },
  );
  setHandler(problemChangedSignal, (command) => ignoringRefusal(() => shell.commit(decide(shell.state, command, ctx()))));

  // Handlers first, so the case answers queries while its initial problems start.
  if (!input.carried) for (const problem of first.state.problems) await startProblem(problem);

  const exit = await shell.run();
  if (exit === 'continue') return continueAsNew<typeof runCommitment>({ ...input, carried: shell.state });
  return shell.state;
}

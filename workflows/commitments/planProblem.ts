import { continueAsNew, getExternalWorkflowHandle, setHandler, workflowInfo } from '@temporalio/workflow';
import { problemActionUpdate, problemChangedSignal, commitmentToProblemSignal, problemStateQuery, ProblemWorkflowInput } from '../../common/commitments';
import { systemActor } from '../../domain/actors';
import { decideProblem, onProblemDeadline, openProblem, ProblemCommand, ProblemState } from '../../domain/problems/problem';
import { durable, webhook } from '../shared/activities';
import { CaseShell } from '../shared/caseShell';
import { asFailure, ignoringRefusal } from '../shared/refusals';

/** One problem (bottleneck) of a commitment: its own deadline and escalation; it reports each change to its commitment. */
export async function planProblem(input: ProblemWorkflowInput): Promise<ProblemState> {
  const { policy } = input;
  const ctx = () => ({ policy, now: Date.now() });
  const first = input.carried ? { state: input.carried, notices: [] } : openProblem(input.problem, ctx());
  let reported = { status: first.state.status, level: first.state.level };

  const shell = new CaseShell<ProblemState>(first.state, {
    caseId: workflowInfo().workflowId,
    projectedRevision: input.carried?.revision,
    deadlinesOf: (state) => (state.deadline ? [state.deadline] : []),
    endsAt: (state) => (state.status === 'open' ? undefined : Date.parse(state.updatedAt)),
    onDeadline: (state, event, now) => onProblemDeadline(state, event, { policy, now }),
    project: async (projection) => {
      await durable.projectProblem(projection);
      const { state } = projection;
      if (state.status === reported.status && state.level === reported.level) return;
      // By workflow ID without a run ID: the signal reaches the commitment's current run, even after it continued as new.
      await getExternalWorkflowHandle(state.input.commitmentWorkflowId).signal(problemChangedSignal, {
        type: 'problemChanged', actor: systemActor, problemId: state.input.problemId, status: state.status, level: state.level, outcome: state.outcome,
      }).catch(() => undefined); // a commitment that has ended listens no more; the problem's own record stands
      reported = { status: state.status, level: state.level };
    },
    deliver: durable.deliverInbox,
    deliverWebhook: webhook.deliverWebhook,
  });
  shell.commit(first);

  const refuseAsFailure = (command: ProblemCommand) => asFailure(() => decideProblem(shell.state, command, ctx()));
  setHandler(problemStateQuery, () => shell.state);
  setHandler(
    problemActionUpdate,
    async (command) => {
      shell.commit(refuseAsFailure(command));
      await shell.projected();
      return shell.state;
    },
    { validator: (command) => void refuseAsFailure(command) },
  );
  setHandler(commitmentToProblemSignal, (command) => ignoringRefusal(() => shell.commit(decideProblem(shell.state, command, ctx()))));

  const exit = await shell.run();
  if (exit === 'continue') return continueAsNew<typeof planProblem>({ ...input, carried: shell.state });
  return shell.state;
}

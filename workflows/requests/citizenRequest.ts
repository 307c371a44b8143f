import { ApplicationFailure, continueAsNew, getExternalWorkflowHandle, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import {
  absorbDuplicateSignal,
  CitizenRequestInput,
  requestActionUpdate,
  requestStateQuery,
  requestWorkflowId,
} from '../../common/requests';
import { addDuration } from '../../domain/policy/calendar';
import { RequestCommand } from '../../domain/requests/commands';
import { CitizenRequestState } from '../../domain/requests/state';
import { decide, onDeadline, submitRequest } from '../../domain/requests/transitions';
import { Decision, Refusal } from '../../domain/timeline';
import { CaseShell } from '../shared/caseShell';

const { projectRequest, deliverInbox } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});
const { deliverWebhook } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '1 hour', maximumAttempts: 50 },
});

const endedStatuses = ['withdrawn', 'merged', 'rejected'];

/** 民情诉求: one resident's request from filing to return visit, reminding and escalating on every deadline. */
export async function citizenRequest(input: CitizenRequestInput): Promise<CitizenRequestState> {
  const { policy } = input;
  const ctx = () => ({ policy, now: Date.now() });
  const first: Decision<CitizenRequestState> = input.carried
    ? { state: input.carried, notices: [] }
    : submitRequest(input.submission, ctx());

  const shell = new CaseShell<CitizenRequestState>(first.state, {
    caseId: workflowInfo().workflowId,
    deadlinesOf: (state) => (state.deadline ? [state.deadline] : []),
    endsAt: (state) => {
      if (endedStatuses.includes(state.status)) return Date.parse(state.updatedAt);
      if (state.status === 'closed' && state.closedAt) return addDuration(Date.parse(state.closedAt), policy.reopenWindow, policy.calendar);
      return undefined;
    },
    onDeadline: (state, event, now) => onDeadline(state, event, { policy, now }),
    project: projectRequest,
    deliver: deliverInbox,
    deliverWebhook,
  });
  shell.commit(first);

  const refuseAsFailure = (command: RequestCommand): Decision<CitizenRequestState> => {
    try {
      return decide(shell.state, command, ctx());
    } catch (err) {
      if (err instanceof Refusal) throw ApplicationFailure.create({ type: err.code, message: err.message, nonRetryable: true });
      throw err;
    }
  };

  setHandler(requestStateQuery, () => shell.state);
  setHandler(
    requestActionUpdate,
    async (command) => {
      shell.commit(refuseAsFailure(command));
      if (command.type === 'merge') {
        // The API checked that the target exists; if it has ended since, the duplicate stays merged on its own.
        await getExternalWorkflowHandle(requestWorkflowId(command.into))
          .signal(absorbDuplicateSignal, {
            type: 'absorbDuplicate',
            actor: command.actor,
            duplicateId: shell.state.submission.id,
            requesterId: shell.state.submission.requester.id,
          })
          .catch(() => undefined);
      }
      await shell.projected();
      return shell.state;
    },
    { validator: (command) => void refuseAsFailure(command) },
  );
  setHandler(absorbDuplicateSignal, (command) => {
    try {
      shell.commit(decide(shell.state, command, ctx()));
    } catch (err) {
      if (!(err instanceof Refusal)) throw err;
    }
  });

  const exit = await shell.run();
  if (exit === 'continue') return continueAsNew<typeof citizenRequest>({ ...input, carried: shell.state });
  return shell.state;
}

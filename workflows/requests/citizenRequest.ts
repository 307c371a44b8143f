import {
  continueAsNew,
  getExternalWorkflowHandle,
  patched,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import {
  absorbDuplicateSignal,
  CitizenRequestInput,
  requestActionUpdate,
  requestStateQuery,
  requestWorkflowId,
} from '../../common/requests';
import { addDuration } from '../../domain/policy/calendar';
import { mergeTarget } from '../../domain/requests/commands';
import { CitizenRequestState, requestStateFrom } from '../../domain/requests/state';
import { decide, onDeadline, requestClosing, submitRequest } from '../../domain/requests/transitions';
import { endsAt } from '../../domain/cases/ending';
import { Decision } from '../../domain/timeline';
import { CaseShell, firstDecisionAt } from '../shared/caseShell';
import { handleActions } from '../shared/actions';
import { ignoringRefusal } from '../shared/refusals';

/** Before `closedAt` was stamped once: an ended request's last change, a closed one's latest restamp. */
const endedStatuses = ['withdrawn', 'merged', 'rejected'];

/** 民情诉求: one resident's request from filing to return visit, reminding and escalating on every deadline. */
export async function citizenRequest(input: CitizenRequestInput): Promise<CitizenRequestState> {
  const { policy } = input;
  // Runs recorded before keep ending as they did (domain/requests/transitions.ts, Context.closedAtOnEntry).
  const closedAtOnEntry = patched('case-ends-from-its-closing');
  // Runs recorded before closed on the first answer from any requester of a merged group (Context.groupReturnVisit).
  const groupReturnVisit = patched('merged-group-feedback');
  const ctx = () => ({ policy, now: Date.now(), closedAtOnEntry, groupReturnVisit });
  const first: Decision<CitizenRequestState> = input.carried
    ? { state: requestStateFrom(input.carried), notices: [] }
    : submitRequest(input.submission, { policy, now: firstDecisionAt(input.submittedAt) });

  const shell = new CaseShell<CitizenRequestState>(first.state, {
    caseId: workflowInfo().workflowId,
    projectedRevision: input.carried?.revision,
    endsAt: (state) => {
      if (closedAtOnEntry) return endsAt(requestClosing(state), policy);
      if (endedStatuses.includes(state.status)) return Date.parse(state.updatedAt);
      if (state.status === 'closed' && state.closedAt)
        return addDuration(Date.parse(state.closedAt), policy.reopenWindow, policy.calendar);
      return undefined;
    },
    onDeadline: (state, event, now) =>
      onDeadline(state, event, { policy, now, closedAtOnEntry, groupReturnVisit }),
    readModel: 'request',
    continueAfterEvents: input.continueAfterEvents,
  });
  shell.commit(first);

  setHandler(requestStateQuery, () => shell.state);
  handleActions(
    shell,
    requestActionUpdate,
    (state, command) => decide(state, command, ctx()),
    async (command) => {
      const into = mergeTarget(command);
      // A committee's merge told its target nothing before this patch; runs recorded then keep it so.
      if (!into || (command.type !== 'merge' && !patched('committee-merge-absorbs'))) return;
      // The API (or the committee's agenda) knew the target; if it has ended since, the duplicate stays merged on its own.
      await getExternalWorkflowHandle(requestWorkflowId(into))
        .signal(absorbDuplicateSignal, {
          type: 'absorbDuplicate',
          actor: command.actor,
          duplicateId: shell.state.submission.id,
          requesterId: shell.state.submission.requester.id,
        })
        .catch(() => undefined);
    },
  );
  setHandler(absorbDuplicateSignal, (command) => {
    ignoringRefusal(() => shell.commit(decide(shell.state, command, ctx())));
  });

  const exit = await shell.run();
  if (exit === 'continue') return continueAsNew<typeof citizenRequest>({ ...input, carried: shell.state });
  return shell.state;
}

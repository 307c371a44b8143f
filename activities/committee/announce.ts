import { Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import {
  committeeArriveSignal,
  CommitteeInput,
  committeeLeaveSignal,
  committeeWorkflowId,
  committeeWorkflowType,
} from '../../common/committee';
import { CommittedRevision } from '../../common/projection';
import { agendaMove } from '../../domain/requests/agendaStay';
import { Policy } from '../../domain/policy/policy';

export interface CommitteeDeps {
  temporal: Client;
  taskQueue: string;
  /** The policy a committee starts with when an arrival starts it. */
  policy: Policy;
}

/**
 * Tells a request's committee that the request arrived on its agenda or left it, by
 * signal-with-start: the committee's workflow may not run yet. Sent from the activity that commits
 * the request's revision rather than from the request's workflow, so running requests replay
 * unchanged (an activity's side effects are not in the history) and a request that reached the
 * committee before committees ran arrives with its next revision. Arriving and leaving are
 * idempotent, so a retried commit repeats them without effect.
 */
export function committeeAnnouncer({ temporal, taskQueue, policy }: CommitteeDeps) {
  return async (revision: CommittedRevision): Promise<void> => {
    if (revision.readModel !== 'request') return;
    const move = agendaMove(revision.state, revision.entries);
    if (!move) return;
    const input: CommitteeInput = { committeeId: move.committeeId, policy };
    const workflowId = committeeWorkflowId(move.committeeId);
    const [signal, payload] =
      move.move === 'arrive'
        ? [committeeArriveSignal.name, move.arrival]
        : [committeeLeaveSignal.name, { key: move.key }];
    try {
      await temporal.workflow.signalWithStart(committeeWorkflowType, {
        workflowId,
        taskQueue,
        args: [input],
        signal,
        signalArgs: [payload],
      });
    } catch (err) {
      // Two cases arriving at once may both try the start; the one that lost signals the committee the other started.
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
      await temporal.workflow.getHandle(workflowId).signal(signal, payload);
    }
  };
}

import { Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import {
  committeeArriveSignal,
  CommitteeInput,
  committeeLeaveSignal,
  committeeWorkflowId,
  committeeWorkflowType,
} from '../../common/committee';
import { CommittedRevision } from '../../common/projection';
import { commitmentAgendaMoves } from '../../domain/commitments/agendaStay';
import { AgendaMove } from '../../domain/committee/agenda';
import { agendaMove } from '../../domain/requests/agendaStay';
import { Policy } from '../../domain/policy/policy';

export interface CommitteeDeps {
  temporal: Client;
  taskQueue: string;
  /** The policy a committee starts with when an arrival starts it. */
  policy: Policy;
}

/**
 * Tells a case's committee that the case (a request, or a plan's or pairing's problem) arrived on its agenda or left it, by
 * signal-with-start: the committee's workflow may not run yet. Sent from the activity that commits
 * the request's revision rather than from the request's workflow, so running requests replay
 * unchanged (an activity's side effects are not in the history) and a request that reached the
 * committee before committees ran arrives with its next revision. Arriving and leaving are
 * idempotent, so a retried commit repeats them without effect.
 */
export function committeeAnnouncer({ temporal, taskQueue, policy }: CommitteeDeps) {
  async function tell(move: AgendaMove): Promise<void> {
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
  }

  return async (revision: CommittedRevision): Promise<void> => {
    const moves =
      revision.readModel === 'request'
        ? [agendaMove(revision.state, revision.entries)]
        : revision.readModel === 'commitment'
          ? commitmentAgendaMoves(revision.state, revision.entries)
          : [];
    for (const move of moves) if (move) await tell(move);
  };
}

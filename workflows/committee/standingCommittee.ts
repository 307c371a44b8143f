import { continueAsNew, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import {
  agendaQuery,
  committeeArriveSignal,
  CommitteeInput,
  committeeLeaveSignal,
  committeeMeetingUpdate,
  MeetingCommand,
} from '../../common/committee';
import { AgendaState, arrive, leave, openAgenda } from '../../domain/committee/agenda';
import { holdMeeting } from '../../domain/committee/meeting';
import { CaseShell } from '../shared/caseShell';
import { asFailure } from '../shared/refusals';

/** A meeting's orders wait on each case's own update (and its projection): longer than a projection, retried until they land. */
const orders = proxyActivities<Activities>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

/**
 * 常委会: one standing committee's agenda, for as long as the committee sits. Items arrive and leave
 * by signal (sent with start by the cases' revision activity); a meeting is an update whose
 * validator refuses a bad meeting before anything is recorded, and whose accepted orders are then
 * delivered to each case. It never ends: it continues as new with its state.
 */
export async function standingCommittee(input: CommitteeInput): Promise<AgendaState> {
  const { policy } = input;
  const top = policy.ladder[policy.ladder.length - 1].id;
  const shell = new CaseShell<AgendaState>(input.carried ?? openAgenda(input.committeeId, top, Date.now()), {
    caseId: workflowInfo().workflowId,
    readModel: 'committee',
    endsAt: () => undefined,
    // The committee's deadlines run in the cases it decided on; its own state has none.
    onDeadline: (state) => ({ state, notices: [] }),
    projectedRevision: input.carried?.revision,
    continueAfterEvents: input.continueAfterEvents,
  });
  const commit = (next: AgendaState) => {
    if (next !== shell.state) shell.commit({ state: next, notices: [] });
  };

  setHandler(agendaQuery, () => shell.state);
  setHandler(committeeArriveSignal, (arrival) => commit(arrive(shell.state, arrival, Date.now())));
  setHandler(committeeLeaveSignal, ({ key }) => commit(leave(shell.state, key, Date.now())));
  const decided = ({ actor, meeting }: MeetingCommand) =>
    asFailure(() => holdMeeting(shell.state, meeting, actor, { policy, now: Date.now() }));
  setHandler(
    committeeMeetingUpdate,
    async (command) => {
      const outcome = decided(command);
      commit(outcome.state);
      const deliveries = await orders.deliverCommitteeOrders({
        actor: command.actor,
        orders: outcome.orders,
      });
      await shell.projected();
      return { meeting: outcome.state.meetings[outcome.state.meetings.length - 1], deliveries };
    },
    { validator: (command) => void decided(command) },
  );

  await shell.run();
  return continueAsNew<typeof standingCommittee>({ ...input, carried: shell.state });
}

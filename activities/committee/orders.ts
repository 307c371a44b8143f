import { ApplicationFailure } from '@temporalio/common';
import { Client, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { MeetingOrders, OrderDelivery } from '../../common/committee';
import { commitmentActionUpdate } from '../../common/commitments';
import { requestActionUpdate } from '../../common/requests';
import { Actor } from '../../domain/actors';
import { CaseOrder } from '../../domain/committee/meeting';
import { alreadyDecided } from '../../domain/committee/decisions';

/**
 * A meeting's orders, each to its case as that case's own action (a request's, or a plan's or
 * pairing's for one of its problems). A retry that finds the meeting
 * already applied counts it as delivered; a case that refuses the order (it ended meanwhile, say)
 * keeps its refusal in the answer, and the meeting stands. Anything else is retried.
 */
export function orderActivities(temporal: Client) {
  async function deliver(actor: Actor, order: CaseOrder): Promise<OrderDelivery> {
    const delivery = { item: order.item, caseId: order.case.workflowId };
    const { meetingId, heldAt, decision, case: ref } = order;
    const handle = temporal.workflow.getHandle(ref.workflowId);
    const command = { type: 'committeeDecision' as const, actor, meetingId, heldAt, decision };
    try {
      if (ref.kind === 'request') await handle.executeUpdate(requestActionUpdate, { args: [command] });
      else if (ref.problem)
        await handle.executeUpdate(commitmentActionUpdate, {
          args: [{ ...command, problemId: ref.problem }],
        });
      else
        return {
          ...delivery,
          outcome: 'refused',
          reason: `a ${ref.kind} goes on the agenda only by its problems`,
        };
      return { ...delivery, outcome: 'applied' };
    } catch (err) {
      if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure) {
        const already = [alreadyDecided(meetingId), alreadyDecided(meetingId, `problem ${ref.problem}`)];
        if (already.includes(err.cause.message)) return { ...delivery, outcome: 'already_applied' };
        return { ...delivery, outcome: 'refused', reason: err.cause.message };
      }
      if (err instanceof WorkflowNotFoundError)
        return { ...delivery, outcome: 'refused', reason: 'the case has ended and is no longer running' };
      throw err;
    }
  }

  return {
    async deliverCommitteeOrders({ actor, orders }: MeetingOrders): Promise<OrderDelivery[]> {
      return Promise.all(orders.map((order) => deliver(actor, order)));
    },
  };
}

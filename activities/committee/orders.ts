import { ApplicationFailure } from '@temporalio/common';
import { Client, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { MeetingOrders, OrderDelivery } from '../../common/committee';
import { requestActionUpdate } from '../../common/requests';
import { Actor } from '../../domain/actors';
import { CaseOrder } from '../../domain/committee/meeting';
import { alreadyDecided } from '../../domain/requests/committee';

/**
 * A meeting's orders, each to its case as that case's own action. A retry that finds the meeting
 * already applied counts it as delivered; a case that refuses the order (it ended meanwhile, say)
 * keeps its refusal in the answer, and the meeting stands. Anything else is retried.
 */
export function orderActivities(temporal: Client) {
  async function deliver(actor: Actor, order: CaseOrder): Promise<OrderDelivery> {
    const delivery = { item: order.item, caseId: order.case.workflowId };
    if (order.case.kind !== 'request')
      return {
        ...delivery,
        outcome: 'refused',
        reason: `a ${order.case.kind} case does not take committee decisions`,
      };
    const { meetingId, heldAt, decision } = order;
    try {
      await temporal.workflow.getHandle(order.case.workflowId).executeUpdate(requestActionUpdate, {
        args: [{ type: 'committeeDecision', actor, meetingId, heldAt, decision }],
      });
      return { ...delivery, outcome: 'applied' };
    } catch (err) {
      if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure) {
        if (err.cause.message === alreadyDecided(meetingId))
          return { ...delivery, outcome: 'already_applied' };
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

import { createHash, randomUUID } from 'node:crypto';
import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/client';
import { WorkflowIdReusePolicy } from '@temporalio/common';
import { z } from 'zod';
import { citizenRequestWorkflowType, requestActionUpdate, requestStateQuery, requestWorkflowId, CitizenRequestInput } from '../../common/requests';
import { Actor } from '../../domain/actors';
import { RequestCommand } from '../../domain/requests/commands';
import { CitizenRequestState } from '../../domain/requests/state';
import { readTimeline } from '../../activities/db/timeline';
import { ApiDeps } from '../deps';
import { ApiError, fromTemporal, notFound } from '../errors';
import { createRequestBody } from './schema';

/** The request operations the routes call; Temporal holds the truth, MongoDB the lists. */
export function requestService(deps: ApiDeps) {
  const handle = (id: string) => deps.temporal.workflow.getHandle(requestWorkflowId(id));

  /** An Idempotency-Key names the request: the same key from the same requester always maps to the same workflow ID. */
  function requestIdFor(requesterId: string, key: string | undefined): string {
    if (!key) return randomUUID();
    return `k${createHash('sha256').update(`${requesterId}\u0000${key}`).digest('hex').slice(0, 31)}`;
  }

  async function liveState(id: string): Promise<CitizenRequestState> {
    try {
      return await handle(id).query(requestStateQuery);
    } catch (err) {
      if (!(err instanceof WorkflowNotFoundError)) throw err;
      // Past Temporal's retention the projection still holds the last state.
      const doc = await deps.models.Request.findById(id).lean();
      if (!doc) throw notFound(`request ${id}`);
      return { ...(doc.state as CitizenRequestState), timeline: await readTimeline(deps.models.Timeline, requestWorkflowId(id)) };
    }
  }

  return {
    liveState,

    async create(body: z.infer<typeof createRequestBody>, key: string | undefined): Promise<{ state: CitizenRequestState; replayed: boolean }> {
      if (!deps.policy.categories[body.category]) {
        throw new ApiError(400, 'validation', `body.category: unknown category ${body.category}; expected one of ${Object.keys(deps.policy.categories).join(', ')}`);
      }
      if (!deps.policy.urgencies[body.urgency]) {
        throw new ApiError(400, 'validation', `body.urgency: unknown urgency ${body.urgency}; expected one of ${Object.keys(deps.policy.urgencies).join(', ')}`);
      }
      const jurisdiction = deps.org.jurisdictionOf(body.gridId);
      if (!jurisdiction) throw new ApiError(400, 'validation', `body.gridId: unknown grid ${body.gridId}`);
      const id = requestIdFor(body.requester.id, key);
      const input: CitizenRequestInput = { submission: { ...body, id, jurisdiction }, policy: deps.policy };
      try {
        await deps.temporal.workflow.start(citizenRequestWorkflowType, {
          taskQueue: deps.taskQueue,
          workflowId: requestWorkflowId(id),
          args: [input],
          workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
        });
        return { state: await liveState(id), replayed: false };
      } catch (err) {
        if (err instanceof WorkflowExecutionAlreadyStartedError && key) return { state: await liveState(id), replayed: true };
        throw err;
      }
    },

    async act(id: string, command: RequestCommand): Promise<CitizenRequestState> {
      if (command.type === 'merge') await liveState(command.into).catch(() => {
        throw new ApiError(400, 'validation', `body.into: unknown request ${command.into}`);
      });
      try {
        return await handle(id).executeUpdate(requestActionUpdate, { args: [command] });
      } catch (err) {
        const mapped = fromTemporal(err, `request ${id}`);
        if (mapped !== err) throw mapped;
        // A case whose workflow has ended (closed past its reopen window, withdrawn, merged) takes no more actions.
        const state = await liveState(id);
        if (['closed', 'withdrawn', 'merged', 'rejected'].includes(state.status)) {
          throw new ApiError(409, 'not_allowed_in_state', `cannot ${command.type} a request that is ${state.status}`);
        }
        throw err;
      }
    },
  };
}

export type Actorless<C> = C extends { actor: Actor } ? Omit<C, 'actor'> : never;

import { WorkflowNotFoundError } from '@temporalio/client';
import { z } from 'zod';
import { citizenRequestWorkflowType, requestActionUpdate, requestStateQuery, requestWorkflowId, CitizenRequestInput } from '../../common/requests';
import { Actor } from '../../domain/actors';
import { RequestCommand } from '../../domain/requests/commands';
import { CitizenRequestState } from '../../domain/requests/state';
import { readTimeline } from '../../activities/db/timeline';
import { ApiDeps } from '../deps';
import { caseIdFor, startCase } from '../startCase';
import { ApiError, fromTemporal, notFound } from '../errors';
import { createRequestBody } from './schema';

/** The request operations the routes call; Temporal holds the truth, MongoDB the lists. */
export function requestService(deps: ApiDeps) {
  const handle = (id: string) => deps.temporal.workflow.getHandle(requestWorkflowId(id));

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
      const id = caseIdFor('request', body.requester.id, key);
      const input: CitizenRequestInput = { submission: { ...body, id, jurisdiction }, policy: deps.policy };
      return startCase(deps.temporal, { workflowType: citizenRequestWorkflowType, workflowId: requestWorkflowId(id), taskQueue: deps.taskQueue, input }, !!key, () => liveState(id));
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

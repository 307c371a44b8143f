import { z } from 'zod';
import {
  citizenRequestWorkflowType,
  requestActionUpdate,
  requestStateQuery,
  requestWorkflowId,
  CitizenRequestInput,
} from '../../common/requests';
import { Actor } from '../../domain/actors';
import { requestFacts } from '../../domain/access/facts';
import { caseVisible, scopeOf } from '../../domain/access/scope';
import { RequestCommand } from '../../domain/requests/commands';
import { CitizenRequestState, requestStateFrom, StoredRequestState } from '../../domain/requests/state';
import { startLevelOf } from '../../domain/requests/startLevel';
import { submitRequest } from '../../domain/requests/transitions';
import { classifyFiling } from '../../domain/categories/filing';
import { ApiDeps } from '../deps';
import { actOnCase, caseIdFor, firstDecisionTime, liveCaseState, startCase } from '../cases';
import { invalidField } from '../errors';
import { filingTerms } from '../../domain/duplicates/terms';
import { FilingPlace } from './filingPlace';
import { createRequestBody } from './schema';

/** The request operations the routes call; Temporal holds the truth, MongoDB the lists. */
export function requestService(deps: ApiDeps) {
  const handle = (id: string) => deps.temporal.workflow.getHandle(requestWorkflowId(id));

  const liveState = (id: string): Promise<CitizenRequestState> =>
    liveCaseState(deps.temporal, deps.models.Timeline, {
      workflowId: requestWorkflowId(id),
      what: `request ${id}`,
      query: () => handle(id).query(requestStateQuery),
      // A state stored before requests held a list of deadlines loads in today's shape.
      stored: async () => {
        const doc = await deps.models.RequestState.findById(id).lean();
        return doc && { state: requestStateFrom(doc.state as StoredRequestState) };
      },
      fold: (input: CitizenRequestInput) =>
        input.carried
          ? requestStateFrom(input.carried)
          : submitRequest(input.submission, {
              policy: input.policy,
              now: firstDecisionTime(input.submittedAt),
            }).state,
    });

  return {
    liveState,

    async create(
      body: z.infer<typeof createRequestBody>,
      where: FilingPlace,
      filer: Actor,
      key: string | undefined,
    ): Promise<{ state: CitizenRequestState; replayed: boolean }> {
      const classified = classifyFiling(body.category, deps.categories, deps.policy);
      if ('refused' in classified) throw invalidField('body.category', classified.refused);
      if (!deps.policy.urgencies[body.urgency]) {
        throw invalidField(
          'body.urgency',
          `unknown urgency ${body.urgency}; expected one of ${Object.keys(deps.policy.urgencies).join(', ')}`,
        );
      }
      const { startLevels, ...place } = where;
      const startLevel = startLevelOf({ ...startLevels, categoryLeaf: classified.filing.startLevel });
      const id = caseIdFor('request', body.requester.id, key);
      const now = Date.now();
      const input: CitizenRequestInput = {
        submission: {
          ...body,
          ...classified.filing,
          id,
          ...place,
          ...(startLevel === undefined ? {} : { startLevel }),
          ...(filer.id === body.requester.id ? {} : { filedBy: filer.id }),
          terms: filingTerms(body, deps.text.segment, deps.text.rarity),
        },
        policy: deps.policy,
        submittedAt: new Date(now).toISOString(),
      };
      const first = submitRequest(input.submission, { policy: deps.policy, now });
      return startCase(
        deps.temporal,
        {
          workflowType: citizenRequestWorkflowType,
          workflowId: requestWorkflowId(id),
          taskQueue: deps.taskQueue,
          input,
        },
        !!key,
        first.state,
        () => liveState(id),
      );
    },

    async act(id: string, command: RequestCommand): Promise<CitizenRequestState> {
      // A request outside the actor's scope is as unknown as one that never existed.
      if (command.type === 'merge') {
        const into = await liveState(command.into).catch(() => undefined);
        if (!into || !caseVisible(scopeOf(command.actor), requestFacts(into)))
          throw invalidField('body.into', `unknown request ${command.into}`);
      }
      // A case whose workflow has ended (closed past its reopen window, withdrawn, merged, rejected) takes no more actions.
      return actOnCase(
        () => handle(id).executeUpdate(requestActionUpdate, { args: [command] }),
        `request ${id}`,
        async () => `cannot ${command.type} a request that is ${(await liveState(id)).status}`,
      );
    },
  };
}

import { Response, Router } from 'express';
import { z } from 'zod';
import { RequestCommand } from '../../domain/requests/commands';
import { requestFacts } from '../../domain/access/facts';
import { access } from '../../domain/access/roles';
import { requestActionAccess } from '../../domain/access/requestActions';
import { checkFiling, checkLeadSide } from '../../domain/access/rules';
import { OrgDirectory } from '../../domain/org';
import { invalidField } from '../errors';
import { actorOf, requireReader, requireWriter } from '../actor';
import { listInScope, targetOf, withinReach } from '../scope';
import { requestInScope } from './scope';
import { ApiDeps } from '../deps';
import { ApiDocument, problemResponses, json } from '../openapi';
import { validated } from '../validate';
import { presentListItem, presentRequest, presentWork } from './presenter';
import { presentCoHandlers } from './coHandlerPresenter';
import { coHandlerRoutes } from './coHandlerRoutes';
import {
  actionBodies,
  createRequestBody,
  idempotencyHeaders,
  listRequestsQuery,
  RequestAction,
  requestIdParams,
  requestPage,
  requestView,
  timelineView,
} from './schema';
import { summaryOf } from '../../activities/requests/projection';
import { byCategory, listRequests } from './list';
import { requestService } from './service';
import { filingPlaceOf, filingUnits } from './filingPlace';
import { gridOf, responsibleFor } from './responsible';
import { CitizenRequestState } from '../../domain/requests/state';

type Body<A extends RequestAction> = z.infer<(typeof actionBodies)[A]>;

/** How each endpoint's body becomes a domain command; a route's grid is resolved from the directory. */
const toCommand: {
  [A in RequestAction]: (body: Body<A>, org: OrgDirectory) => Omit<RequestCommand, 'actor'>;
} = {
  dispatch: (b) => ({ type: 'dispatch', ...b }),
  accept: (b) => ({ type: 'accept', ...b }),
  return: (b) => ({ type: 'return', ...b }),
  progress: (b) => ({ type: 'progress', ...b }),
  extend: (b) => ({ type: 'requestExtension', ...b }),
  'extend/decision': (b) => ({ type: 'decideExtension', ...b }),
  resolve: (b) => ({ type: 'resolve', ...b }),
  feedback: (b) => ({ type: 'feedback', ...b }),
  escalate: (b) => ({ type: 'escalate', ...b }),
  withdraw: (b) => ({ type: 'withdraw', ...b }),
  reopen: (b) => ({ type: 'reopen', ...b }),
  reject: (b) => ({ type: 'reject', ...b }),
  merge: (b) => ({ type: 'merge', ...b }),
  route: (b, org) => {
    const jurisdiction = org.jurisdictionOf(b.gridId);
    if (!jurisdiction) throw invalidField('body.gridId', `unknown grid ${b.gridId}`);
    return { type: 'route', ...b, jurisdiction };
  },
};

const actionSummaries: Record<RequestAction, string> = {
  dispatch: '下单 dispatch to a member',
  accept: '接单 accept',
  return: '退单 return to the dispatcher with a reason',
  progress: 'record progress',
  extend: '延期 ask for an extension before the deadline',
  'extend/decision': 'approve or refuse the pending extension (level above)',
  resolve: '办结 resolve',
  feedback: '回访 record the resident’s feedback',
  escalate: 'escalate straight to the standing committee',
  withdraw: 'withdraw',
  reopen: 'reopen a resolved or closed request',
  reject: 'reject with a reason',
  merge: 'merge as a duplicate into another request',
  route: '分拨 route a request whose place matched no grid to its grid (the township holding it)',
};

export function requestRoutes(deps: ApiDeps, doc: ApiDocument): Router {
  const router = Router();
  const service = requestService(deps);
  const present = async (state: CitizenRequestState, res: Response) => ({
    ...presentRequest(state, deps.policy, actorOf(res), {
      grid: gridOf(state, deps.org),
      responsible: await responsibleFor(state, deps.org, deps.directory.people),
    }),
    ...presentWork(state, deps.policy, actorOf(res)),
    coHandlers: presentCoHandlers(state, deps.org),
  });
  const inScope = requestInScope(service.liveState);

  doc.path({
    method: 'post',
    path: '/api/v1/requests',
    summary: '点单 file a citizen request',
    tags: ['requests'],
    request: { headers: idempotencyHeaders, body: json(createRequestBody) },
    responses: { 201: { description: 'filed', ...json(requestView) }, 400: problemResponses[400] },
  });
  router.post(
    '/requests',
    requireWriter(access.fileRequest),
    validated({ body: createRequestBody, headers: idempotencyHeaders }, async (input, res) => {
      const { body, headers } = input;
      const actor = actorOf(res);
      const where = filingPlaceOf(deps.org, deps.policy, body, actor);
      checkFiling(actor, body.requester.id, filingUnits(deps.org, deps.policy, where, actor));
      const { state, replayed } = await service.create(body, where, actor, headers['idempotency-key']);
      res
        .status(201)
        .set('Idempotent-Replayed', String(replayed))
        .location(`/api/v1/requests/${state.submission.id}`)
        .json(await present(state, res));
    }),
  );

  doc.path({
    method: 'get',
    path: '/api/v1/requests',
    summary: 'list requests newest first (from the projection): open ones by scope, final ones by filing day',
    tags: ['requests'],
    request: { query: listRequestsQuery },
    responses: { 200: { description: 'a page', ...json(requestPage) }, 400: problemResponses[400] },
  });
  router.get(
    '/requests',
    requireReader(access.listRequests),
    listInScope(deps.org),
    validated({ query: listRequestsQuery }, async (input, res) => {
      const q = byCategory(input.query, deps.categories, deps.policy);
      const reached = withinReach(res, q);
      const { items, next } = reached ? await listRequests(deps.models, deps.org, reached) : { items: [] };
      res.json({
        items: items.map((doc) => presentListItem(summaryOf(doc), deps.policy)),
        pageSize: q.pageSize,
        next,
      });
    }),
  );

  doc.path({
    method: 'get',
    path: '/api/v1/requests/{id}',
    summary: 'live state of one request',
    tags: ['requests'],
    request: { params: requestIdParams },
    responses: { 200: { description: 'the request', ...json(requestView) }, 404: problemResponses[404] },
  });
  router.get(
    '/requests/:id',
    requireReader(access.readRequest),
    inScope,
    validated({ params: requestIdParams }, async (_input, res) => {
      res.json(await present(targetOf(res), res));
    }),
  );

  doc.path({
    method: 'get',
    path: '/api/v1/requests/{id}/history',
    summary: 'timeline: who did what when, reminders, escalations',
    tags: ['requests'],
    request: { params: requestIdParams },
    responses: { 200: { description: 'the timeline', ...json(timelineView) }, 404: problemResponses[404] },
  });
  router.get(
    '/requests/:id/history',
    requireReader(access.readRequest),
    inScope,
    validated({ params: requestIdParams }, (_input, res) => {
      const state = targetOf<CitizenRequestState>(res);
      res.json({ id: state.submission.id, entries: state.timeline });
    }),
  );

  for (const action of Object.keys(actionBodies) as RequestAction[]) {
    const body = actionBodies[action];
    doc.path({
      method: 'post',
      path: `/api/v1/requests/{id}/${action}`,
      summary: actionSummaries[action],
      tags: ['requests'],
      request: { params: requestIdParams, body: json(body) },
      responses: {
        200: { description: 'the request after the action', ...json(requestView) },
        ...problemResponses,
      },
    });
    router.post(
      `/requests/:id/${action}`,
      requireWriter(requestActionAccess[action].roles),
      inScope,
      validated({ params: requestIdParams, body }, async (input, res) => {
        const v = input;
        const actor = actorOf(res);
        const facts = requestFacts(targetOf(res));
        checkLeadSide(actor, facts);
        requestActionAccess[action].rule?.(actor, facts);
        const command = {
          ...(toCommand[action] as (b: unknown, org: OrgDirectory) => Omit<RequestCommand, 'actor'>)(
            v.body,
            deps.org,
          ),
          actor,
        } as RequestCommand;
        res.json(await present(await service.act(v.params.id, command), res));
      }),
    );
  }
  router.use(coHandlerRoutes(deps, doc, service, present));
  return router;
}

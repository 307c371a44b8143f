import { Response, Router } from 'express';
import { requestFacts } from '../../domain/access/facts';
import { access } from '../../domain/access/roles';
import { checkHolderOrAbove, checkLeadSide } from '../../domain/access/rules';
import { chainUp } from '../../domain/access/scope';
import { CoHandlerAssignment } from '../../domain/requests/commands';
import { CitizenRequestState } from '../../domain/requests/state';
import { actorOf, requireWriter } from '../actor';
import { ApiDeps } from '../deps';
import { invalid } from '../errors';
import { ApiDocument, json, problemResponses } from '../openapi';
import { targetOf } from '../scope';
import { validated } from '../validate';
import {
  assignCoHandlersBody,
  coHandlerParams,
  releaseCoHandlerBody,
  reportCoHandlingBody,
} from './coHandlerSchema';
import { requestIdParams, requestView } from './schema';
import { requestInScope } from './scope';
import { requestService } from './service';

type Present = (state: CitizenRequestState, res: Response) => Promise<object>;

/**
 * 协办: naming co-handling units (a dispatcher of the unit holding the request or above it), a
 * co-handler reporting its part (its people, or its supervisors), the lead releasing one. The
 * co-handler's people see the request (its scope includes their chain) and act only on their part.
 */
export function coHandlerRoutes(
  deps: ApiDeps,
  doc: ApiDocument,
  service: ReturnType<typeof requestService>,
  present: Present,
): Router {
  const router = Router();
  const inScope = requestInScope(service.liveState);
  const answered = {
    200: { description: 'the request after the action', ...json(requestView) },
    ...problemResponses,
  };

  doc.path({
    method: 'post',
    path: '/api/v1/requests/{id}/cohandlers',
    summary:
      '协办 name co-handling units, each with its task and deadline (the unit holding the request leads)',
    tags: ['requests'],
    request: { params: requestIdParams, body: json(assignCoHandlersBody) },
    responses: answered,
  });
  router.post(
    '/requests/:id/cohandlers',
    requireWriter(access.superviseRequest),
    inScope,
    validated({ params: requestIdParams, body: assignCoHandlersBody }, async ({ params, body }, res) => {
      const actor = actorOf(res);
      const facts = requestFacts(targetOf(res));
      checkLeadSide(actor, facts);
      checkHolderOrAbove(actor, facts, 'cohandle');
      const unknown = body.parts.flatMap((part, i) =>
        deps.org.levelOf(part.unit) === undefined
          ? [{ field: `body.parts.${i}.unit`, message: `unknown unit ${part.unit}` }]
          : [],
      );
      if (unknown.length) throw invalid(unknown);
      // Each part escalates up its own unit's chain, as the directory has it now.
      const parts: CoHandlerAssignment[] = body.parts.map((part) => ({
        ...part,
        chain: chainUp(deps.org, part.unit),
        level: deps.org.levelOf(part.unit)!,
      }));
      const state = await service.act(params.id, { type: 'assignCoHandlers', actor, parts, note: body.note });
      res.json(await present(state, res));
    }),
  );

  doc.path({
    method: 'post',
    path: '/api/v1/requests/{id}/cohandlers/{unitId}/report',
    summary:
      '协办反馈 a co-handler reports its part done (its people or its supervisors); its deadline stops',
    tags: ['requests'],
    request: { params: coHandlerParams, body: json(reportCoHandlingBody) },
    responses: answered,
  });
  router.post(
    '/requests/:id/cohandlers/:unitId/report',
    requireWriter(access.handleRequest),
    inScope,
    validated({ params: coHandlerParams, body: reportCoHandlingBody }, async ({ params, body }, res) => {
      const actor = actorOf(res);
      const state = await service.act(params.id, {
        type: 'reportCoHandling',
        actor,
        unit: params.unitId,
        note: body.note,
      });
      res.json(await present(state, res));
    }),
  );

  doc.path({
    method: 'post',
    path: '/api/v1/requests/{id}/cohandlers/{unitId}/release',
    summary: '解除协办 the lead releases a co-handler from its part, with a reason',
    tags: ['requests'],
    request: { params: coHandlerParams, body: json(releaseCoHandlerBody) },
    responses: answered,
  });
  router.post(
    '/requests/:id/cohandlers/:unitId/release',
    requireWriter(access.handleRequest),
    inScope,
    validated({ params: coHandlerParams, body: releaseCoHandlerBody }, async ({ params, body }, res) => {
      const actor = actorOf(res);
      checkLeadSide(actor, requestFacts(targetOf(res)));
      const state = await service.act(params.id, {
        type: 'releaseCoHandler',
        actor,
        unit: params.unitId,
        reason: body.reason,
      });
      res.json(await present(state, res));
    }),
  );
  return router;
}

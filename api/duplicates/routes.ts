import { Router } from 'express';
import { access } from '../../domain/access/roles';
import { filingTerms } from '../../domain/duplicates/terms';
import { CitizenRequestState } from '../../domain/requests/state';
import { actorOf, requireReader } from '../actor';
import { ApiDeps } from '../deps';
import { invalidField } from '../errors';
import { ApiDocument, json, problemResponses } from '../openapi';
import { requestIdParams } from '../requests/schema';
import { requestInScope } from '../requests/scope';
import { requestService } from '../requests/service';
import { targetOf } from '../scope';
import { validated } from '../validate';
import { duplicateSearchBody, duplicatesView } from './schema';
import { findDuplicates } from './search';

/** Duplicate candidates (重复诉求): before a filing is accepted, and for a request already filed. */
export function duplicateRoutes(deps: ApiDeps, doc: ApiDocument): Router {
  const router = Router();
  const terms = (filing: { title: string; description?: string }) =>
    filingTerms(filing, deps.text.segment, deps.text.rarity);

  doc.path({
    method: 'post',
    path: '/api/v1/requests/duplicates',
    summary:
      '重复诉求 open requests in the grid or its village, filed within the window, whose text is like this filing’s',
    tags: ['requests'],
    request: { body: json(duplicateSearchBody) },
    responses: {
      200: { description: 'the candidates, best first', ...json(duplicatesView) },
      400: problemResponses[400],
    },
  });
  router.post(
    '/requests/duplicates',
    requireReader(access.findDuplicates),
    validated({ body: duplicateSearchBody }, async ({ body }, res) => {
      const jurisdiction = deps.org.jurisdictionOf(body.gridId);
      if (!jurisdiction) throw invalidField('body.gridId', `unknown grid ${body.gridId}`);
      const probe = { jurisdiction, at: new Date().toISOString(), terms: terms(body) };
      res.json(await findDuplicates(deps, probe, actorOf(res)));
    }),
  );

  doc.path({
    method: 'get',
    path: '/api/v1/requests/{id}/duplicates',
    summary:
      '重复诉求 the candidates a stored request may duplicate or be duplicated by (itself left out), for the dispatcher who merges',
    tags: ['requests'],
    request: { params: requestIdParams },
    responses: {
      200: { description: 'the candidates, best first', ...json(duplicatesView) },
      404: problemResponses[404],
    },
  });
  router.get(
    '/requests/:id/duplicates',
    requireReader(access.readDuplicates),
    requestInScope(requestService(deps).liveState),
    validated({ params: requestIdParams }, async (_input, res) => {
      const { submission, submittedAt } = targetOf<CitizenRequestState>(res);
      const probe = {
        id: submission.id,
        jurisdiction: submission.jurisdiction,
        at: submittedAt,
        terms: submission.terms ?? terms(submission),
      };
      res.json(await findDuplicates(deps, probe, actorOf(res)));
    }),
  );
  return router;
}

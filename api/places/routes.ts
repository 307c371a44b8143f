import { Router } from 'express';
import { matchPlace, townshipLevel } from '../../domain/places/match';
import { actorOf, requireCaller } from '../actor';
import { ApiDeps } from '../deps';
import { invalidField, notFoundBecause } from '../errors';
import { ApiDocument, json, problemResponses } from '../openapi';
import { responsibleAt } from '../requests/responsible';
import { validated } from '../validate';
import { gridLookupQuery, gridLookupView } from './schema';

/**
 * The filing form's question: which grid covers a place, and who answers there. Matched as a
 * filing is (domain/places/match.ts), the caller's own township taking a place nothing else
 * places; anyone signed in may ask.
 */
export function placeRoutes(deps: ApiDeps, doc: ApiDocument): Router {
  const router = Router();
  doc.path({
    method: 'get',
    path: '/api/v1/places/grid',
    summary: 'which grid covers a place (community and building, or lng/lat), and who is responsible there',
    tags: ['places'],
    request: { query: gridLookupQuery },
    responses: {
      200: {
        description: 'the grid, or the township whose dispatch queue takes the place',
        ...json(gridLookupView),
      },
      400: problemResponses[400],
      404: problemResponses[404],
    },
  });
  router.get(
    '/places/grid',
    requireCaller,
    validated({ query: gridLookupQuery }, async ({ query }, res) => {
      const { org, policy } = deps;
      const level = townshipLevel(policy.ladder.length);
      if (query.township !== undefined && org.levelOf(query.township) !== level)
        throw invalidField('query.township', `${query.township} is not a ${policy.ladder[level].id} unit`);
      const point = query.lng === undefined ? undefined : { lng: query.lng, lat: query.lat! };
      const place = { township: query.township, community: query.community, building: query.building, point };
      const match = matchPlace(place, org, { townshipLevel: level, filerUnit: actorOf(res).unit });
      if (!match)
        throw notFoundBecause(`no grid covers this place and no ${policy.ladder[level].id} can be told`);
      if (match.matchedBy === 'none') {
        const { township } = match;
        res.json({
          matchedBy: 'none',
          township: { id: township, name: org.nameOf(township) },
          responsible: await responsibleAt(org, deps.directory.people, {
            unit: township,
            dispatcher: township,
            unmatched: true,
          }),
        });
        return;
      }
      const unit = org.jurisdictionOf(match.gridId)![0];
      res.json({
        matchedBy: match.matchedBy,
        grid: { id: match.gridId, unit, name: org.nameOf(unit) },
        responsible: await responsibleAt(org, deps.directory.people, {
          unit,
          dispatcher: unit,
          unmatched: false,
        }),
      });
    }),
  );
  return router;
}

import { Router } from 'express';
import { administratorsInbox } from '../../common/notifications';
import { inboxReadable } from '../../domain/access/scope';
import { actorOf, requireCaller } from '../actor';
import { notFound } from '../errors';
import { ApiDeps } from '../deps';
import { ApiDocument, problemResponses } from '../openapi';
import { validated } from '../validate';
import { inboxScope } from '../../activities/notifications/inbox';
import { newestFirst } from '../paging/newestFirst';
import { inboxPage, inboxQuery } from './schema';

export function notificationRoutes(deps: ApiDeps, doc: ApiDocument): Router {
  const router = Router();
  doc.path({
    method: 'get',
    path: '/api/v1/notifications',
    summary:
      'the in-app inbox of one recipient (the caller, or a unit in its scope), newest first, a page at a time (keyset cursor)',
    tags: ['notifications'],
    request: { query: inboxQuery },
    responses: {
      200: { description: 'a page', content: { 'application/json': { schema: inboxPage } } },
      400: problemResponses[400],
    },
  });
  router.get(
    '/notifications',
    requireCaller,
    (req, res, next) => {
      // Before the query is validated: someone else's inbox is not found, whatever else was asked.
      const { recipient } = req.query;
      if (
        typeof recipient !== 'string' ||
        inboxReadable(actorOf(res), recipient, deps.org, administratorsInbox)
      )
        return next();
      next(notFound(`inbox of ${recipient}`));
    },
    validated({ query: inboxQuery }, async (input, res) => {
      const q = input.query;
      const list = {
        model: deps.models.Notification,
        slices: deps.models.Slice,
        list: 'notifications',
        scope: inboxScope(q.recipient),
        filter: { recipient: q.recipient },
        time: 'createdAt',
        storedAsDate: true,
      };
      const { items, next } = await newestFirst(list, q);
      res.json({
        items: items.map((d) => ({
          id: d._id,
          recipient: d.recipient,
          kind: d.kind,
          message: d.message,
          caseId: d.caseId,
          createdAt: d.createdAt.toISOString(),
        })),
        pageSize: q.pageSize,
        next,
      });
    }),
  );
  return router;
}

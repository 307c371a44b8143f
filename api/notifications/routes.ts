import { Router } from 'express';
import { ApiDeps } from '../deps';
import { ApiDocument, problemResponses } from '../openapi';
import { validate, validated } from '../validate';
import { inboxPage, inboxQuery } from './schema';

export function notificationRoutes(deps: ApiDeps, doc: ApiDocument): Router {
  const router = Router();
  doc.path({
    method: 'get', path: '/api/v1/notifications', summary: 'the in-app inbox of one recipient, newest first', tags: ['notifications'],
    request: { query: inboxQuery },
    responses: { 200: { description: 'a page', content: { 'application/json': { schema: inboxPage } } }, 400: problemResponses[400] },
  });
  router.get('/notifications', validate({ query: inboxQuery }), async (_req, res) => {
    const q = validated(res).query;
    const filter = { recipient: q.recipient };
    const [docs, total] = await Promise.all([
      deps.models.Notification.find(filter).sort({ createdAt: -1, _id: 1 }).skip((q.page - 1) * q.pageSize).limit(q.pageSize).lean(),
      deps.models.Notification.countDocuments(filter),
    ]);
    res.json({
      items: docs.map((d) => ({ id: d._id, recipient: d.recipient, kind: d.kind, message: d.message, caseId: d.caseId, createdAt: d.createdAt.toISOString() })),
      page: q.page, pageSize: q.pageSize, total,
    });
  });
  return router;
}

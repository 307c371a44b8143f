import { NextFunction, Response, Router } from 'express';
import { coversOrg, scopeOf } from '../../domain/access/scope';
import { notFound } from '../errors';
import { ActionEntry } from '../../audit/actionLog/chain';
import { verifyAgainstAnchor } from '../../audit/actionLog/anchor';
import { access } from '../../domain/access/roles';
import { actorOf, requireReader } from '../actor';
import { ApiDeps } from '../deps';
import { ApiDocument, problemResponses, json } from '../openapi';
import { validated } from '../validate';
import { actionLogPage, actionLogQuery, chainVerdictView } from './actionLogSchema';

/** The entry as recorded, hashes included, so an auditor can recompute the chain elsewhere. */
const present = (e: ActionEntry) => ({
  seq: e.seq,
  at: e.at,
  actor: e.actor,
  action: e.action,
  path: e.path,
  target: e.target,
  requestId: e.requestId,
  outcome: e.outcome,
  prevHash: e.prevHash,
  hash: e.hash,
});
const readerRefusals = { 400: problemResponses[400], 403: problemResponses[403] };

/** The action log, for auditors (and a committee over the whole org): every API write, and whether the chain is whole. */
export function actionLogRoutes(deps: ApiDeps, doc: ApiDocument): Router {
  const router = Router();
  const model = deps.actionLog;
  const requireAuditor = [
    requireReader(access.actionLog),
    (_req: unknown, res: Response, next: NextFunction) =>
      next(coversOrg(scopeOf(actorOf(res)), deps.org) ? undefined : notFound('action log')),
  ];

  doc.path({
    method: 'get',
    path: '/api/v1/audit/actions',
    summary: 'the action log: every API write and its outcome, newest first',
    tags: ['audit'],
    request: { query: actionLogQuery },
    responses: { 200: { description: 'a page', ...json(actionLogPage) }, ...readerRefusals },
  });
  router.get(
    '/audit/actions',
    ...requireAuditor,
    validated({ query: actionLogQuery }, async (input, res) => {
      const q = input.query;
      const filter: Record<string, unknown> = {};
      if (q.target) filter.target = q.target;
      if (q.actor) filter['actor.id'] = q.actor;
      if (q.from || q.to) filter.at = { ...(q.from ? { $gte: q.from } : {}), ...(q.to ? { $lt: q.to } : {}) };
      const [entries, total] = await Promise.all([
        model
          .find(filter, { _id: 0 })
          .sort({ seq: -1 })
          .skip((q.page - 1) * q.pageSize)
          .limit(q.pageSize)
          .lean<ActionEntry[]>(),
        model.countDocuments(filter),
      ]);
      res.json({ items: entries.map(present), page: q.page, pageSize: q.pageSize, total });
    }),
  );

  doc.path({
    method: 'get',
    path: '/api/v1/audit/actions/verify',
    summary: 'check the hash chain of the action log; a break is a finding, answered 200',
    tags: ['audit'],
    responses: {
      200: { description: 'whole (with its head) or broken (where and how)', ...json(chainVerdictView) },
      ...readerRefusals,
    },
  });
  router.get(
    '/audit/actions/verify',
    ...requireAuditor,
    validated({}, async (_input, res) => {
      res.json(await verifyAgainstAnchor(model, deps.auditor.sources.archiveDir));
    }),
  );
  return router;
}

import { ErrorRequestHandler, Router } from 'express';
import { z } from 'zod';
import { ArchiveError } from '../../audit/archive';
import { Moment } from '../../audit/asOf';
import { NotReplayableError } from '../../audit/auditor';
import { CaseNotFoundError } from '../../audit/source';
import { actorHeadersSchema, requireAuditor } from '../actor';
import { ApiDeps } from '../deps';
import { ApiError } from '../errors';
import { ApiDocument, problemResponses } from '../openapi';
import { validate, validated } from '../validate';
import { auditStateView, auditTimelineView, caseArchiveView, caseIdParams, MomentQuery, momentQuery, replayVerdictView } from './caseSchema';

const json = (schema: z.ZodType) => ({ content: { 'application/json': { schema } } });
const refusals = { 400: problemResponses[400], 403: problemResponses[403], 404: problemResponses[404] };

/** The auditor's failures as HTTP answers: an unknown case, a record the code no longer replays, a damaged archive. */
function asApiError(err: unknown): unknown {
  if (err instanceof CaseNotFoundError) return new ApiError(404, 'not_found', err.message);
  if (err instanceof NotReplayableError) return new ApiError(409, 'not_replayable', err.message);
  if (err instanceof ArchiveError) return new ApiError(500, 'archive_damaged', err.message);
  return err;
}

function momentOf(q: MomentQuery): Moment {
  if (q.at !== undefined) return { at: Date.parse(q.at) };
  if (q.revision !== undefined) return { revision: q.revision };
  return { run: q.run!, eventId: q.event! };
}

/** Read-only: a case's story, its state at any moment and its replay verdict, all from Temporal's history (or its archive). */
export function auditCaseRoutes(deps: ApiDeps, doc: ApiDocument): Router {
  const router = Router();
  const { auditor } = deps;
  const route = (path: string, summary: string, response: z.ZodType, extra: { query?: z.ZodObject; 409?: true } = {}) =>
    doc.path({
      method: 'get', path: `/api/v1/audit/cases/{caseId}${path}`, summary, tags: ['audit'],
      request: { headers: actorHeadersSchema, params: caseIdParams, ...(extra.query ? { query: extra.query } : {}) },
      responses: { 200: { description: 'ok', ...json(response) }, ...refusals, ...(extra[409] ? { 409: problemResponses[409] } : {}) },
    });

  route('/timeline', 'the case’s timeline from its workflow history, every run stitched together', auditTimelineView);
  router.get('/audit/cases/:caseId/timeline', requireAuditor, validate({ params: caseIdParams }), async (_req, res) => {
    res.json(await auditor.timeline(validated(res).params.caseId));
  });

  route('/state', 'the case’s state at a past moment, refolded by replaying its history through the workflow code', auditStateView, { query: momentQuery, 409: true });
  router.get('/audit/cases/:caseId/state', requireAuditor, validate({ params: caseIdParams, query: momentQuery }), async (_req, res) => {
    const { params, query } = validated(res);
    const held = await auditor.stateAsOf(params.caseId, momentOf(query));
    if (!held) throw new ApiError(404, 'not_found', `case ${params.caseId} had no state yet at that moment`);
    res.json(held);
  });

  route('/replay', 'replay the case’s history against the current workflow code: is it deterministic?', replayVerdictView);
  router.get('/audit/cases/:caseId/replay', requireAuditor, validate({ params: caseIdParams }), async (_req, res) => {
    const { report, ...summary } = await auditor.replay(validated(res).params.caseId);
    res.json({ ...summary, deterministic: report.deterministic, ...(report.failure ? { failure: report.failure } : {}) });
  });

  route('/export', 'the case’s full history (every run) as a sealed JSON archive, for replay elsewhere', caseArchiveView);
  router.get('/audit/cases/:caseId/export', requireAuditor, validate({ params: caseIdParams }), async (_req, res) => {
    const archive = await auditor.export(validated(res).params.caseId);
    res.attachment(`${archive.caseId}.json`).json(archive);
  });

  router.use('/audit/cases', ((err, _req, _res, next) => next(asApiError(err))) satisfies ErrorRequestHandler);
  return router;
}

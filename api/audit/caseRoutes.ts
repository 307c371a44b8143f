import { Router } from 'express';
import { z } from 'zod';
import { Moment } from '../../audit/asOf';
import { access } from '../../domain/access/roles';
import { actorHeadersSchema, requireReader } from '../actor';
import { auditCaseInScope } from './caseScope';
import { ApiDeps } from '../deps';
import { notFoundBecause } from '../errors';
import { ApiDocument, problemResponses, json } from '../openapi';
import { validated } from '../validate';
import {
  auditStateView,
  auditTimelineView,
  caseArchiveView,
  caseIdParams,
  MomentQuery,
  momentQuery,
  replayVerdictView,
} from './caseSchema';

const refusals = { 400: problemResponses[400], 403: problemResponses[403], 404: problemResponses[404] };

function momentOf(q: MomentQuery): Moment {
  if (q.at !== undefined) return { at: Date.parse(q.at) };
  if (q.revision !== undefined) return { revision: q.revision };
  return { run: q.run!, eventId: q.event! };
}

/** Read-only: a case's story, its state at any moment and its replay verdict, all from Temporal's history (or its archive). */
export function auditCaseRoutes(deps: ApiDeps, doc: ApiDocument): Router {
  const router = Router();
  const { auditor } = deps;
  const readers = [requireReader(access.auditCase), auditCaseInScope(deps.models)];
  const route = (
    path: string,
    summary: string,
    response: z.ZodType,
    extra: { query?: z.ZodObject; 409?: true } = {},
  ) =>
    doc.path({
      method: 'get',
      path: `/api/v1/audit/cases/{caseId}${path}`,
      summary,
      tags: ['audit'],
      request: {
        headers: actorHeadersSchema,
        params: caseIdParams,
        ...(extra.query ? { query: extra.query } : {}),
      },
      responses: {
        200: { description: 'ok', ...json(response) },
        ...refusals,
        ...(extra[409] ? { 409: problemResponses[409] } : {}),
      },
    });

  route(
    '/timeline',
    'the case’s timeline from its workflow history, every run stitched together',
    auditTimelineView,
  );
  router.get(
    '/audit/cases/:caseId/timeline',
    ...readers,
    validated({ params: caseIdParams }, async (input, res) => {
      res.json(await auditor.timeline(input.params.caseId));
    }),
  );

  route(
    '/state',
    'the case’s state at a past moment, refolded by replaying its history through the workflow code',
    auditStateView,
    { query: momentQuery, 409: true },
  );
  router.get(
    '/audit/cases/:caseId/state',
    ...readers,
    validated({ params: caseIdParams, query: momentQuery }, async (input, res) => {
      const { params, query } = input;
      const held = await auditor.stateAsOf(params.caseId, momentOf(query));
      if (!held) throw notFoundBecause(`case ${params.caseId} had no state yet at that moment`);
      res.json(held);
    }),
  );

  route(
    '/replay',
    'replay the case’s history against the current workflow code: is it deterministic?',
    replayVerdictView,
  );
  router.get(
    '/audit/cases/:caseId/replay',
    ...readers,
    validated({ params: caseIdParams }, async (input, res) => {
      const { report, ...summary } = await auditor.replay(input.params.caseId);
      res.json({
        ...summary,
        deterministic: report.deterministic,
        ...(report.failure ? { failure: report.failure } : {}),
      });
    }),
  );

  route(
    '/export',
    'the case’s full history (every run) as a sealed JSON archive, for replay elsewhere',
    caseArchiveView,
  );
  router.get(
    '/audit/cases/:caseId/export',
    ...readers,
    validated({ params: caseIdParams }, async (input, res) => {
      const archive = await auditor.export(input.params.caseId);
      res.attachment(`${archive.caseId}.json`).json(archive);
    }),
  );
  return router;
}

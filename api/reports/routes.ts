import { Router } from 'express';
import { access } from '../../domain/access/roles';
import { actorHeadersSchema, requireReader, requireWriter } from '../actor';
import { listInScope, unitInScopeGuard, withinReach } from '../scope';
import { ApiDeps } from '../deps';
import { exportContent, sendExport } from '../export/download';
import { ApiDocument, json, problemResponses } from '../openapi';
import { validated } from '../validate';
import { presentReport, presentSummary, reportWorkbook } from './presenter';
import {
  listReportsQuery,
  reportList,
  reportParams,
  reportQuery,
  reportView,
  runCycleBody,
  runCycleView,
} from './schema';
import { reportService } from './service';

export function reportRoutes(deps: ApiDeps, doc: ApiDocument): Router {
  const router = Router();
  const service = reportService(deps);
  const reader = requireReader(access.readUnitFigures);

  doc.path({
    method: 'get',
    path: '/api/v1/reports',
    summary: '半月报告 the reports of a 14th/28th cycle: a unit’s own and those of the units reporting to it',
    tags: ['reports'],
    request: { query: listReportsQuery },
    responses: { 200: { description: 'the reports', ...json(reportList) }, 400: problemResponses[400] },
  });
  router.get(
    '/reports',
    reader,
    listInScope(deps.org),
    validated({ query: listReportsQuery }, async (input, res) => {
      const reached = withinReach(res, input.query);
      const reports = reached ? await service.list(reached.date, reached.unit) : [];
      res.json({ items: reports.map(presentSummary) });
    }),
  );

  doc.path({
    method: 'get',
    path: '/api/v1/reports/{date}/{unitId}',
    summary: 'one unit’s report of a cycle, as JSON, an Excel workbook or one section as CSV',
    tags: ['reports'],
    request: { params: reportParams, query: reportQuery },
    responses: {
      200: { description: 'the report', content: exportContent(reportView) },
      400: problemResponses[400],
      404: problemResponses[404],
    },
  });
  router.get(
    '/reports/:date/:unitId',
    reader,
    unitInScopeGuard(deps.org, (req) => req.params.unitId),
    validated({ params: reportParams, query: reportQuery }, async (input, res) => {
      const report = await service.one(input.params.date, input.params.unitId);
      await sendExport(res, input.query, { json: presentReport(report), workbook: reportWorkbook(report) });
    }),
  );

  doc.path({
    method: 'post',
    path: '/api/v1/reports/cycles',
    summary: 'run the cycle of a date by hand (administrators); a date already reported keeps its reports',
    tags: ['reports'],
    request: { headers: actorHeadersSchema, body: json(runCycleBody) },
    responses: {
      200: { description: 'the run, once it ended', ...json(runCycleView) },
      400: problemResponses[400],
      403: problemResponses[403],
    },
  });
  router.post(
    '/reports/cycles',
    requireWriter(access.runCycle),
    validated({ body: runCycleBody }, async (input, res) => {
      res.json(await service.run(input.body.date));
    }),
  );
  return router;
}

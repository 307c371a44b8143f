import { Router } from 'express';
import { readCommitmentKpis } from '../../activities/kpi/commitments';
import { readLedger } from '../../activities/kpi/ledger';
import { readRanking } from '../../activities/kpi/ranking';
import { readOpenRequests } from '../../activities/kpi/overdue';
import { overdueLines } from '../../domain/kpi/overdue';
import { listed } from '../../domain/kpi/report';
import { kpiSettings } from '../../domain/kpi/settings';
import { access } from '../../domain/access/roles';
import { scopeOf, unitInScope } from '../../domain/access/scope';
import { actorOf, requireReader } from '../actor';
import { ApiDeps } from '../deps';
import { unitInScopeGuard } from '../scope';
import { invalidField } from '../errors';
import { exportContent, sendExport } from '../export/download';
import { ApiDocument, problemResponses } from '../openapi';
import { validated } from '../validate';
import { periodOf } from './period';
import { levelView, presentCommitmentKpis, presentLedger, presentRanking, unitView } from './presenter';
import {
  commitmentKpisView,
  ledgerParams,
  ledgerQuery,
  ledgerView,
  rankingQuery,
  rankingView,
  unitLedgerQuery,
} from './schema';
import { commitmentWorkbook, ledgerWorkbook, rankingWorkbook } from './workbook';

const formats =
  '`?format=xlsx` answers an Excel workbook, `?format=csv&section=<key>` one section as CSV (UTF-8 with BOM)';

/** 台账, 排名 and 承诺履行: read from the per-request per-day aggregates and the commitments' list documents, never from scanning cases. */
export function ledgerRoutes(deps: ApiDeps, doc: ApiDocument): Router {
  const router = Router();
  const { policy, org, models } = deps;
  const ladder = policy.ladder.map((level) => level.id);
  const settings = kpiSettings(policy);
  const errors = { 400: problemResponses[400], 404: problemResponses[404] };
  const unitReader = [
    requireReader(access.readUnitFigures),
    unitInScopeGuard(org, (req) => req.params.unitId),
  ];

  doc.path({
    method: 'get',
    path: '/api/v1/ledgers/{unitId}',
    summary: '台账 a unit’s ledger for a period: counts, the three rates with their terms, score',
    description: `Everything below the unit is included; \`bySubject\` rolls the counts by subject up to \`categoryLevel\` of the category tree. Sections: summary, rates, counts, levels, statuses, categories, channels, subjects, overdue. Overdue requests are read as they stand now, from the unit’s open requests. ${formats}.`,
    tags: ['ledgers'],
    request: { params: ledgerParams, query: unitLedgerQuery },
    responses: { 200: { description: 'the ledger', content: exportContent(ledgerView) }, ...errors },
  });
  router.get(
    '/ledgers/:unitId',
    ...unitReader,
    validated({ params: ledgerParams, query: unitLedgerQuery }, async ({ params, query }, res) => {
      const unit = unitView(org, policy, params.unitId);
      const period = periodOf(query);
      const at = { level: unit.level.rung, unit: unit.id };
      const now = Date.now();
      const [ledger, open] = await Promise.all([
        readLedger(models, ladder, { ...at, ...period }),
        readOpenRequests(models, ladder, { ...at, now }),
      ]);
      const overdue = overdueLines(open, now);
      const view = presentLedger(
        ledger,
        unit,
        policy,
        settings,
        {
          asOf: new Date(now).toISOString(),
          total: overdue.length,
          items: overdue.slice(0, listed),
        },
        { tree: deps.categories, level: query.categoryLevel },
      );
      await sendExport(res, query, { json: view, workbook: ledgerWorkbook(view, new Date().toISOString()) });
    }),
  );

  doc.path({
    method: 'get',
    path: '/api/v1/ledgers/{unitId}/commitments',
    summary:
      '承诺履行 a unit’s commitment figures for a period: letters, visits, problems, funds, assessments',
    description: `Every figure is defined in the schema. Sections: commitments, assessments. ${formats}.`,
    tags: ['ledgers'],
    request: { params: ledgerParams, query: ledgerQuery },
    responses: { 200: { description: 'the figures', content: exportContent(commitmentKpisView) }, ...errors },
  });
  router.get(
    '/ledgers/:unitId/commitments',
    ...unitReader,
    validated({ params: ledgerParams, query: ledgerQuery }, async ({ params, query }, res) => {
      const unit = unitView(org, policy, params.unitId);
      const period = periodOf(query);
      const kpis = await readCommitmentKpis(
        models.Commitment,
        policy,
        { level: unit.level.rung, unit: unit.id, ...period },
        Date.now(),
      );
      const view = presentCommitmentKpis(kpis, unit);
      await sendExport(res, query, {
        json: view,
        workbook: commitmentWorkbook(view, new Date().toISOString()),
      });
    }),
  );

  doc.path({
    method: 'get',
    path: '/api/v1/rankings',
    summary:
      '排名 the units of one ladder level within the caller’s scope, ranked by composite score for a period',
    description: `Higher score first, then more requests filed, then unit id; units without a score last, without a position. Section: ranking. ${formats}.`,
    tags: ['ledgers'],
    request: { query: rankingQuery },
    responses: {
      200: { description: 'the ranking', content: exportContent(rankingView) },
      400: problemResponses[400],
    },
  });
  router.get(
    '/rankings',
    requireReader(access.readUnitFigures),
    validated({ query: rankingQuery }, async ({ query }, res) => {
      const rung = ladder.indexOf(query.level);
      if (rung < 0)
        throw invalidField('query.level', `no level ${query.level}; choose one of: ${ladder.join(', ')}`);
      const period = periodOf(query);
      // Only the units in the caller's scope are ranked, among themselves.
      const scope = scopeOf(actorOf(res));
      const units = org.unitIds().filter((id) => org.levelOf(id) === rung && unitInScope(scope, id, org));
      const ranking = await readRanking(models, ladder, settings, {
        level: rung,
        units,
        ...period,
      });
      const view = presentRanking(ranking, levelView(policy, rung), period, org, settings);
      await sendExport(res, query, { json: view, workbook: rankingWorkbook(view, new Date().toISOString()) });
    }),
  );
  return router;
}

import { Router } from 'express';
import { coverageGap, describeGap } from '../../domain/policy/coverage';
import { probeDependencies } from '../dependencies';
import { ApiDeps } from '../deps';
import { ApiDocument, publicOperation } from '../openapi';
import { validated } from '../validate';

/** Readiness must answer well within a load balancer's own timeout. */
const probeTimeoutMs = 1_500;

/**
 * Liveness (/healthz) says the process answers at all: restart it when it does not. Readiness
 * (/readyz) says whether it can serve: each dependency's state, 503 naming the failing ones. A
 * dependency that is down makes the API unready, never dead: restarting it would not help.
 * `warnings` name what serves but needs an operator, such as a holiday calendar running out: taking
 * the API out of service for it would stop every filing and help no one.
 */
export function healthRoutes(deps: ApiDeps, doc: ApiDocument): Router {
  const router = Router();
  doc.path({
    method: 'get',
    path: '/api/v1/healthz',
    summary: 'Liveness: the API process answers',
    tags: ['health'],
    ...publicOperation,
    responses: { 200: { description: 'alive' } },
  });
  router.get(
    '/healthz',
    validated({}, (_input, res) => {
      res.json({ status: 'alive', uptimeSeconds: Math.round(process.uptime()) });
    }),
  );
  doc.path({
    method: 'get',
    path: '/api/v1/readyz',
    summary: 'Readiness: Temporal and MongoDB reachable, each named',
    tags: ['health'],
    ...publicOperation,
    responses: {
      200: { description: 'both reachable; `warnings` names what needs an operator (the holiday calendar)' },
      503: { description: 'one is not; `failing` names it' },
    },
  });
  router.get(
    '/readyz',
    validated({}, async (_input, res) => {
      const states = await probeDependencies(deps, probeTimeoutMs);
      const failing = Object.entries(states)
        .filter(([, state]) => state !== 'ok')
        .map(([name]) => name);
      const gap = coverageGap(deps.policy.calendar, Date.now());
      const warnings = gap ? [{ id: 'calendar_coverage', message: describeGap(gap), ...gap }] : [];
      res
        .status(failing.length ? 503 : 200)
        .json({ status: failing.length ? 'unready' : 'ready', failing, ...states, warnings });
    }),
  );
  return router;
}

import { Router } from 'express';
import { Dependency } from '../dependencies';
import { ApiDeps } from '../deps';
import { ApiDocument } from '../openapi';

/** Each probe gives up after this: readiness must answer well within a load balancer's own timeout. */
const probeTimeoutMs = 1_500;

async function check(probe: () => Promise<unknown>): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${probeTimeoutMs} ms`)), probeTimeoutMs)));
  try {
    await Promise.race([probe(), timeout]);
    return 'ok';
  } catch (err) {
    return `unreachable: ${(err as Error).message.split('\n')[0]}`;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Liveness (/healthz) says the process answers at all: restart it when it does not. Readiness
 * (/readyz) says whether it can serve: each dependency's state, 503 naming the failing ones. A
 * dependency that is down makes the API unready, never dead: restarting it would not help.
 */
export function healthRoutes(deps: ApiDeps, doc: ApiDocument): Router {
  const router = Router();
  doc.path({
    method: 'get', path: '/api/v1/healthz', summary: 'Liveness: the API process answers', tags: ['health'],
    responses: { 200: { description: 'alive' } },
  });
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'alive', uptimeSeconds: Math.round(process.uptime()) });
  });
  doc.path({
    method: 'get', path: '/api/v1/readyz', summary: 'Readiness: Temporal and MongoDB reachable, each named', tags: ['health'],
    responses: { 200: { description: 'both reachable' }, 503: { description: 'one is not; `failing` names it' } },
  });
  router.get('/readyz', async (_req, res) => {
    const { connection, options } = deps.temporal;
    const checks: Partial<Record<Dependency, string>> = Object.fromEntries(
      await Promise.all([
        check(() => connection.withDeadline(Date.now() + probeTimeoutMs, () => deps.temporal.workflowService.describeNamespace({ namespace: options.namespace }))).then((s) => ['temporal', s] as const),
        check(() => (deps.db.db ? deps.db.db.admin().ping() : Promise.reject(new Error('not connected yet')))).then((s) => ['mongodb', s] as const),
      ]),
    ) as Partial<Record<Dependency, string>>;
    const failing = Object.entries(checks).filter(([, state]) => state !== 'ok').map(([name]) => name);
    res.status(failing.length ? 503 : 200).json({ status: failing.length ? 'unready' : 'ready', failing, ...checks });
  });
  return router;
}

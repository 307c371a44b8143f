import { Router } from 'express';
import { ApiDeps } from '../deps';
import { ApiDocument } from '../openapi';

async function check(probe: () => Promise<unknown>): Promise<string> {
  try {
    await probe();
    return 'ok';
  } catch (err) {
    return `unreachable: ${(err as Error).message}`;
  }
}

export function healthRoutes(deps: ApiDeps, doc: ApiDocument): Router {
  const router = Router();
  doc.path({
    method: 'get', path: '/api/v1/healthz', summary: 'Temporal and MongoDB reachable', tags: ['health'],
    responses: { 200: { description: 'both reachable' }, 503: { description: 'one is not' } },
  });
  router.get('/healthz', async (_req, res) => {
    const [temporal, mongodb] = await Promise.all([
      check(() => deps.temporal.workflowService.describeNamespace({ namespace: deps.temporal.options.namespace })),
      check(() => deps.db.db!.admin().ping()),
    ]);
    res.status(temporal === 'ok' && mongodb === 'ok' ? 200 : 503).json({ temporal, mongodb });
  });
  return router;
}

import express, { Express } from 'express';
import { recordWrites } from './actionLog';
import { authenticate } from './actor';
import { PeopleReader } from '../directory/people';
import { jsonBodies } from './bodies';
import { browserPolicy } from './browserPolicy';
import { apiReferenceRoutes, consoleRoutes } from './console';
import { actionLogRoutes } from './audit/actionLogRoutes';
import { auditCaseRoutes } from './audit/caseRoutes';
import { temporalDeadline } from './dependencies';
import { ApiDeps } from './deps';
import { notFound, problemHandler } from './errors';
import { healthRoutes } from './health/routes';
import { createApiMetrics } from './metrics/apiMetrics';
import { notificationRoutes } from './notifications/routes';
import { ApiDocument } from './openapi';
import { requestRoutes } from './requests/routes';
import { categoryRoutes } from './categories/routes';
import { duplicateRoutes } from './duplicates/routes';
import { assignRequestId } from './requestId';
import { logRequests } from './requestLog';
import { markRouteBase } from './routeLabel';
import { commitmentRoutes } from './commitments/routes';
import { reportRoutes } from './reports/routes';
import { ledgerRoutes } from './ledgers/routes';
import { committeeRoutes } from './committees/routes';
import { authRoutes } from './auth/routes';
import { orgRoutes } from './org/routes';
import { placeRoutes } from './places/routes';
import { codecRoutes } from './codec/routes';
import { Open311Clients } from './open311/clients';
import { open311ClientRoutes } from './open311/clientRoutes';
import { open311Routes } from './open311/routes';
import { perIpLimit, perUserLimit, RateLimits } from './rateLimits';
import { validated } from './validate';
import { envSchema } from '../config/env';

const defaults = envSchema.parse({});
const defaultRateLimits: RateLimits = {
  perIpPerMinute: defaults.RATE_LIMIT_PER_IP_PER_MINUTE,
  perUserPerMinute: defaults.RATE_LIMIT_PER_USER_PER_MINUTE,
};

export function createApp(deps: ApiDeps): Express {
  const app = express();
  const doc = new ApiDocument();
  app.disable('x-powered-by');
  app.set('trust proxy', deps.trustedProxies ?? 0);
  app.use(assignRequestId);
  const { log } = deps;
  app.use(logRequests(log));
  const metrics = createApiMetrics(deps, deps.caseCountsMaxAgeMs ?? 30_000);
  app.use(metrics.observe);
  // At the root: not an API resource, so neither in the action log nor in the OpenAPI document.
  app.get('/metrics', metrics.serve);
  app.use(browserPolicy(deps.consoleOrigins ?? [], deps.identity.consoleSignIn));
  app.use(consoleRoutes());
  app.use(apiReferenceRoutes());
  const rateLimits = deps.rateLimits ?? defaultRateLimits;
  const open311Clients = new Open311Clients(deps.db);
  // GeoReport v2 is its own API: its clients send forms and an api_key, never a token, and read its errors' format.
  app.use('/open311/v2', open311Routes(deps, open311Clients, rateLimits));
  // Before anything that costs: a flood from one address stops here.
  app.use('/api/v1', perIpLimit(rateLimits));
  app.use(
    '/api/v1',
    recordWrites(deps.actionLogOutbox, (requestId, err) =>
      log.error({ err, requestId }, 'action log entry not recorded'),
    ),
  );
  // Before the body parser: a write refused for its body is still logged under its verified caller.
  app.use(authenticate({ identity: deps.identity, people: new PeopleReader(deps.directory.store) }));
  app.use('/api/v1', perUserLimit(rateLimits));
  app.use(jsonBodies);
  app.use(temporalDeadline(deps.temporal, deps.temporalDeadlineMs ?? 120_000));
  const v1 = express.Router();
  v1.use(markRouteBase);
  v1.use(healthRoutes(deps, doc));
  v1.use(duplicateRoutes(deps, doc));
  v1.use(requestRoutes(deps, doc));
  v1.use(placeRoutes(deps, doc));
  v1.use(categoryRoutes(deps, doc));
  v1.use(commitmentRoutes(deps, doc));
  v1.use(ledgerRoutes(deps, doc));
  v1.use(committeeRoutes(deps, doc));
  v1.use(notificationRoutes(deps, doc));
  v1.use(reportRoutes(deps, doc));
  v1.use(actionLogRoutes(deps, doc));
  v1.use(auditCaseRoutes(deps, doc));
  v1.use(authRoutes(deps, doc));
  v1.use(orgRoutes(deps, doc));
  v1.use(codecRoutes(deps, doc));
  v1.use(open311ClientRoutes(open311Clients, deps, doc));
  const openapi = doc.generate();
  app.locals.openapi = openapi;
  v1.get(
    '/openapi.json',
    validated({}, (_input, res) => res.json(openapi)),
  );
  app.use('/api/v1', v1);
  app.use((req, _res, next) => next(notFound(`route ${req.method} ${req.path}`)));
  app.use(problemHandler);
  return app;
}

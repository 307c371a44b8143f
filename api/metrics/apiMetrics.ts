import { RequestHandler } from 'express';
import pg from 'pg';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { ApiDeps } from '../deps';
import { countOpenCases, postgresRequestCounter } from './caseCounts';
import { caseGauges } from './caseGauges';
import { dependencyGauge } from './dependencyGauge';
import { observeRequests } from './httpMetrics';
import { outboxGauge } from './outboxGauge';

export interface ApiMetrics {
  /** Counts and times every request; mount before the routes */
  observe: RequestHandler;
  /** GET /metrics in Prometheus's text format */
  serve: RequestHandler;
}

/** A scrape waits at most this long for the store or Temporal, then answers with what it has. */
const scrapeWaitMs = 2_000;

function countingPool(url: string): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max: 1, allowExitOnIdle: true });
  // An idle connection the server closed (a PostgreSQL restart): the pool makes a new one at the next count.
  pool.on('error', () => undefined);
  return pool;
}

/** The API's metrics on a registry of its own (never prom-client's global one): each app, and each test, counts apart. */
export function createApiMetrics(
  deps: Pick<ApiDeps, 'models' | 'temporal' | 'db' | 'postgresUrl' | 'actionLogOutbox'>,
  caseCountsMaxAgeMs: number,
): ApiMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const observe = observeRequests(registry);
  // One connection, closed when idle: a scrape's count is the only query the API sends there.
  const requestCounter = deps.postgresUrl
    ? postgresRequestCounter(countingPool(deps.postgresUrl), {
        database: () => deps.db.name,
        name: deps.models.Request.collection.collectionName,
      })
    : undefined;
  caseGauges(registry, () => countOpenCases(deps.models, new Date(), requestCounter), {
    maxAgeMs: caseCountsMaxAgeMs,
    waitMs: scrapeWaitMs,
  });
  dependencyGauge(registry, deps, scrapeWaitMs);
  outboxGauge(registry, deps.actionLogOutbox);
  return {
    observe,
    serve: async (_req, res) => {
      res.type(registry.contentType).send(await registry.metrics());
    },
  };
}

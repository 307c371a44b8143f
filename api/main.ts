import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client, Connection } from '@temporalio/client';
import mongoose from 'mongoose';
import { createModels } from '../activities/db/models';
import { prepareStore } from '../activities/db/store';
import { ActionLogOutbox } from '../audit/actionLog/outbox';
import { createActionLogModel } from '../audit/actionLog/store';
import { CaseAuditor } from '../audit/auditor';
import { installQuietRuntime } from '../audit/quietRuntime';
import { bundleWorkflows } from '../worker/bundle';
import { loadEnvOrExit } from '../config/env';
import { watchOrgDirectoryOf } from '../directory/live';
import { identityFromEnv } from '../identity/config';
import { loadPayloadKeysOrExit } from '../config/payloadKeys';
import { dataConverter } from '../common/payloadCodec';
import { parsePolicy } from '../domain/policy/policy';
import { withCalendar } from '../domain/policy/calendarFile';
import { readCalendarFile } from '../config/calendarFile';
import { watchCategoryTree } from '../config/categoriesFile';
import { createLogger, Logger } from '../common/log';
import { startApi } from './server';
import { jiebaTextModel } from './duplicates/jieba';

/**
 * The API starts whether or not its dependencies are up, and answers for each (/readyz; 503 naming
 * it): a write that goes to Temporal is accepted while MongoDB is down. Reads fail within the
 * store's server-selection timeout rather than queueing behind a connection that is not coming.
 */
const storeSelectionTimeoutMs = 1_500;

const log = createLogger().child({ process: 'api' });

async function main(): Promise<void> {
  const env = loadEnvOrExit();
  installQuietRuntime();
  const policy = withCalendar(
    parsePolicy(JSON.parse(readFileSync(env.POLICY_FILE, 'utf8'))),
    readCalendarFile(env.CALENDAR_FILE),
  );
  const categories = watchCategoryTree({
    path: env.CATEGORIES_FILE,
    policy,
    refreshMs: env.CATEGORIES_REFRESH_MS,
    onLoaded: (tree) =>
      log.info({ version: tree.version, leaves: tree.leaves.length }, 'categories: tree loaded'),
    onError: (err) => log.warn({ err }, 'categories: file not loaded; the tree before it serves'),
  });
  const db = mongoose.createConnection();
  const storeOptions = { serverSelectionTimeoutMS: storeSelectionTimeoutMs, bufferCommands: false };
  db.on('error', (err: Error) => log.error({ err }, 'mongodb connection error'));
  const connection = Connection.lazy({ address: env.TEMPORAL_ADDRESS });
  const keys = loadPayloadKeysOrExit(env);
  const temporal = new Client({
    connection,
    namespace: env.TEMPORAL_NAMESPACE,
    dataConverter: dataConverter(keys),
  });
  const models = createModels(db);
  // Made before the store is prepared, so its indexes are made with the read models'.
  const directory = watchOrgDirectoryOf(db, policy, env, log);
  const identity = identityFromEnv(env);
  // The built-in issuer's first key is made now rather than by the first request that needs it.
  await identity.issuer?.keys.keys();
  const actionLog = createActionLogModel(db);
  const actionLogOutbox = new ActionLogOutbox(env.ACTION_LOG_SPOOL_DIR);
  const auditor = new CaseAuditor({ temporal, archiveDir: env.ARCHIVE_DIR, keys }, () => bundleWorkflows());
  const api = await startApi(
    {
      temporal,
      db,
      models,
      actionLog,
      actionLogOutbox,
      auditor,
      policy,
      categories: categories.tree,
      org: directory.org,
      directory,
      identity,
      taskQueue: env.TEMPORAL_TASK_QUEUE,
      log,
      postgresUrl: env.FERRETDB_POSTGRES_URL || undefined,
      temporalDeadlineMs: env.API_TEMPORAL_DEADLINE_MS,
      rateLimits: {
        perIpPerMinute: env.RATE_LIMIT_PER_IP_PER_MINUTE,
        perUserPerMinute: env.RATE_LIMIT_PER_USER_PER_MINUTE,
      },
      consoleOrigins: env.CONSOLE_ORIGINS,
      trustedProxies: env.API_TRUSTED_PROXIES,
      temporalUiOrigin: env.TEMPORAL_UI_ORIGIN,
      text: jiebaTextModel(),
      duplicates: {
        windowDays: env.DUPLICATE_WINDOW_DAYS,
        minScore: env.DUPLICATE_MIN_SCORE,
        maxCandidates: env.DUPLICATE_MAX_CANDIDATES,
      },
    },
    env.API_HOST,
    env.API_PORT,
  );
  log.info({ url: `${api.url}/api/v1`, metrics: `${api.url}/metrics` }, 'api listening');
  void connectStore(
    db,
    () => db.openUri(env.MONGODB_URI, storeOptions),
    env.FERRETDB_POSTGRES_URL || undefined,
    log,
  );
  const stop = async () => {
    directory.stop();
    categories.stop();
    await api.stop();
    await connection.close();
    await db.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

/**
 * Connects until the store answers, then makes its indexes; until then its reads answer 503. Once
 * connected, the driver itself reconnects after the store comes back from a restart.
 */
async function connectStore(
  db: mongoose.Connection,
  open: () => Promise<unknown>,
  postgresUrl: string | undefined,
  log: Logger,
): Promise<void> {
  for (let wait = 1_000; ; wait = Math.min(30_000, wait * 2)) {
    try {
      if (db.readyState !== mongoose.ConnectionStates.connected) await open();
      await prepareStore(db, postgresUrl);
      return;
    } catch (err) {
      log.warn({ err, retryInS: wait / 1000 }, 'mongodb: store not prepared; retrying');
      await sleep(wait);
    }
  }
}

main().catch((err) => {
  log.fatal({ err }, 'api stopped');
  process.exit(1);
});

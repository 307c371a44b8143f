import { once } from 'node:events';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer, IncomingHttpHeaders } from 'node:http';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import mongoose from 'mongoose';
import { createModels } from '../../activities/db/models';
import { prepareStore } from '../../activities/db/store';
import { ApiDeps } from '../../api/deps';
import { startApi } from '../../api/server';
import { ActionLogOutbox } from '../../audit/actionLog/outbox';
import { createActionLogModel } from '../../audit/actionLog/store';
import { CaseAuditor } from '../../audit/auditor';
import { watchOrgDirectory } from '../../directory/live';
import { DirectoryStore } from '../../directory/store';
import { parsePolicy } from '../../domain/policy/policy';
import { withCalendar, workingCalendarOf } from '../../domain/policy/calendarFile';
import { readCalendarFile } from '../../config/calendarFile';
import { watchCategoryTree } from '../../config/categoriesFile';
import { inboxActivities } from '../../activities/notifications/inbox';
import { watchCalendarCoverage } from '../../worker/calendarWatch';
import { createWorker } from '../../worker/createWorker';
import { connectWorkerStore } from '../../worker/storeConnection';
import { defaultTuning, WorkerTuning } from '../../worker/tuning';
import { bundleWorkflows } from '../../worker/bundle';
import { createWorkerMetrics } from '../../worker/metrics';
import { createLogger } from '../../common/log';
import { dataConverter } from '../../common/payloadCodec';
import { testKeys } from './payloadKeys';
import { startE2eServers } from './e2eServers';
import { jiebaTextModel } from '../../api/duplicates/jieba';
import { actors, repoRoot } from './fixtures';
import { testIdentity, tokenCredentials, Who } from './credentials';
import { loadEnv } from '../../config/env';
import { identityFromEnv } from '../../identity/config';

export interface WebhookCall {
  headers: IncomingHttpHeaders;
  body: { key: string; recipient: string; kind: string; caseId: string };
}

/**
 * The whole system for end-to-end tests: the Temporal dev server and FerretDB as child
 * processes, the worker and the API in this process on real connections, a webhook receiver,
 * and a short policy (seconds) so deadlines pass while the test watches. The worker has its own
 * connection to the store, as in production, tuned by `tuning` (the defaults unless given). With a
 * `calendarFile`, the API hands new cases its calendar and the worker watches its coverage, as
 * api/main.ts and worker/main.ts do; without one, the policy file's own calendar serves. `orgFile`
 * replaces the default org directory (the authorization test's has two committees).
 * `categoriesFile` is the category tree, watched for changes as api/main.ts watches it (every
 * 200 ms here); the default is a small one that fits every test policy.
 * `edge` sets what the API takes from any caller: rate limits high enough that no test meets
 * them unless it sets them low, and no console origin unless given; its `authSettings`, read when the
 * system starts, are the API's AUTH_* settings (an office's OIDC provider): the test's own tokens
 * (`authHeaders`) are then refused, the provider's taken.
 */
export async function startE2eSystem(
  policyFile = join(repoRoot, 'test', 'e2e', 'policy.short.json'),
  tuning: WorkerTuning = defaultTuning(),
  calendarFile?: string,
  orgFile = join(repoRoot, 'config', 'org.default.json'),
  edge: E2eEdge = {},
  categoriesFile = join(repoRoot, 'test', 'e2e', 'categories.short.json'),
) {
  const servers = await startE2eServers();
  const webhookCalls: WebhookCall[] = [];
  const receiver = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk) => (raw += chunk));
    req.on('end', () => {
      webhookCalls.push({ headers: req.headers, body: JSON.parse(raw) });
      res.writeHead(204).end();
    });
  }).listen(0, '127.0.0.1');
  await once(receiver, 'listening');
  const webhookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;

  const filed = parsePolicy(JSON.parse(readFileSync(policyFile, 'utf8')));
  const calendar = calendarFile ? readCalendarFile(calendarFile) : undefined;
  const policy = calendar ? withCalendar(filed, calendar) : filed;
  const categories = watchCategoryTree({
    path: categoriesFile,
    policy,
    refreshMs: 200,
    onError: () => undefined,
  });
  const db = await mongoose.createConnection(`${servers.mongoUri}/lianxin`).asPromise();
  const models = createModels(db);
  const actionLog = createActionLogModel(db);
  const directory = watchOrgDirectory({
    store: new DirectoryStore(db),
    policy,
    orgFile,
    refreshMs: 500,
    onError: () => undefined,
  });
  await prepareStore(db, servers.postgresUrl);
  await directory.refresh();
  const { org } = directory;
  const identity = testIdentity();
  const apiIdentity = edge.authSettings ? identityFromEnv(loadEnv(edge.authSettings())) : identity;
  const authHeaders = tokenCredentials(directory.store, identity.issuer);
  const workerDb = await connectWorkerStore(`${servers.mongoUri}/lianxin`, tuning);
  const workerModels = createModels(workerDb);
  // Made once: a restarted worker reuses them (a connection compiles a model only once).
  const workerActionLog = createActionLogModel(workerDb);
  const taskQueue = 'lianxin-e2e';
  const nativeConnection = await NativeConnection.connect({ address: servers.temporalAddress });
  const connection = await Connection.connect({ address: servers.temporalAddress });
  // Every client and worker of the run encrypts with one fresh key, as a new data folder's would.
  const keys = testKeys();
  const converter = dataConverter(keys);
  const temporal = new Client({ connection, namespace: servers.namespace, dataConverter: converter });
  const archiveDir = mkdtempSync(join(tmpdir(), 'lianxin-archive-'));
  const workflowBundle = await bundleWorkflows();
  // One registry for every worker this system runs, as one process keeps its counters across restarts of its worker.
  const workerMetrics = createWorkerMetrics();
  const runWorker = async () => {
    const deps = {
      models: workerModels,
      webhookUrl,
      fetch,
      audit: { temporal, archiveDir, keys, actionLog: workerActionLog },
      metrics: workerMetrics.cases,
      reports: { org, ladder: policy.ladder.map((level) => level.id) },
      committees: { temporal, taskQueue, policy },
    };
    const worker = await createWorker({
      connection: nativeConnection,
      namespace: servers.namespace,
      taskQueue,
      deps,
      tuning,
      workflowBundle,
      dataConverter: converter,
    });
    return { worker, running: worker.run() };
  };
  let current: { worker: Awaited<ReturnType<typeof createWorker>>; running: Promise<void> } | undefined =
    await runWorker();
  const stopWorker = async () => {
    if (!current) return;
    current.worker.shutdown();
    await current.running;
    current = undefined;
  };
  /** The worker's calendar warnings, as its log would show them. */
  const calendarWarnings: string[] = [];
  const calendarWatch =
    calendar &&
    watchCalendarCoverage({
      calendar: workingCalendarOf(calendar),
      log: createLogger({
        level: 'warn',
        destination: { write: (line: string) => void calendarWarnings.push(JSON.parse(line).msg) },
      }),
      deliverInbox: inboxActivities(workerModels).deliverInbox,
    });
  const auditor = new CaseAuditor({ temporal, archiveDir, keys }, async () => workflowBundle);
  const actionLogOutbox = new ActionLogOutbox(mkdtempSync(join(tmpdir(), 'lianxin-outbox-')));
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
      org,
      directory,
      identity: apiIdentity,
      taskQueue,
      log: createLogger({ level: 'error' }),
      caseCountsMaxAgeMs: 0,
      postgresUrl: servers.postgresUrl,
      rateLimits: edge.rateLimits ?? { perIpPerMinute: 1_000_000, perUserPerMinute: 1_000_000 },
      consoleOrigins: edge.consoleOrigins,
      text: jiebaTextModel(),
    },
    '127.0.0.1',
    0,
  );

  return {
    url: api.url,
    /** The store's database, for a command run as an operator would (`npm run token`, `npm run seed`) */
    mongoUri: `${servers.mongoUri}/lianxin`,
    taskQueue,
    temporalAddress: servers.temporalAddress,
    namespace: servers.namespace,
    temporal,
    models,
    actionLog,
    auditor,
    archiveDir,
    /** The run's payload keys: what reads its archives, or makes a client of its own, needs them */
    keys,
    webhookCalls,
    calendarWarnings,
    directory,
    /** The live category tree: `check()` loads an edited file at once */
    categories,
    identity,
    /** The credentials a test sends for an actor: the one place tests say who is calling. */
    authHeaders,
    /** The worker's app metrics (reminders, escalations, projection lag), as its /metrics endpoint serves them */
    workerMetrics: workerMetrics.registry,
    /** Stops the worker as a crash or a deploy would; cases wait in Temporal until one polls again. */
    stopWorker,
    async startWorker() {
      current ??= await runWorker();
    },
    async stop() {
      directory.stop();
      categories.stop();
      calendarWatch?.stop();
      await api.stop();
      await stopWorker();
      await connection.close();
      await nativeConnection.close();
      await workerDb.close();
      await db.close();
      receiver.close();
      await servers.stop();
    },
  };
}

export type E2eSystem = Awaited<ReturnType<typeof startE2eSystem>>;
export type E2eEdge = Pick<ApiDeps, 'rateLimits' | 'consoleOrigins'> & {
  authSettings?: () => Record<string, string>;
};

export interface HttpResult {
  status: number;
  headers: Headers;
  body: any;
}

/**
 * One system per test file: started before its tests, stopped after them. The HTTP client
 * reads the API's address when a test calls it, so it can be made at module level.
 */
export function useE2eSystem(
  policyFile?: string,
  tuning?: WorkerTuning,
  calendarFile?: string,
  orgFile?: string,
  edge?: E2eEdge,
  categoriesFile?: string,
): { system: E2eSystem; http: HttpClient } {
  const e2e: { system: E2eSystem; http: HttpClient } = {
    system: undefined as unknown as E2eSystem,
    http: httpClient(
      (): string => `${e2e.system.url}/api/v1`,
      (actor) => e2e.system.authHeaders(actor),
    ),
  };
  beforeAll(async () => {
    e2e.system = await startE2eSystem(policyFile, tuning, calendarFile, orgFile, edge, categoriesFile);
  }, 240_000);
  // Stopping drains the action log's outbox: a file that wrote thousands of entries (the fuzz) needs its time.
  afterAll(async () => {
    await e2e.system?.stop();
  }, 300_000);
  return e2e;
}

/** A tiny HTTP client over the real network stack, sending the credentials of the actor a test names. */
export function httpClient(
  baseUrl: () => string,
  credentials: (actor: Who) => Promise<Record<string, string>>,
) {
  async function call(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<HttpResult> {
    const response = await fetch(`${baseUrl()}${path}`, {
      method,
      headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
  }
  return {
    /** A read names its reader; one that does not reads as the auditor, who may read everything. */
    get: async (path: string, actor: Who = actors.auditor) =>
      call('GET', path, undefined, await credentials(actor)),
    post: async (path: string, body: unknown, actor: Who, headers: Record<string, string> = {}) =>
      call('POST', path, body, { ...(await credentials(actor)), ...headers }),
    raw: call,
  };
}

export type HttpClient = ReturnType<typeof httpClient>;

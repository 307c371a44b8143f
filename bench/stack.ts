import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import mongoose from 'mongoose';
import { createModels, Models } from '../activities/db/models';
import { startApi } from '../api/server';
import { jiebaTextModel } from '../api/duplicates/jieba';
import { createLogger } from '../common/log';
import { ActionLogOutbox } from '../audit/actionLog/outbox';
import { createActionLogModel } from '../audit/actionLog/store';
import { CaseAuditor } from '../audit/auditor';
import { citizenRequestWorkflowType } from '../common/requests';
import { OrgDirectory } from '../domain/org';
import { watchOrgDirectory } from '../directory/live';
import { DirectoryStore } from '../directory/store';
import { parsePolicy, Policy } from '../domain/policy/policy';
import { withCalendar } from '../domain/policy/calendarFile';
import { readCalendarFile } from '../config/calendarFile';
import { readCategoryTree } from '../config/categoriesFile';
import { bundleWorkflows } from '../worker/bundle';
import { E2eServers, startE2eServers } from '../test/support/e2eServers';
import { httpClient, HttpClient } from '../test/support/e2eSystem';
import { repoRoot } from '../test/support/fixtures';
import { testIdentity, tokenCredentials } from '../test/support/credentials';
import { keyList, testKeys } from '../test/support/payloadKeys';
import { dataConverter } from '../common/payloadCodec';
import { cpuByRole, cpuSince } from './processes';
import { startWorkerProcess, WorkerProcess } from './workerProcess';

export interface StackOptions {
  /** The SLA policy the API files requests under; the default policy when not given. */
  policyFile?: string;
}

/** Everything a section drives: Temporal, the read models' store, the worker (a child process) and the API (in this process). */
export interface Stack {
  temporal: Client;
  namespace: string;
  taskQueue: string;
  policy: Policy;
  org: OrgDirectory;
  db: mongoose.Connection;
  models: Models;
  http: HttpClient;
  /** The API's origin (`http://127.0.0.1:<port>`): the console is under /console */
  url: string;
  /** The org directory's store: people with password logins are added here */
  directory: DirectoryStore;
  worker: WorkerProcess;
  /** Citizen requests Temporal holds, open or closed (its visibility count: indexed, cheap at any size). */
  storedRequests(): Promise<number>;
  /** CPU-seconds used so far per role (temporal, ferretdb, postgres, worker, bench); only those this machine runs. */
  cpu(): Record<string, number>;
  /** Waits until the worker and the store are idle, i.e. the backlog is worked off; returns how long that took. */
  settle(maxMs?: number): Promise<number>;
  stop(): Promise<void>;
}

const defaultPolicyFile = join(repoRoot, 'config', 'policy.default.json');

/** A database name of its own per stack, so a run against a given MONGODB_URI never mixes with other data. */
function withDatabase(uri: string, name: string): string {
  const url = new URL(uri);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * Starts what a section measures: the embedded servers as the e2e tests run them (unless
 * TEMPORAL_ADDRESS and MONGODB_URI name servers to use), the production worker entry point in a
 * child process on a fresh task queue, and the real API in this process on a free port.
 */
export async function startStack(options: StackOptions, log: (line: string) => void): Promise<Stack> {
  const given = { temporal: process.env.TEMPORAL_ADDRESS, mongo: process.env.MONGODB_URI };
  const servers = given.temporal && given.mongo ? undefined : await startE2eServers();
  try {
    return await startOn(servers, given, options, log);
  } catch (err) {
    await servers?.stop(); // a half-started stack must not outlive its section
    throw err;
  }
}

async function startOn(
  servers: E2eServers | undefined,
  given: { temporal?: string; mongo?: string },
  options: StackOptions,
  log: (line: string) => void,
): Promise<Stack> {
  const stamp = Date.now().toString(36);
  const temporalAddress = given.temporal ?? servers!.temporalAddress;
  const namespace = given.temporal ? (process.env.TEMPORAL_NAMESPACE ?? 'lianxin') : servers!.namespace;
  const mongoUri = given.mongo
    ? withDatabase(given.mongo, `lianxin_bench_${stamp}`)
    : `${servers!.mongoUri}/lianxin`;
  const taskQueue = `bench-${stamp}`;
  const archiveDir = mkdtempSync(join(tmpdir(), 'lianxin-bench-archive-'));
  const markers = servers ? [servers.dataDir] : [];
  // The worker process and this one encrypt payloads with the same fresh key.
  const keys = testKeys();

  // The worker prepares the store (indexes) at start, as in production; the API here starts after it.
  const worker = await startWorkerProcess(
    {
      TEMPORAL_ADDRESS: temporalAddress,
      TEMPORAL_NAMESPACE: namespace,
      TEMPORAL_TASK_QUEUE: taskQueue,
      MONGODB_URI: mongoUri,
      ARCHIVE_DIR: archiveDir,
      PAYLOAD_KEYS: keyList(keys),
      ...(servers?.postgresUrl ? { FERRETDB_POSTGRES_URL: servers.postgresUrl } : {}),
    },
    log,
  );
  // A section's own policy carries its own calendar; the default one gets the calendar file, as in production.
  const policy = options.policyFile
    ? parsePolicy(JSON.parse(readFileSync(options.policyFile, 'utf8')))
    : withCalendar(
        parsePolicy(JSON.parse(readFileSync(defaultPolicyFile, 'utf8'))),
        readCalendarFile(join(repoRoot, 'config', 'calendar.cn.json')),
      );
  const db = await mongoose.createConnection(mongoUri).asPromise();
  const models = createModels(db);
  const directory = watchOrgDirectory({
    store: new DirectoryStore(db),
    policy,
    orgFile: join(repoRoot, 'config', 'org.default.json'),
    refreshMs: 5_000,
    onError: (err) => log(`org directory not refreshed: ${err.message}`),
  });
  await directory.refresh();
  const { org } = directory;
  const identity = testIdentity();
  const connection = await Connection.connect({ address: temporalAddress });
  const temporal = new Client({ connection, namespace, dataConverter: dataConverter(keys) });
  const auditor = new CaseAuditor({ temporal, archiveDir, keys }, () => bundleWorkflows());
  const actionLogOutbox = new ActionLogOutbox(mkdtempSync(join(tmpdir(), 'lianxin-bench-outbox-')));
  const api = await startApi(
    {
      temporal,
      db,
      models,
      actionLog: createActionLogModel(db),
      actionLogOutbox,
      auditor,
      policy,
      // A tree every bench policy fits: the bench files by SLA class.
      categories: readCategoryTree(join(repoRoot, 'test', 'e2e', 'categories.short.json'), policy),
      org,
      directory,
      identity,
      taskQueue,
      log: createLogger({ level: 'warn' }),
      // One loopback address and a few users drive the load: the bench measures the system, not the limits.
      rateLimits: { perIpPerMinute: 1_000_000, perUserPerMinute: 1_000_000 },
      text: jiebaTextModel(),
    },
    '127.0.0.1',
    0,
  );

  const cpu = () => cpuByRole(worker.pid, markers);
  return {
    temporal,
    namespace,
    taskQueue,
    policy,
    org,
    db,
    models,
    worker,
    cpu,
    http: httpClient(() => `${api.url}/api/v1`, tokenCredentials(directory.store, identity.issuer)),
    url: api.url,
    directory: directory.store,
    storedRequests: async () =>
      (
        await temporal.workflow.count(
          `WorkflowType = '${citizenRequestWorkflowType}' AND TaskQueue = '${taskQueue}'`,
        )
      ).count,
    async settle(maxMs = 600_000) {
      const started = Date.now();
      let before = cpu();
      while (Date.now() - started < maxMs) {
        await new Promise((r) => setTimeout(r, 2_000));
        const after = cpu();
        // Temporal's own housekeeping and this process never go fully quiet; the worker and the store do.
        const busy = Object.entries(cpuSince(before, after))
          .filter(([role]) => role !== 'bench' && role !== 'temporal')
          .reduce((n, [, s]) => n + s, 0);
        if (busy < 0.15) return Date.now() - started;
        before = after;
      }
      log(`not settled after ${maxMs} ms`);
      return Date.now() - started;
    },
    async stop() {
      directory.stop();
      await api.stop();
      await worker.stop();
      await connection.close();
      if (given.mongo) await db.dropDatabase().catch(() => undefined);
      await db.close();
      await servers?.stop();
      rmSync(archiveDir, { recursive: true, force: true });
    },
  };
}

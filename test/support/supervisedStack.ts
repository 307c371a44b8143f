import { once } from 'node:events';
import fs from 'node:fs';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import mongoose from 'mongoose';
import { createModels, Models } from '../../activities/db/models';
import { createActionLogModel } from '../../audit/actionLog/store';
import { dataConverter } from '../../common/payloadCodec';
import { PayloadKeys } from '../../config/payloadKeys';
import { freePort, spawnChild } from '../../scripts/servers';
import { httpClient } from './e2eSystem';
import { repoRoot } from './fixtures';
import { testIdentity, tokenCredentials } from './credentials';
import { DirectoryStore } from '../../directory/store';

export type ServiceName = 'temporal' | 'postgresql' | 'ferretdb' | 'worker' | 'api';

/** Each webhook call the receiver got, by its Idempotency-Key. */
export type WebhookDeliveries = Map<string, number>;

/**
 * `npm start` as an operator runs it (scripts/start.ts: the supervisor, the embedded servers, the
 * worker and the API as processes), in a temp DATA_DIR on free ports, with a webhook receiver.
 * The test reads the supervisor's lines for each service's pid, so it can kill one as a crash would.
 */
export async function startSupervisedStack(policyFile: string) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lianxin-faults-'));
  const deliveries: WebhookDeliveries = new Map();
  const receiver: Server = createServer((req, res) => {
    const key = String(req.headers['idempotency-key']);
    req.resume().on('end', () => {
      deliveries.set(key, (deliveries.get(key) ?? 0) + 1);
      res.writeHead(204).end();
    });
  }).listen(0, '127.0.0.1');
  await once(receiver, 'listening');

  const ports = {
    api: await freePort(),
    temporal: await freePort(),
    ferretdb: await freePort(),
    sdkMetrics: await freePort(),
    metrics: await freePort(),
  };
  const env = {
    ...process.env,
    DATA_DIR: dataDir,
    ARCHIVE_DIR: path.join(dataDir, 'archive'),
    ACTION_LOG_SPOOL_DIR: path.join(dataDir, 'action-log-spool'),
    POLICY_FILE: policyFile,
    // The default tree names SLA classes the short policy lacks; the API refuses a tree that does not fit.
    CATEGORIES_FILE: path.join(repoRoot, 'test', 'e2e', 'categories.short.json'),
    API_PORT: String(ports.api),
    TEMPORAL_DEV_PORT: String(ports.temporal),
    TEMPORAL_UI_PORT: '0',
    FERRETDB_PORT: String(ports.ferretdb),
    WORKER_SDK_METRICS_ADDRESS: `127.0.0.1:${ports.sdkMetrics}`,
    WORKER_METRICS_ADDRESS: `127.0.0.1:${ports.metrics}`,
    // Long enough for a test to see a dependency down before the supervisor brings it back.
    SUPERVISOR_RESTART_DELAY_MS: '3000',
    WEBHOOK_URL: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`,
  };
  for (const name of [
    'TEMPORAL_ADDRESS',
    'MONGODB_URI',
    'FERRETDB_POSTGRES_URL',
    'PAYLOAD_KEYS',
    'PAYLOAD_KEYS_FILE',
  ])
    delete (env as Record<string, unknown>)[name];

  const pids = new Map<ServiceName, number>();
  const lines: string[] = [];
  // When each service last restarted, and last took a SIGKILL: a restart may land before a test asks for it.
  const restartedAt = new Map<string, number>();
  const killedAt = new Map<string, number>();
  const waiters = new Set<{ pattern: RegExp; resolve: (line: string) => void }>();
  // Outside dataDir, which stop() removes: what every process said stays for a failed run's reader.
  const logFile = `${dataDir}.log`;
  const supervisor = spawnChild(
    process.execPath,
    [require.resolve('ts-node/dist/bin.js'), '--transpile-only', 'scripts/start.ts'],
    {
      cwd: repoRoot,
      env,
      onLine: (line) => {
        fs.appendFileSync(logFile, `${line}\n`);
        const started = /^\[supervisor\] (\w+) (?:started|restarted) \(pid (\d+)\)/.exec(line);
        if (started) pids.set(started[1] as ServiceName, Number(started[2]));
        if (started && line.includes(' restarted ')) restartedAt.set(started[1], Date.now());
        if (line.startsWith('[supervisor]') || line.startsWith('Lianxin is running')) lines.push(line);
        for (const waiter of waiters) {
          if (!waiter.pattern.test(line)) continue;
          waiters.delete(waiter);
          waiter.resolve(line);
        }
      },
    },
  );
  /** The next supervisor line matching `pattern`, from now on. */
  const nextLine = (pattern: RegExp, timeoutMs: number) =>
    new Promise<string>((resolve, reject) => {
      const waiter = { pattern, resolve };
      waiters.add(waiter);
      setTimeout(
        () =>
          waiters.delete(waiter) &&
          reject(new Error(`no line matching ${pattern} within ${timeoutMs} ms; see ${logFile}`)),
        timeoutMs,
      ).unref();
    });
  await nextLine(/^Lianxin is running/, 240_000);

  const temporalAddress = `127.0.0.1:${ports.temporal}`;
  const connection = await Connection.connect({ address: temporalAddress });
  // The key npm start made in the data folder, as an operator's tools would read it.
  const keys = PayloadKeys.load({
    PAYLOAD_KEYS: '',
    PAYLOAD_KEYS_FILE: path.join(dataDir, 'keys', 'payload-keys.json'),
  });
  const temporal = new Client({ connection, namespace: 'lianxin', dataConverter: dataConverter(keys) });
  const db = await mongoose
    .createConnection(`mongodb://127.0.0.1:${ports.ferretdb}/lianxin`, { serverSelectionTimeoutMS: 60_000 })
    .asPromise();
  const models: Models = createModels(db);

  return {
    // The API made its built-in issuer's key in DATA_DIR/auth at start: tokens signed with it verify there.
    http: httpClient(
      () => `http://127.0.0.1:${ports.api}/api/v1`,
      tokenCredentials(new DirectoryStore(db), testIdentity(path.join(dataDir, 'auth')).issuer),
    ),
    temporal,
    models,
    actionLog: createActionLogModel(db),
    deliveries,
    /** The supervisor's own lines so far: starts, exits, restarts. */
    lines,
    nextLine,
    /** SIGKILL, as a crash or the OOM killer would; answers the time it was sent. */
    kill(name: ServiceName, signal: NodeJS.Signals = 'SIGKILL'): number {
      const pid = pids.get(name);
      if (!pid) throw new Error(`no pid for ${name}`);
      process.kill(pid, signal);
      if (signal === 'SIGKILL') killedAt.set(name, Date.now());
      return Date.now();
    },
    /** Resolves when the supervisor has restarted `name` since its last SIGKILL, with the time it did. */
    async restarted(name: ServiceName, timeoutMs = 180_000): Promise<number> {
      const since = killedAt.get(name) ?? 0;
      const done = restartedAt.get(name);
      if (done !== undefined && done >= since) return done;
      await nextLine(new RegExp(`^\\[supervisor\\] ${name} restarted`), timeoutMs);
      return restartedAt.get(name)!;
    },
    async stop(): Promise<void> {
      await connection.close();
      await db.close();
      await supervisor.stop(60_000);
      receiver.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export type SupervisedStack = Awaited<ReturnType<typeof startSupervisedStack>>;

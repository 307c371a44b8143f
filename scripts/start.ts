import path from 'node:path';
import mongoose from 'mongoose';
import { Env, loadEnvOrExit } from '../config/env';
import { demoPeopleFile, hasPeople, seedDemoCounty } from '../directory/seed';
import { DirectoryStore } from '../directory/store';
import { ensureKeyFile } from '../config/payloadKeys';
import {
  freePort,
  ServerProcess,
  spawnChild,
  startFerretDbProcess,
  startPostgres,
  startTemporalDevServer,
  waitUntil,
} from './servers';
import { defaultRestartPolicy, Service, Supervisor } from './supervisor';

/**
 * `npm start`: the embedded Temporal dev server and FerretDB over PostgreSQL (unless TEMPORAL_ADDRESS /
 * MONGODB_URI point elsewhere), then the worker and the API, each kept running by the supervisor:
 * one that dies is restarted with backoff. Ctrl-C stops them in reverse order. Everything persists
 * under DATA_DIR, so a restart finds every case where it was.
 */
const ROOT = path.resolve(__dirname, '..');
const TS_NODE = require.resolve('ts-node/dist/bin.js');

const say = (line: string) => console.log(`[supervisor] ${line}`);
let supervisor: Supervisor | undefined;
let stopping: Promise<never> | undefined;

function shutdown(code: number): Promise<never> {
  stopping ??= (supervisor?.stopAll() ?? Promise.resolve()).then(() => process.exit(code));
  return stopping; // a second Ctrl-C waits for the first shutdown
}

/** When a Node service is ready: it logged a line containing `logLine`, or `probe` answers true. */
type Readiness = { logLine: string } | { probe: () => Promise<boolean> };

/** A TypeScript entry point with the app's env, its output on the console, prefixed. */
function nodeService(name: string, entry: string, env: NodeJS.ProcessEnv, readiness: Readiness): Service {
  return {
    name,
    async start(): Promise<ServerProcess> {
      let logged = false;
      const child = spawnChild(process.execPath, [TS_NODE, '--transpile-only', entry], {
        cwd: ROOT,
        env,
        onLine: (line, stream) => {
          // JSON lines (the worker's and the API's logs) stay JSON for whatever collects them; they name their process.
          (stream === 'stderr' ? console.error : console.log)(
            line.startsWith('{') ? line : `[${name}] ${line}`,
          );
          if ('logLine' in readiness) logged ||= line.includes(readiness.logLine);
        },
      });
      await waitUntil(
        name,
        child,
        async () => ('logLine' in readiness ? logged : readiness.probe()),
        180_000,
      );
      return { pid: child.pid, exited: child.exited, stop: () => child.stop(35_000) }; // the worker drains its in-flight tasks
    },
  };
}

async function startEmbeddedServers(
  supervisor: Supervisor,
  env: Env,
  childEnv: NodeJS.ProcessEnv,
): Promise<string | undefined> {
  const data = path.resolve(ROOT, env.DATA_DIR);
  let temporalUi: string | undefined;
  if (!process.env.TEMPORAL_ADDRESS) {
    const options = {
      port: env.TEMPORAL_DEV_PORT,
      uiPort: env.TEMPORAL_UI_PORT || undefined,
      uiCodecEndpoint: `http://${env.API_HOST}:${env.API_PORT}/api/v1/codec`,
      dbFile: path.join(data, 'temporal.db'),
      namespace: env.TEMPORAL_NAMESPACE,
    };
    const temporal = await supervisor.start({
      name: 'temporal',
      start: () => startTemporalDevServer(options),
    });
    childEnv.TEMPORAL_ADDRESS = `127.0.0.1:${env.TEMPORAL_DEV_PORT}`;
    temporalUi = temporal.uiUrl;
  }
  if (!process.env.MONGODB_URI) {
    // PostgreSQL keeps one port for the whole run: FerretDB's pool reconnects to it after a restart.
    const postgres = { port: await freePort(), dataDir: path.join(data, 'ferretdb', 'postgres') };
    const postgresUrl = `postgres://lianxin@127.0.0.1:${postgres.port}/postgres`;
    await supervisor.start({ name: 'postgresql', start: () => startPostgres(postgres) });
    await supervisor.start({
      name: 'ferretdb',
      start: () =>
        startFerretDbProcess({ port: env.FERRETDB_PORT, dataDir: path.join(data, 'ferretdb'), postgresUrl }),
    });
    childEnv.MONGODB_URI = `mongodb://127.0.0.1:${env.FERRETDB_PORT}/lianxin`;
    childEnv.FERRETDB_POSTGRES_URL = postgresUrl;
  }
  return temporalUi && `${temporalUi}/namespaces/${env.TEMPORAL_NAMESPACE}/workflows`;
}

/** A directory with nobody in it (a new install) gets the demo county, so logging in works out of the box. */
async function seedWhenEmpty(mongoUri: string, orgFile: string): Promise<void> {
  const db = await mongoose.createConnection(mongoUri, { serverSelectionTimeoutMS: 60_000 }).asPromise();
  try {
    const store = new DirectoryStore(db);
    if (await hasPeople(store)) return;
    const seeded = await seedDemoCounty(store, { orgFile, peopleFile: path.resolve(ROOT, demoPeopleFile) });
    say(
      `org directory was empty: seeded the demo county (${seeded.peopleAdded} people, see README "Demo users")`,
    );
  } finally {
    await db.close();
  }
}

async function main(): Promise<void> {
  const env = loadEnvOrExit();
  supervisor = new Supervisor(say, () => void shutdown(1), {
    ...defaultRestartPolicy,
    firstDelayMs: env.SUPERVISOR_RESTART_DELAY_MS,
  });
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(sig, () => void shutdown(0));
  // Before any process starts: the worker and the API read the same keys, and only this one makes them.
  if (!env.PAYLOAD_KEYS && ensureKeyFile(path.resolve(ROOT, env.PAYLOAD_KEYS_FILE)).created)
    say(
      `made a payload key in ${env.PAYLOAD_KEYS_FILE}: keep a copy, or nothing encrypted with it reads again`,
    );
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    ...Object.fromEntries(Object.entries(env).map(([k, v]) => [k, String(v)])),
  };
  const temporalUi = await startEmbeddedServers(supervisor, env, childEnv);
  await seedWhenEmpty(childEnv.MONGODB_URI!, path.resolve(ROOT, env.ORG_FILE));

  await supervisor.start(nodeService('worker', 'worker/main.ts', childEnv, { logLine: 'worker running' }));
  const base = `http://${env.API_HOST}:${env.API_PORT}/api/v1`;
  await supervisor.start(
    nodeService('api', 'api/main.ts', childEnv, { probe: async () => (await fetch(`${base}/healthz`)).ok }),
  );

  const external = temporalUi ? '' : ' (external)';
  console.log(
    [
      '',
      'Lianxin is running',
      `  Console:      http://${env.API_HOST}:${env.API_PORT}/console/  (demo users: README, password lianxin-demo)`,
      `  API:          ${base}`,
      `  API reference: http://${env.API_HOST}:${env.API_PORT}/api/reference/`,
      `  OpenAPI:      ${base}/openapi.json`,
      `  Readiness:    ${base}/readyz`,
      ...(temporalUi ? [`  Temporal UI:  ${temporalUi}`] : []),
      `  Temporal:     ${childEnv.TEMPORAL_ADDRESS}${external}, namespace ${env.TEMPORAL_NAMESPACE}`,
      `  MongoDB:      ${childEnv.MONGODB_URI!.replace(/\/\/[^@/]*@/, '//***@')}`, // no password on screen
      `Ctrl-C stops everything; data stays in ${env.DATA_DIR}/`,
      '',
    ].join('\n'),
  );
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  void shutdown(1);
});

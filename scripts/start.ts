import path from 'node:path';
import { loadEnvOrExit } from '../config/env';
import { Child, spawnChild, startFerretDb, startTemporalDevServer, waitUntil } from './servers';

/**
 * `npm start`: the embedded Temporal dev server and FerretDB (unless TEMPORAL_ADDRESS / MONGODB_URI
 * point elsewhere), then the worker and the API; Ctrl-C stops them in reverse order. Everything
 * persists under .data/, so a restart finds every case where it was.
 */
const ROOT = path.resolve(__dirname, '..');
const DATA = path.join(ROOT, '.data');
const TS_NODE = require.resolve('ts-node/dist/bin.js');

const running: { name: string; stop: () => Promise<void> }[] = [];
let stopping = false;

async function shutdown(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    for (const s of running.reverse()) {
      console.log(`stopping ${s.name}`);
      await s.stop().catch((err) => console.error(`${s.name}: ${err}`));
    }
    process.exit(code);
  }
  return new Promise<never>(() => {}); // a second Ctrl-C waits for the first shutdown
}

/** Runs a TypeScript entry point with the app's env; its output goes to the console, prefixed. */
function startNode(name: string, entry: string, env: NodeJS.ProcessEnv, onLine?: (l: string) => void): Child {
  const child = spawnChild(process.execPath, [TS_NODE, '--transpile-only', entry], {
    cwd: ROOT,
    env,
    onLine: (line, stream) => {
      (stream === 'stderr' ? console.error : console.log)(`[${name}] ${line}`);
      onLine?.(line);
    },
  });
  running.push({ name, stop: () => child.stop(35_000) }); // the worker drains its in-flight tasks
  // A process that dies on its own takes the others down: half an app is worse than none.
  void child.exited.then((code) => {
    if (stopping) return;
    console.error(`${name} exited (${code}); stopping everything`);
    void shutdown(1);
  });
  return child;
}

async function main(): Promise<void> {
  const env = loadEnvOrExit();
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(sig, () => void shutdown(0));
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...Object.fromEntries(Object.entries(env).map(([k, v]) => [k, String(v)])) };
  let temporalUi: string | undefined;

  if (!process.env.TEMPORAL_ADDRESS) {
    const temporal = await startTemporalDevServer({
      port: 7233, uiPort: 8233, dbFile: path.join(DATA, 'temporal.db'), namespace: env.TEMPORAL_NAMESPACE,
    });
    running.push({ name: 'temporal dev server', stop: temporal.stop });
    childEnv.TEMPORAL_ADDRESS = temporal.address;
    temporalUi = `${temporal.uiUrl}/namespaces/${env.TEMPORAL_NAMESPACE}/workflows`;
  }
  if (!process.env.MONGODB_URI) {
    const ferret = await startFerretDb({ port: 27017, dataDir: path.join(DATA, 'ferretdb') });
    running.push({ name: 'ferretdb and postgresql', stop: ferret.stop });
    childEnv.MONGODB_URI = `${ferret.uri}/lianxin`;
    childEnv.FERRETDB_POSTGRES_URL = ferret.postgresUrl;
  }

  let workerUp = false;
  const worker = startNode('worker', 'worker/main.ts', childEnv, (l) => (workerUp ||= l.includes('worker running')));
  await waitUntil('worker', worker, async () => workerUp, 180_000);

  const api = startNode('api', 'api/main.ts', childEnv);
  const base = `http://${env.API_HOST}:${env.API_PORT}/api/v1`;
  await waitUntil('api', api, async () => (await fetch(`${base}/healthz`)).status === 200, 120_000);

  const external = temporalUi ? '' : ' (external)';
  console.log(
    [
      '',
      'Lianxin is running',
      `  API:          ${base}`,
      `  OpenAPI:      ${base}/openapi.json`,
      ...(temporalUi ? [`  Temporal UI:  ${temporalUi}`] : []),
      `  Temporal:     ${childEnv.TEMPORAL_ADDRESS}${external}, namespace ${env.TEMPORAL_NAMESPACE}`,
      `  MongoDB:      ${childEnv.MONGODB_URI!.replace(/\/\/[^@/]*@/, '//***@')}`, // no password on screen
      'Ctrl-C stops everything; data stays in .data/',
      '',
    ].join('\n'),
  );
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  void shutdown(1);
});

import { spawn, ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time';
import mongoose from 'mongoose';
import pg from 'pg';

/**
 * Starts the embedded servers (and, for scripts/start.ts, any child process) and stops them.
 * Every child gets its own process group, so a Ctrl-C reaches only the parent, which then stops the
 * children in order; on Linux `setpriv --pdeathsig` also kills a child whose parent died abruptly
 * (SIGKILL, jest killed), which an 'exit' hook alone cannot do.
 */
export const TOOLS_BIN = path.resolve(__dirname, '../.tools/bin');

export interface Child {
  pid: number;
  /** Resolves with the exit code (or signal name) when the process has exited. */
  exited: Promise<number | string>;
  /** SIGTERM to the process group, SIGKILL after `graceMs`; resolves once it has exited. */
  stop(graceMs?: number): Promise<void>;
}

export interface SpawnOptions {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Append stdout and stderr to this file... */
  logFile?: string;
  /** ...or receive them line by line. */
  onLine?: (line: string, stream: 'stdout' | 'stderr') => void;
  /** What stop() sends first; PostgreSQL's SIGTERM waits for every client to leave, its SIGINT does not. */
  stopSignal?: NodeJS.Signals;
}

// The exit hook is registered only while children live: jest loads this module once per test file.
const live = new Set<ChildProcess>();
const onExit = () => live.forEach((c) => killGroup(c, 'SIGTERM'));
function track(c: ChildProcess): void {
  if (live.size === 0) process.on('exit', onExit);
  live.add(c);
}
function untrack(c: ChildProcess): void {
  if (live.delete(c) && live.size === 0) process.off('exit', onExit);
}

function killGroup(c: ChildProcess, signal: NodeJS.Signals): void {
  try {
    process.kill(-c.pid!, signal);
  } catch {
    /* already gone */
  }
}

const RUN_MARKER = '=== started ';
const pdeathsig = process.platform === 'linux' && fs.existsSync('/usr/bin/setpriv');

export function spawnChild(command: string, args: string[], opts: SpawnOptions = {}): Child {
  const [cmd, argv] = pdeathsig
    ? ['/usr/bin/setpriv', ['--pdeathsig', 'TERM', '--', command, ...args]]
    : [command, args];
  // Logs are appended across restarts; the marker lets tail() show only this run.
  if (opts.logFile) fs.appendFileSync(opts.logFile, `${RUN_MARKER}${new Date().toISOString()} ${command}\n`);
  const fd = opts.logFile ? fs.openSync(opts.logFile, 'a') : undefined;
  const out = fd ?? (opts.onLine ? 'pipe' : 'ignore');
  const child = spawn(cmd, argv, {
    cwd: opts.cwd,
    env: opts.env ?? process.env,
    detached: true,
    stdio: ['ignore', out, out],
  });
  if (fd !== undefined) fs.closeSync(fd);
  for (const stream of ['stdout', 'stderr'] as const) {
    let buf = '';
    child[stream]?.setEncoding('utf8').on('data', (chunk: string) => {
      const lines = (buf + chunk).split('\n');
      buf = lines.pop()!;
      lines.forEach((l) => opts.onLine!(l, stream));
    });
  }
  track(child);
  const exited = new Promise<number | string>((resolve) => {
    child.on('exit', (code, signal) => {
      untrack(child);
      resolve(code ?? signal ?? -1);
    });
    child.on('error', () => {
      untrack(child);
      resolve(-1);
    });
  });
  let stopping: Promise<void> | undefined;
  const stop = (graceMs = 15_000) =>
    (stopping ??= (async () => {
      if (!live.has(child)) return;
      killGroup(child, opts.stopSignal ?? 'SIGTERM');
      const timer = setTimeout(() => killGroup(child, 'SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    })());
  return { pid: child.pid ?? -1, exited, stop };
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer().unref();
    srv.on('error', reject).listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export function tail(file: string, lines = 30): string {
  try {
    const text = fs.readFileSync(file, 'utf8');
    return text
      .slice(Math.max(0, text.lastIndexOf(RUN_MARKER)))
      .trimEnd()
      .split('\n')
      .slice(-lines)
      .join('\n');
  } catch {
    return '(no log)';
  }
}

/** Polls `ready` until it returns true; fails early if the child exits, or after `timeoutMs`. */
export async function waitUntil(
  what: string,
  child: Child,
  ready: () => Promise<boolean>,
  timeoutMs: number,
  logFile?: string,
): Promise<void> {
  let exitedWith: number | string | undefined;
  void child.exited.then((c) => (exitedWith = c));
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exitedWith !== undefined || Date.now() > deadline) {
      await child.stop(2_000);
      const why = exitedWith !== undefined ? `exited (${exitedWith})` : `not ready after ${timeoutMs} ms`;
      throw new Error(`${what} ${why}` + (logFile ? `; last lines of ${logFile}:\n${tail(logFile)}` : ''));
    }
    if (await ready().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 250));
  }
}

function bin(name: string): string {
  const p = path.join(TOOLS_BIN, name);
  if (!fs.existsSync(p)) throw new Error(`${p} is missing: run \`npm run tools\` (scripts/install-tools.sh)`);
  return p;
}

export interface TemporalDevServerOptions {
  port: number;
  /** Web UI port; without it the server runs headless. */
  uiPort?: number;
  /** Where the web UI sends payloads to decode (the API's /codec); without it the UI shows them encrypted. */
  uiCodecEndpoint?: string;
  /** SQLite file for persistence; without it everything is in memory. */
  dbFile?: string;
  namespace: string;
  /** Retention of closed workflows in `namespace`; the dev server creates it with 1 day. */
  retentionDays?: number;
  /** `--dynamic-config-value KEY=VALUE`, each value JSON-encoded. */
  dynamicConfig?: Record<string, string | number | boolean>;
  /** Defaults to temporal.log beside dbFile, or in a fresh temp dir. */
  logFile?: string;
}

/** A server process of ours: its pid, its exit, and an orderly stop. */
export interface ServerProcess {
  pid: number;
  exited: Promise<number | string>;
  stop(): Promise<void>;
}

export interface TemporalDevServer extends ServerProcess {
  address: string;
  namespace: string;
  uiUrl?: string;
  logFile: string;
}

export async function startTemporalDevServer(o: TemporalDevServerOptions): Promise<TemporalDevServer> {
  const logFile =
    o.logFile ??
    path.join(
      o.dbFile ? path.dirname(o.dbFile) : fs.mkdtempSync(path.join(os.tmpdir(), 'temporal-')),
      'temporal.log',
    );
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  const address = `127.0.0.1:${o.port}`;
  const args = [
    'server',
    'start-dev',
    '--ip',
    '127.0.0.1',
    '--port',
    String(o.port),
    '--namespace',
    o.namespace,
    '--log-level',
    'warn',
  ];
  // The CLI would otherwise read TEMPORAL_* variables and ~/.config: the app's own settings are not its.
  args.push('--disable-config-env', '--disable-config-file');
  args.push(...(o.uiPort ? ['--ui-port', String(o.uiPort)] : ['--headless']));
  if (o.uiPort && o.uiCodecEndpoint) args.push('--ui-codec-endpoint', o.uiCodecEndpoint);
  if (o.dbFile) args.push('--db-filename', o.dbFile);
  for (const [k, v] of Object.entries(o.dynamicConfig ?? {}))
    args.push('--dynamic-config-value', `${k}=${JSON.stringify(v)}`);
  const child = spawnChild(bin('temporal'), args, { logFile });

  let connection: Connection | undefined;
  const ready = async () => {
    connection ??= await Connection.connect({ address, connectTimeout: 1_000 });
    await connection.workflowService.describeNamespace({ namespace: o.namespace });
    return true;
  };
  try {
    await waitUntil(`temporal dev server on ${address}`, child, ready, 60_000, logFile);
    // The dev server creates --namespace with a 1-day retention; cases must outlive that by years.
    const workflowExecutionRetentionTtl = msToTs((o.retentionDays ?? 3650) * 86_400_000);
    await connection!.workflowService.updateNamespace({
      namespace: o.namespace,
      config: { workflowExecutionRetentionTtl },
    });
  } catch (err) {
    await child.stop();
    throw err;
  } finally {
    await connection?.close();
  }
  return {
    address,
    namespace: o.namespace,
    uiUrl: o.uiPort ? `http://127.0.0.1:${o.uiPort}` : undefined,
    logFile,
    pid: child.pid,
    exited: child.exited,
    stop: () => child.stop(),
  };
}

export interface Postgres extends ServerProcess {
  /** postgres://… of the database FerretDB keeps its collections in (one schema per MongoDB database) */
  url: string;
  logFile: string;
}

/** PostgreSQL refuses to run as root: as root, the cluster belongs to `nobody` and runs as it. */
function asUnprivileged(dir: string): { wrap: (cmd: string, args: string[]) => [string, string[]] } {
  if (process.getuid?.() !== 0) return { wrap: (cmd, args) => [cmd, args] };
  const nobody = 65534;
  fs.chownSync(dir, nobody, nobody);
  // Every folder above it must be searchable by that user (mkdtemp makes 0700 ones).
  for (let up = path.dirname(dir); up !== path.dirname(up); up = path.dirname(up)) {
    const mode = fs.statSync(up).mode;
    if ((mode & 0o001) === 0) fs.chmodSync(up, mode | 0o011);
  }
  // The real binary, not .tools/bin's link to it: the checkout may sit under a folder that user cannot enter.
  return {
    wrap: (cmd, args) => [
      '/usr/bin/setpriv',
      [`--reuid=${nobody}`, `--regid=${nobody}`, '--clear-groups', '--', fs.realpathSync(cmd), ...args],
    ],
  };
}

/**
 * Debian's PostgreSQL (linked into .tools/bin by install-tools), one cluster per data directory,
 * created on first start, listening on loopback only with trust authentication for its one user.
 * `durable: false` (tests) turns off fsync: a crashed test machine loses its throwaway data.
 */
export async function startPostgres(o: {
  port: number;
  dataDir: string;
  durable?: boolean;
}): Promise<Postgres> {
  const dataDir = path.resolve(o.dataDir);
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const logFile = path.join(path.dirname(dataDir), 'postgres.log');
  const user = asUnprivileged(dataDir);
  if (!fs.existsSync(path.join(dataDir, 'PG_VERSION'))) {
    const [cmd, args] = user.wrap(bin('initdb'), [
      '-D',
      dataDir,
      '-U',
      'lianxin',
      '--auth=trust',
      '--encoding=UTF8',
      '--no-locale',
      '--no-instructions',
    ]);
    const init = spawnChild(cmd, args, { logFile });
    const code = await init.exited;
    if (code !== 0)
      throw new Error(`initdb ${dataDir} exited (${code}); last lines of ${logFile}:\n${tail(logFile)}`);
  }
  const settings = [
    'listen_addresses=127.0.0.1',
    `unix_socket_directories=${dataDir}`,
    'max_connections=200',
  ];
  if (o.durable === false) settings.push('fsync=off', 'synchronous_commit=off', 'full_page_writes=off');
  const [cmd, args] = user.wrap(bin('postgres'), [
    '-D',
    dataDir,
    '-p',
    String(o.port),
    ...settings.flatMap((s) => ['-c', s]),
  ]);
  const child = spawnChild(cmd, args, { logFile, stopSignal: 'SIGINT' });
  const url = `postgres://lianxin@127.0.0.1:${o.port}/postgres`;
  const ready = async () => {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1_000 });
    try {
      await client.connect();
      await client.query('SELECT 1');
      return true;
    } finally {
      await client.end().catch(() => undefined);
    }
  };
  await waitUntil(`postgres on 127.0.0.1:${o.port}`, child, ready, 60_000, logFile);
  return { url, logFile, pid: child.pid, exited: child.exited, stop: () => child.stop() };
}

export interface FerretDb {
  /** Without a database name: append `/<db>`. */
  uri: string;
  /** The PostgreSQL database behind it (the postgresql backend), for the indexes FerretDB cannot make */
  postgresUrl?: string;
  logFile: string;
  stop(): Promise<void>;
}

export interface FerretDbOptions {
  port: number;
  dataDir: string;
  /**
   * postgresql (the default): its own PostgreSQL in dataDir/postgres, where equality filters are
   * pushed down and GIN indexes serve them. sqlite: one file per database, every filter but a plain
   * `_id` decoded in Go (kept for comparison in the benchmark).
   */
  backend?: 'postgresql' | 'sqlite';
  /** false: PostgreSQL without fsync, for throwaway test data */
  durable?: boolean;
}

/** Below PostgreSQL's max_connections (200), leaving room for the app's own index client. */
const ferretDbPoolSize = 180;

/** FerretDB with its own PostgreSQL in dataDir/postgres (or its SQLite files); stop() stops both. */
export async function startFerretDb(o: FerretDbOptions): Promise<FerretDb> {
  const dataDir = path.resolve(o.dataDir);
  const postgres =
    o.backend === 'sqlite'
      ? undefined
      : await startPostgres({
          port: await freePort(),
          dataDir: path.join(dataDir, 'postgres'),
          durable: o.durable,
        });
  try {
    const ferret = await startFerretDbProcess({ port: o.port, dataDir, postgresUrl: postgres?.url });
    return {
      ...ferret,
      postgresUrl: postgres?.url,
      stop: async () => {
        await ferret.stop();
        await postgres?.stop();
      },
    };
  } catch (err) {
    await postgres?.stop();
    throw err;
  }
}

export interface FerretDbProcess extends ServerProcess {
  uri: string;
  logFile: string;
}

/** FerretDB alone, over the given PostgreSQL database, or over SQLite files in dataDir without one. */
export async function startFerretDbProcess(o: {
  port: number;
  dataDir: string;
  postgresUrl?: string;
}): Promise<FerretDbProcess> {
  const dataDir = path.resolve(o.dataDir);
  fs.mkdirSync(dataDir, { recursive: true });
  const logFile = path.join(dataDir, 'ferretdb.log');
  // FerretDB holds a PostgreSQL connection per document an update command touches until the command
  // ends (activities/db/bulk.ts); its pool of 50 lets a few concurrent bulks wait on each other forever.
  const pooled = o.postgresUrl && `${o.postgresUrl}?pool_max_conns=${ferretDbPoolSize}`;
  const handler = pooled
    ? ['--handler=postgresql', `--postgresql-url=${pooled}`]
    : ['--handler=sqlite', `--sqlite-url=file:${dataDir}/`];
  const child = spawnChild(
    bin('ferretdb'),
    [
      ...handler,
      `--listen-addr=127.0.0.1:${o.port}`,
      `--state-dir=${dataDir}`,
      '--debug-addr=-', // its default fixed port 8088 would clash between instances
      '--telemetry=disable',
      '--log-level=warn',
    ],
    { logFile },
  );
  const uri = `mongodb://127.0.0.1:${o.port}`;
  const ready = async () => {
    const conn = mongoose.createConnection(uri, { serverSelectionTimeoutMS: 1_000 });
    try {
      await conn.asPromise();
      await conn.db!.admin().ping();
      return true;
    } finally {
      await conn.close().catch(() => undefined);
    }
  };
  await waitUntil(`ferretdb on ${uri}`, child, ready, 30_000, logFile);
  return { uri, logFile, pid: child.pid, exited: child.exited, stop: () => child.stop() };
}

import { execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { TOOLS_BIN } from '../scripts/servers';
import { Stack } from './stack';

export interface Machine {
  cores: number;
  cpu: string;
  memoryGiB: number;
  os: string;
  /** 1-minute load average when the run began: other work on the machine skews every figure. */
  loadAverage: number;
}

export function machine(): Machine {
  return {
    cores: os.cpus().length,
    cpu: os.cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()}`,
    loadAverage: Math.round(os.loadavg()[0] * 10) / 10,
  };
}

/** The versions that shape the figures; servers given by address report what they say they are. */
export async function versions(stack: Stack): Promise<Record<string, string>> {
  const system = await stack.temporal.workflowService.getSystemInfo({}).catch(() => undefined);
  const build = await stack.db
    .db!.admin()
    .command({ buildInfo: 1 })
    .catch(() => undefined);
  const cli = firstLine(path.join(TOOLS_BIN, 'temporal'), ['--version']);
  return {
    node: process.version,
    temporalServer: system?.serverVersion || 'unknown',
    ...(cli && !process.env.TEMPORAL_ADDRESS ? { temporalCli: cli } : {}),
    store: build?.ferretdbVersion
      ? `FerretDB ${build.ferretdbVersion}`
      : `MongoDB ${build?.version ?? 'unknown'}`,
    ...(build?.ferretdbVersion && !process.env.MONGODB_URI ? { storeBackend: embeddedBackend(stack) } : {}),
  };
}

/** FerretDB does not say which backend it runs on; the embedded one runs PostgreSQL as a child when it uses it. */
function embeddedBackend(stack: Stack): string {
  if (!('postgres' in stack.cpu())) return 'SQLite';
  return firstLine(path.join(TOOLS_BIN, 'postgres'), ['--version']) ?? 'PostgreSQL';
}

function firstLine(command: string, args: string[]): string | undefined {
  try {
    return execFileSync(command, args, { encoding: 'utf8' }).split('\n')[0].trim();
  } catch {
    return undefined;
  }
}

/** The code measured: the commit, and whether anything outside the benchmark itself was changed from it. */
export function codeVersion(root: string): { commit: string; dirty: boolean } {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
      cwd: root,
      encoding: 'utf8',
    }).trim();
    const changed = execFileSync(
      'git',
      ['status', '--porcelain', '--', '.', ':!bench', ':!BENCHMARKS.md', ':!node_modules', ':!.tools'],
      { cwd: root, encoding: 'utf8' },
    ).trim();
    return { commit, dirty: changed.length > 0 };
  } catch {
    return { commit: 'unknown', dirty: true };
  }
}

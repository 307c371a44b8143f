import path from 'node:path';
import { freePort, spawnChild, waitUntil } from '../scripts/servers';
import { rssMiB } from './processes';

const ROOT = path.resolve(__dirname, '..');
const TS_NODE = require.resolve('ts-node/dist/bin.js');

export interface WorkerProcess {
  pid: number;
  /** Resident memory now, and the most it has held (the kernel's high-water mark). */
  rss(): { nowMiB: number; peakMiB: number };
  stop(): Promise<void>;
}

/**
 * The production worker entry point (worker/main.ts) in its own process, as `npm start` runs it:
 * its memory and CPU are then its own, apart from the API and the load this process generates.
 */
export async function startWorkerProcess(
  env: Record<string, string>,
  log: (line: string) => void,
): Promise<WorkerProcess> {
  let running = false;
  const child = spawnChild(process.execPath, [TS_NODE, '--transpile-only', 'worker/main.ts'], {
    cwd: ROOT,
    // Its metrics on ports of its own, beside any `npm start` on this machine.
    env: {
      ...process.env,
      WEBHOOK_URL: '',
      WORKER_METRICS_ADDRESS: `127.0.0.1:${await freePort()}`,
      WORKER_SDK_METRICS_ADDRESS: `127.0.0.1:${await freePort()}`,
      ...env,
    },
    onLine: (line) => {
      running ||= line.includes('worker running');
      if (/error|warn/i.test(line)) log(`[worker] ${line}`);
    },
  });
  await waitUntil('worker', child, async () => running, 180_000);
  return { pid: child.pid, rss: () => rssMiB(child.pid), stop: () => child.stop(35_000) };
}

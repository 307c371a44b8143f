import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, startFerretDb, startTemporalDevServer } from '../../scripts/servers';

export interface E2eServers {
  temporalAddress: string;
  namespace: string;
  /** Without a database name: append `/<db>` (a fresh name per suite keeps suites apart). */
  mongoUri: string;
  /** The PostgreSQL database behind FerretDB */
  postgresUrl?: string;
  /** Where both servers keep their data and logs; removed by stop() */
  dataDir: string;
  stop(): Promise<void>;
}

/**
 * A real Temporal dev server (in memory, headless) and FerretDB over PostgreSQL in a fresh temp dir on free ports,
 * so end-to-end suites never meet each other's data or a developer's `npm start`.
 * `dynamicConfig` e.g. { 'limit.historyCount.suggestContinueAsNew': 40 } to test continue-as-new.
 */
export async function startE2eServers(
  opts: { namespace?: string; dynamicConfig?: Record<string, string | number | boolean> } = {},
): Promise<E2eServers> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lianxin-e2e-'));
  const namespace = opts.namespace ?? 'lianxin';
  const started = await Promise.allSettled([
    startTemporalDevServer({
      port: await freePort(),
      namespace,
      dynamicConfig: opts.dynamicConfig,
      logFile: path.join(dataDir, 'temporal.log'),
    }),
    startFerretDb({ port: await freePort(), dataDir: path.join(dataDir, 'ferretdb'), durable: false }),
  ] as const);
  const [temporal, ferret] = started;
  if (temporal.status === 'rejected' || ferret.status === 'rejected') {
    // Stop the one that did start, so a failed suite leaves no server behind.
    await Promise.all(started.map((s) => (s.status === 'fulfilled' ? s.value.stop() : undefined)));
    throw (temporal.status === 'rejected' ? temporal : (ferret as PromiseRejectedResult)).reason;
  }
  return {
    temporalAddress: temporal.value.address,
    namespace,
    mongoUri: ferret.value.uri,
    postgresUrl: ferret.value.postgresUrl,
    dataDir,
    async stop() {
      await Promise.all([temporal.value.stop(), ferret.value.stop()]);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

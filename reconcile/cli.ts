import { parseArgs } from 'node:util';
import { Client, Connection } from '@temporalio/client';
import mongoose from 'mongoose';
import { createModels } from '../activities/db/models';
import { prepareStore } from '../activities/db/store';
import { installQuietRuntime } from '../audit/quietRuntime';
import { loadEnvOrExit } from '../config/env';
import { loadPayloadKeysOrExit } from '../config/payloadKeys';
import { dataConverter } from '../common/payloadCodec';
import { bundleWorkflows } from '../worker/bundle';
import { formatSummary } from './print';
import { reconcileReadModels } from './reconciler';
import { changedCases } from './truth';

const usage = `usage: npm run reconcile [-- --rebuild] [--concurrency <n>] [--changed-within-days <n>]
  compares every case's read models with its state in Temporal (and the archive) and repairs any drift;
  --changed-within-days: only the open cases and those started or closed in the last n days (as nightly);
  --rebuild empties the read models and writes them all again (lists are incomplete until it ends)`;

/** `npm run reconcile`: what the nightly schedule does, on demand; exit 1 if any case failed or could not be read. */
async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      rebuild: { type: 'boolean' },
      concurrency: { type: 'string' },
      'changed-within-days': { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    console.log(usage);
    return 0;
  }
  const concurrency = Number(values.concurrency ?? 4);
  if (!Number.isInteger(concurrency) || concurrency < 1)
    throw new Error(`--concurrency: not a positive whole number: ${values.concurrency}\n${usage}`);
  const days =
    values['changed-within-days'] === undefined ? undefined : Number(values['changed-within-days']);
  if (days !== undefined && !(days > 0))
    throw new Error(
      `--changed-within-days: not a positive number: ${values['changed-within-days']}\n${usage}`,
    );
  if (days !== undefined && values.rebuild)
    throw new Error(`--changed-within-days and --rebuild: a rebuild writes every case\n${usage}`);
  const env = loadEnvOrExit();
  installQuietRuntime();
  const keys = loadPayloadKeysOrExit(env);
  const connection = await Connection.connect({ address: env.TEMPORAL_ADDRESS });
  // A small pool: each case is a few reads, and FerretDB must keep room for the workers (config/env.ts).
  const db = await mongoose
    .createConnection(env.MONGODB_URI, { serverSelectionTimeoutMS: 10_000, maxPoolSize: concurrency })
    .asPromise();
  try {
    const models = createModels(db);
    await prepareStore(db, env.FERRETDB_POSTGRES_URL || undefined);
    const temporal = new Client({
      connection,
      namespace: env.TEMPORAL_NAMESPACE,
      dataConverter: dataConverter(keys),
    });
    const sources = { temporal, archiveDir: env.ARCHIVE_DIR, keys };
    let shown = Date.now();
    const summary = await reconcileReadModels(
      { models, sources, workflowCode: () => bundleWorkflows() },
      {
        rebuild: values.rebuild,
        concurrency,
        ...(days === undefined
          ? {}
          : { cases: changedCases(sources, new Date(Date.now() - days * 86_400_000)) }),
        onCase(progress) {
          if (Date.now() - shown < 10_000) return;
          shown = Date.now();
          console.log(
            `… ${progress.checked} checked, ${progress.drifted} drifted (${progress.casesPerSecond} cases/s)`,
          );
        },
      },
    );
    console.log(formatSummary(summary));
    return summary.failed || summary.unread ? 1 : 0;
  } finally {
    await db.close();
    await connection.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);

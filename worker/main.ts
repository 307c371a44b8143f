import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { createModels } from '../activities/db/models';
import { prepareStore } from '../activities/db/store';
import { createActionLogModel } from '../audit/actionLog/store';
import { loadEnvOrExit } from '../config/env';
import { ensureAuditSchedules } from './auditSchedules';
import { createWorker } from './createWorker';
import { connectWorkerStore } from './storeConnection';
import { tuningFrom } from './tuning';

async function main(): Promise<void> {
  const env = loadEnvOrExit();
  const tuning = tuningFrom(env);
  const db = await connectWorkerStore(env.MONGODB_URI, tuning);
  const connection = await NativeConnection.connect({ address: env.TEMPORAL_ADDRESS });
  const clientConnection = await Connection.connect({ address: env.TEMPORAL_ADDRESS });
  const temporal = new Client({ connection: clientConnection, namespace: env.TEMPORAL_NAMESPACE });
  try {
    const models = createModels(db);
    const actionLog = createActionLogModel(db);
    console.log(`read models on ${await prepareStore(db, env.FERRETDB_POSTGRES_URL || undefined)}`);
    await ensureAuditSchedules(temporal, env.TEMPORAL_TASK_QUEUE);
    const worker = await createWorker({
      connection,
      namespace: env.TEMPORAL_NAMESPACE,
      taskQueue: env.TEMPORAL_TASK_QUEUE,
      deps: { models, webhookUrl: env.WEBHOOK_URL, fetch, audit: { temporal, archiveDir: env.ARCHIVE_DIR, actionLog } },
      tuning,
    });
    const running = worker.run();
    console.log('worker running');
    await running;
  } finally {
    await clientConnection.close();
    await connection.close();
    await db.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

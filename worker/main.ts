import { NativeConnection } from '@temporalio/worker';
import mongoose from 'mongoose';
import { createModels } from '../activities/db/models';
import { loadEnvOrExit } from '../config/env';
import { createWorker } from './createWorker';

async function main(): Promise<void> {
  const env = loadEnvOrExit();
  const db = await mongoose.createConnection(env.MONGODB_URI, { serverSelectionTimeoutMS: 10_000 }).asPromise();
  const connection = await NativeConnection.connect({ address: env.TEMPORAL_ADDRESS });
  try {
    const worker = await createWorker({
      connection,
      namespace: env.TEMPORAL_NAMESPACE,
      taskQueue: env.TEMPORAL_TASK_QUEUE,
      deps: { models: createModels(db), webhookUrl: env.WEBHOOK_URL, fetch },
    });
    const running = worker.run();
    console.log('worker running');
    await running;
  } finally {
    await connection.close();
    await db.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

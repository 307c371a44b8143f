import mongoose, { Connection } from 'mongoose';
import { commandsWithinAttempt } from './attemptDeadline';
import { WorkerTuning } from './tuning';

/**
 * A connection per activity slot, local or not: a running activity seldom waits for one (a
 * revision's inbox write, beside its projection, may wait a moment), and the store never sees
 * more of this worker's commands than that. Keep the sum over all workers well below FerretDB's
 * 50 PostgreSQL connections (config/env.ts says why).
 */
export function storePoolSize(tuning: WorkerTuning): number {
  return tuning.activitySlots + tuning.localActivitySlots;
}

/** The worker's own connection to the read models; create the models on it after this resolves. */
export function connectWorkerStore(uri: string, tuning: WorkerTuning): Promise<Connection> {
  const db = mongoose.createConnection(uri, { serverSelectionTimeoutMS: 10_000, maxPoolSize: storePoolSize(tuning) });
  db.plugin(commandsWithinAttempt);
  return db.asPromise();
}

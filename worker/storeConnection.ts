import mongoose, { Connection } from 'mongoose';
import { commandsWithinAttempt } from './attemptDeadline';
import { WorkerTuning } from './tuning';

/**
 * A connection per activity slot, local or not: activities queue for slots, in Temporal's sight,
 * rather than for connections, and the store never sees more of this worker's commands at once
 * than that (FerretDB 1.24 deadlocks when concurrent updates hold its whole PostgreSQL pool:
 * config/env.ts).
 */
export function storePoolSize(tuning: WorkerTuning): number {
  return tuning.activitySlots + tuning.localActivitySlots;
}

/** The worker's own connection to the read models; create the models on it after this resolves. */
export function connectWorkerStore(uri: string, tuning: WorkerTuning): Promise<Connection> {
  const db = mongoose.createConnection(uri, {
    serverSelectionTimeoutMS: 10_000,
    maxPoolSize: storePoolSize(tuning),
  });
  db.plugin(commandsWithinAttempt);
  return db.asPromise();
}

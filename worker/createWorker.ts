import { NativeConnection, Worker, WorkerOptions } from '@temporalio/worker';
import { ActivityDeps, createActivities } from '../activities';
import { attemptDeadline } from './attemptDeadline';
import { liveSinks } from './sinks';
import { WorkerTuning, workerOptions } from './tuning';

export interface WorkerSettings {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  /** Its models' connection must carry `commandsWithinAttempt` and a pool of `storePoolSize(tuning)`. */
  deps: ActivityDeps;
  tuning: WorkerTuning;
  /** A prebuilt bundle in production; tests and `npm start` let the worker bundle workflows/ itself. */
  workflowBundle?: WorkerOptions['workflowBundle'];
}

export function createWorker(settings: WorkerSettings): Promise<Worker> {
  return Worker.create({
    connection: settings.connection,
    namespace: settings.namespace,
    taskQueue: settings.taskQueue,
    activities: createActivities(settings.deps),
    interceptors: { activity: [attemptDeadline] },
    sinks: liveSinks,
    ...workerOptions(settings.tuning),
    ...(settings.workflowBundle ? { workflowBundle: settings.workflowBundle } : { workflowsPath: require.resolve('../workflows') }),
  });
}

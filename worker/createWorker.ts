import { NativeConnection, Worker, WorkerOptions } from '@temporalio/worker';
import { ActivityDeps, createActivities } from '../activities';
import { liveSinks } from './sinks';

export interface WorkerSettings {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  deps: ActivityDeps;
  /** A prebuilt bundle in production; tests and `npm start` let the worker bundle workflows/ itself. */
  workflowBundle?: WorkerOptions['workflowBundle'];
}

export function createWorker(settings: WorkerSettings): Promise<Worker> {
  return Worker.create({
    connection: settings.connection,
    namespace: settings.namespace,
    taskQueue: settings.taskQueue,
    activities: createActivities(settings.deps),
    sinks: liveSinks,
    ...(settings.workflowBundle ? { workflowBundle: settings.workflowBundle } : { workflowsPath: require.resolve('../workflows') }),
  });
}

import { NativeConnection, Worker, WorkerOptions } from '@temporalio/worker';
import { ActivityDeps, createActivities } from '../activities';
import { attemptDeadline } from './attemptDeadline';
import { bundleWorkflows } from './bundle';
import { liveSinks } from './sinks';
import { WorkerTuning, workerOptions } from './tuning';

export interface WorkerSettings {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  /** Its models' connection must carry `commandsWithinAttempt` and a pool of `storePoolSize(tuning)`. */
  deps: Omit<ActivityDeps, 'workflowCode'>;
  tuning: WorkerTuning;
  /** common/payloadCodec.ts `dataConverter(keys)`: the same as every client of the app. */
  dataConverter: WorkerOptions['dataConverter'];
  /** A prebuilt bundle in production; tests and `npm start` let the worker bundle workflows/ itself. */
  workflowBundle?: WorkerOptions['workflowBundle'];
}

export function createWorker(settings: WorkerSettings): Promise<Worker> {
  return Worker.create({
    connection: settings.connection,
    namespace: settings.namespace,
    taskQueue: settings.taskQueue,
    activities: createActivities({ ...settings.deps, workflowCode: workflowCodeOf(settings) }),
    interceptors: { activity: [attemptDeadline] },
    sinks: liveSinks,
    dataConverter: settings.dataConverter,
    ...workerOptions(settings.tuning),
    ...(settings.workflowBundle
      ? { workflowBundle: settings.workflowBundle }
      : { workflowsPath: require.resolve('../workflows') }),
  });
}

/** The code this worker runs, for replaying histories: its prebuilt bundle, else workflows/ bundled once, when first needed. */
function workflowCodeOf(settings: WorkerSettings): ActivityDeps['workflowCode'] {
  let bundled: ReturnType<ActivityDeps['workflowCode']> | undefined;
  return () =>
    (bundled ??= settings.workflowBundle ? Promise.resolve(settings.workflowBundle) : bundleWorkflows());
}

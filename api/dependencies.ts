import { RequestHandler } from 'express';
import { Connection } from 'mongoose';
import {
  Client,
  isGrpcDeadlineError,
  isGrpcServiceError,
  ServiceError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
} from '@temporalio/client';

/**
 * What the API relies on: Temporal holds every case, MongoDB (FerretDB) the lists and the action
 * log, and a worker must take each action to its case's workflow.
 */
export type Dependency = 'temporal' | 'mongodb' | 'worker';

// The driver's (and mongoose's) names for "no server to talk to"; a refused command is not one of them.
const mongoUnreachable = new Set([
  'MongoServerSelectionError',
  'MongooseServerSelectionError',
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoNotConnectedError',
  'MongoTopologyClosedError',
  'MongoPoolClearedError',
]);

// gRPC status codes UNAVAILABLE and DEADLINE_EXCEEDED.
const temporalUnreachable = new Set<number>([14, 4]);
// FAILED_PRECONDITION (9) on a query: Temporal has no worker to answer it now. A write's scope check
// queries its case first (api/scope.ts), so a worker that is down or replaying a killed task must
// answer 503 and be retried, as the write itself would wait for it.
const FAILED_PRECONDITION = 9;
const noWorkerToAnswer = /no poller seen|workflow task in failed state/i;

/** The dependency an error says is unreachable, if it says so. */
export function unreachableDependency(err: unknown): Dependency | undefined {
  if (!(err instanceof Error)) return undefined;
  if (mongoUnreachable.has(err.name) || /before initial connection is complete/.test(err.message))
    return 'mongodb';
  const grpc = err instanceof ServiceError ? err.cause : err;
  // An action the server held until its own timeout: no worker took it to the case meanwhile.
  if (err instanceof WorkflowUpdateRPCTimeoutOrCancelledError) return 'worker';
  if (isGrpcServiceError(grpc) && grpc.code === FAILED_PRECONDITION && noWorkerToAnswer.test(grpc.message))
    return 'worker';
  if (isGrpcDeadlineError(err) || (isGrpcServiceError(grpc) && temporalUnreachable.has(grpc.code)))
    return 'temporal';
  return undefined;
}

/**
 * Bounds every Temporal call a request makes, so that a request never hangs on a server that is
 * gone: past the deadline it answers 503 naming Temporal. Mounted after the body parser, whose
 * stream callbacks would leave the deadline's async context behind (config/env.ts says why it is generous).
 */
export function temporalDeadline(temporal: Client, ms: number): RequestHandler {
  return (_req, res, next) =>
    void temporal.connection.withDeadline(
      Date.now() + ms,
      () =>
        new Promise<void>((resolve) => {
          res.once('close', resolve);
          next();
        }),
    );
}

/** Whether each server the API talks to answers now: `ok`, or why not. */
export type DependencyStates = Record<Exclude<Dependency, 'worker'>, string>;

/**
 * Asks Temporal and MongoDB at once, each given `waitMs` at most: a server that is gone would
 * otherwise hold the answer for the driver's whole timeout. For /readyz and the metrics alike.
 */
export async function probeDependencies(
  deps: { temporal: Client; db: Connection },
  waitMs: number,
): Promise<DependencyStates> {
  const { connection, options } = deps.temporal;
  const [temporal, mongodb] = await Promise.all([
    within(waitMs, () =>
      connection.withDeadline(Date.now() + waitMs, () =>
        connection.workflowService.describeNamespace({ namespace: options.namespace }),
      ),
    ),
    within(waitMs, () =>
      deps.db.db ? deps.db.db.admin().ping() : Promise.reject(new Error('not connected yet')),
    ),
  ]);
  return { temporal, mongodb };
}

async function within(waitMs: number, probe: () => Promise<unknown>): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>(
    (_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${waitMs} ms`)), waitMs)),
  );
  try {
    await Promise.race([probe(), late]);
    return 'ok';
  } catch (err) {
    return `unreachable: ${(err as Error).message.split('\n')[0]}`;
  } finally {
    clearTimeout(timer);
  }
}

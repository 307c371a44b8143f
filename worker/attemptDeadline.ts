import { AsyncLocalStorage } from 'node:async_hooks';
import { ApplicationFailure, Context } from '@temporalio/activity';
import { ActivityInterceptorsFactory } from '@temporalio/worker';
import { Schema } from 'mongoose';

/**
 * An activity attempt sends no database command once it is over: past 80% of its
 * start-to-close timeout, or once Temporal cancels it (a local activity's timeout, a shutdown).
 * The rest of the timeout is for the command already sent, so a timed-out attempt never runs on
 * beside its retry. (Without this, a local attempt timed out by a paused store went on with its
 * next writes when the store came back, while its retry made the same ones.)
 *
 * Why between commands and not by aborting one: FerretDB 1.24 ignores `maxTimeMS` on update,
 * insert, delete and count (it honours it on find and aggregate only), and it runs a
 * connection's command to its end even after the client has closed the socket. So a driver
 * timeout (`socketTimeoutMS`, `timeoutMS`, an AbortSignal) would only abandon the command: it
 * keeps running in FerretDB while the driver opens a new connection for the next one, and the
 * store then holds more of the worker's updates than its pool, which is what deadlocks FerretDB
 * (config/env.ts). Between commands nothing is abandoned.
 */
const attempts = new AsyncLocalStorage<{ deadline: number; cancelled: AbortSignal }>();

const usableShare = 0.8;

export const attemptDeadline: ActivityInterceptorsFactory = (ctx: Context) => ({
  inbound: {
    execute(input, next) {
      const deadline = Date.now() + ctx.info.startToCloseTimeoutMs * usableShare;
      return attempts.run({ deadline, cancelled: ctx.cancellationSignal }, () => next(input));
    },
  },
});

function refuseWhenOver(): void {
  const attempt = attempts.getStore();
  if (!attempt) return; // the API and scripts share no deadline
  if (attempt.cancelled.aborted || Date.now() > attempt.deadline) {
    throw ApplicationFailure.retryable('the attempt is over: no more database commands in it', 'AttemptOver');
  }
}

const queries = [
  'find',
  'findOne',
  'countDocuments',
  'distinct',
  'updateOne',
  'updateMany',
  'replaceOne',
  'findOneAndUpdate',
  'deleteOne',
  'deleteMany',
] as const;

/** A mongoose plugin for the worker's connection: every command an activity sends first checks the attempt it belongs to. */
export function commandsWithinAttempt(schema: Schema): void {
  schema.pre([...queries], refuseWhenOver);
  schema.pre('bulkWrite', refuseWhenOver);
  schema.pre('insertMany', refuseWhenOver);
  schema.pre('aggregate', refuseWhenOver);
  schema.pre('save', refuseWhenOver);
}

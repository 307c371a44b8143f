import { createHash, randomUUID } from 'node:crypto';
import { Client, WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/client';
import { WorkflowIdReusePolicy } from '@temporalio/common';
import { Model } from 'mongoose';
import { TimelineDoc } from '../activities/db/models';
import { readTimeline } from '../activities/db/timeline';
import { fromTemporal, notAllowedInState, notFound } from './errors';
import { unreachableDependency } from './dependencies';

/**
 * An Idempotency-Key names the case: the same key from the same actor, in the same scope,
 * always maps to the same id, and so to the same workflow ID. Without a key, a fresh id.
 */
export function caseIdFor(scope: string, actorId: string, key: string | undefined): string {
  if (!key) return randomUUID();
  return `k${createHash('sha256').update(`${scope}\u0000${actorId}\u0000${key}`).digest('hex').slice(0, 31)}`;
}

/**
 * Starts a case's workflow, rejecting a duplicate ID: that rejection is the idempotency. The
 * first state needs no query: the API decided it with the same pure function, at the time it
 * puts in the input, as the workflow does. A retry with the same key reads the case it started
 * the first time, which may have moved on since.
 */
export async function startCase<T>(
  temporal: Client,
  start: { workflowType: string; workflowId: string; taskQueue: string; input: unknown },
  keyed: boolean,
  first: T,
  read: () => Promise<T>,
): Promise<{ state: T; replayed: boolean }> {
  try {
    await temporal.workflow.start(start.workflowType, {
      taskQueue: start.taskQueue,
      workflowId: start.workflowId,
      args: [start.input],
      workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
    });
    return { state: first, replayed: false };
  } catch (err) {
    if (err instanceof WorkflowExecutionAlreadyStartedError && keyed)
      return { state: await read(), replayed: true };
    throw err;
  }
}

/**
 * Sends an action to a case. Refusals come back as their HTTP statuses; a case whose workflow
 * has ended answers 409 with `endedRefusal`'s words (which read the last state, and answer 404
 * for an id that never existed).
 */
export async function actOnCase<S>(
  send: () => Promise<S>,
  what: string,
  endedRefusal: () => Promise<string>,
): Promise<S> {
  try {
    return await send();
  } catch (err) {
    if (!(err instanceof WorkflowNotFoundError)) throw fromTemporal(err, what);
    throw notAllowedInState(await endedRefusal());
  }
}

/**
 * A case's live state: its workflow's answer while Temporal holds the case; past Temporal's
 * retention, the last state its projection stored (`stored`), with the timeline stored apart.
 * While no worker can answer the query in time (a burst that holds every workflow task slot, a
 * worker down), the stored state serves too: every write checks its scope on this state before
 * its update, which then waits for a worker as it always did, rather than answering 503.
 */
export async function liveCaseState<S>(
  timeline: Model<TimelineDoc>,
  c: {
    workflowId: string;
    what: string;
    query: () => Promise<S>;
    stored: () => Promise<{ state: unknown } | null>;
  },
): Promise<S> {
  try {
    return await c.query();
  } catch (err) {
    const gone = err instanceof WorkflowNotFoundError;
    if (!gone && !unreachableDependency(err)) throw err;
    const doc = await c.stored();
    if (!doc) throw gone ? notFound(c.what) : err;
    return { ...(doc.state as S), timeline: await readTimeline(timeline, c.workflowId) };
  }
}

import { createHash, randomUUID } from 'node:crypto';
import { Client, WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/client';
import { defaultPayloadConverter, WorkflowIdReusePolicy } from '@temporalio/common';
import type { History } from '@temporalio/common/lib/proto-utils';
import { Model } from 'mongoose';
import { TimelineDoc } from '../activities/db/models';
import { readTimeline } from '../activities/db/timeline';
import { startedAttributes } from '../audit/history';
import { codecsOf, decodeInPlace } from '../common/payloadCodec';
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

/** Events a run's first page holds before its first workflow task completes, retries included. */
const firstPage = 16;

/** When a run's first decision is taken: the time the API put in its input; an input from before it did is decided at its first task, so now. */
export const firstDecisionTime = (stamped: string | undefined): number =>
  stamped === undefined ? Date.now() : Date.parse(stamped);

/**
 * The state of a case whose current run has not completed a workflow task yet (a burst holds
 * every task slot, the worker is down): its start input folded by `fold`, the same pure decision
 * the workflow starts with, so what the workflow will hold once that task runs. Undefined once a
 * task has completed: from then on only the workflow or its projection can say.
 */
async function stateBeforeFirstTask<I, S>(
  temporal: Pick<Client, 'workflowService' | 'options'>,
  workflowId: string,
  fold: (input: I) => S,
): Promise<S | undefined> {
  const { history, nextPageToken } = await temporal.workflowService.getWorkflowExecutionHistory({
    namespace: temporal.options.namespace,
    execution: { workflowId },
    maximumPageSize: firstPage,
  });
  const events = (history as History).events ?? [];
  if (nextPageToken?.length || events.some((e) => e.workflowTaskCompletedEventAttributes)) return undefined;
  const started = await decodeInPlace(codecsOf(temporal), history as History);
  const [input] = startedAttributes(started).input?.payloads ?? [];
  return fold(defaultPayloadConverter.fromPayload<I>(input));
}

/**
 * A case's live state: its workflow's answer while Temporal holds the case; past Temporal's
 * retention, the last state its projection stored (`stored`), with the timeline stored apart.
 * While no worker can answer the query in time (a burst that holds every workflow task slot, a
 * worker down), the stored state serves too, and a case too new to have one is folded from its
 * start input (`fold`): every write checks its scope on this state before its update,
 * which then waits for a worker as it always did, rather than answering 503.
 */
export async function liveCaseState<S, I>(
  temporal: Pick<Client, 'workflowService' | 'options'>,
  timeline: Model<TimelineDoc>,
  c: {
    workflowId: string;
    what: string;
    query: () => Promise<S>;
    stored: () => Promise<{ state: unknown } | null>;
    /** The workflow's own first decision on its start input */
    fold: (input: I) => S;
  },
): Promise<S> {
  try {
    return await c.query();
  } catch (err) {
    const gone = err instanceof WorkflowNotFoundError;
    if (!gone && !unreachableDependency(err)) throw err;
    const doc = await c.stored();
    if (doc) return { ...(doc.state as S), timeline: await readTimeline(timeline, c.workflowId) };
    if (gone) throw notFound(c.what);
    const first = await stateBeforeFirstTask(temporal, c.workflowId, c.fold).catch(() => undefined);
    if (first) return first;
    throw err;
  }
}

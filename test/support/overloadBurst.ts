import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from '@temporalio/client';
import { tsToMs } from '@temporalio/common/lib/time';
import { temporal as proto } from '@temporalio/proto';
import { Models } from '../../activities/db/models';
import { fetchCaseHistory } from '../../audit/history';
import { requestStateQuery, requestWorkflowId } from '../../common/requests';
import { HttpClient } from './e2eSystem';
import { eventually } from './eventually';

/**
 * A burst past the worker's capacity, shared by the overload test and the benchmark's overload
 * section: requests filed all at once, then all dispatched at once while the store is paused.
 */
export interface Burst {
  ids: string[];
  /** `<HTTP status> <request status>` of each dispatch, in filing order; a refusal shows its detail */
  answers: string[];
  /** Dispatches answered while the store was paused: each waits for its projection, so none should be. */
  answeredWhilePaused: number;
  /** How long each dispatch took to answer */
  dispatchMs: number[];
  /** From the store's resumption to the last answer */
  drainMs: number;
}

const grids = ['g01', 'g02', 'g03'];
const secretaryOf = (n: number) => ({
  id: 'sec-1',
  role: 'branch_secretary',
  unit: `grid-${grids[n % grids.length]}`,
});

export async function fileAndDispatch(
  http: HttpClient,
  models: Models,
  size: number,
  pausedMs: number,
  pause: () => { resume(): void },
): Promise<Burst> {
  const filed = await Promise.all(
    Array.from({ length: size }, (_, n) => {
      const body = {
        channel: 'hotline',
        category: 'general',
        title: `楼道灯坏了 #${n}`,
        description: 'out for a week',
        requester: { id: `resident-${n}`, name: '张三' },
        gridId: grids[n % grids.length],
      };
      return http.post('/requests', body, { id: `resident-${n}`, role: 'resident', unit: body.gridId });
    }),
  );
  const refused = filed.filter((res) => res.status !== 201);
  if (refused.length)
    throw new Error(
      `${refused.length} of ${size} filings refused, e.g. ${refused[0].status} ${JSON.stringify(refused[0].body)}`,
    );
  const ids: string[] = filed.map((res) => res.body.id);
  // The burst measured is the dispatches': the filings' own workflow tasks are worked off first. A
  // request whose first task has not run has neither a state to query nor a projection, and an
  // action on it answers 503 until it has one.
  await eventually(
    async () => {
      const projected = await models.RequestState.countDocuments({ _id: { $in: ids } });
      if (projected < size) throw new Error(`${projected} of ${size} filings projected`);
    },
    { timeoutMs: 120_000, intervalMs: 500 },
  );
  // The secretary holds all three grids before the burst, as an administrator would have set up, and
  // the API has read her since: a copy read before her last assignment would refuse that grid's token.
  for (const n of grids.keys()) await http.get(`/requests/${ids[n]}`, secretaryOf(n));

  const store = pause();
  let paused = true;
  let answeredWhilePaused = 0;
  const dispatchMs: number[] = [];
  const dispatched = Promise.all(
    ids.map(async (id, n) => {
      const started = Date.now();
      const res = await http.post(
        `/requests/${id}/dispatch`,
        { assignee: `member-${n % 20}` },
        secretaryOf(n),
      );
      dispatchMs[n] = Date.now() - started;
      if (paused) answeredWhilePaused += 1;
      return res.status === 200 ? `200 ${res.body.status}` : `${res.status} ${res.body?.detail}`;
    }),
  );
  try {
    await sleep(pausedMs);
  } finally {
    paused = false;
    store.resume();
  }
  const resumedAt = Date.now();
  const answers = await dispatched;
  return { ids, answers, answeredWhilePaused, dispatchMs, drainMs: Date.now() - resumedAt };
}

/** Requests whose read model is behind (or ahead of) their workflow's revision, as `id: projected ≠ workflow`. */
export async function laggingProjections(temporal: Client, models: Models, ids: string[]): Promise<string[]> {
  const lagging: string[] = [];
  for (const id of ids) {
    const state = await temporal.workflow.getHandle(requestWorkflowId(id)).query(requestStateQuery);
    const projected = await models.RequestState.findById(id).lean();
    if (projected?.revision !== state.revision)
      lagging.push(`${id}: ${projected?.revision} ≠ ${state.revision}`);
  }
  return lagging;
}

export interface BurstHistories {
  timeouts: { activity: number; workflowTaskStartToClose: number; workflowTaskScheduleToStart: number };
  /** How long each workflow task waited in its task queue: where a bounded worker's backlog shows */
  workflowTaskWaitMs: number[];
  /** Activities scheduled: commits whose local attempts all failed, and webhooks */
  activities: number;
}

const { TIMEOUT_TYPE_SCHEDULE_TO_START } = proto.api.enums.v1.TimeoutType;

/** What the burst's histories record: timeouts, and the waits of workflow tasks. */
export async function readBurstHistories(temporal: Client, ids: string[]): Promise<BurstHistories> {
  const read: BurstHistories = {
    timeouts: { activity: 0, workflowTaskStartToClose: 0, workflowTaskScheduleToStart: 0 },
    workflowTaskWaitMs: [],
    activities: 0,
  };
  for (const id of ids) {
    const history = await fetchCaseHistory(temporal, requestWorkflowId(id));
    const scheduledAt = new Map<string, number>();
    for (const event of history.runs.flatMap((run) => run.history.events ?? [])) {
      const at = tsToMs(event.eventTime);
      if (event.workflowTaskScheduledEventAttributes) scheduledAt.set(String(event.eventId), at);
      const started = event.workflowTaskStartedEventAttributes;
      if (started) read.workflowTaskWaitMs.push(at - scheduledAt.get(String(started.scheduledEventId))!);
      if (event.activityTaskScheduledEventAttributes) read.activities += 1;
      if (event.activityTaskTimedOutEventAttributes) read.timeouts.activity += 1;
      const timedOut = event.workflowTaskTimedOutEventAttributes;
      if (timedOut)
        read.timeouts[
          timedOut.timeoutType === TIMEOUT_TYPE_SCHEDULE_TO_START
            ? 'workflowTaskScheduleToStart'
            : 'workflowTaskStartToClose'
        ] += 1;
    }
  }
  return read;
}

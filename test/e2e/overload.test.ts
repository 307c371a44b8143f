import { setTimeout as sleep } from 'node:timers/promises';
import { temporal } from '@temporalio/proto';
import { fetchCaseHistory } from '../../audit/history';
import { requestStateQuery, requestWorkflowId } from '../../common/requests';
import { defaultTuning } from '../../worker/tuning';
import { useE2eSystem } from '../support/e2eSystem';
import { pauseStore } from '../support/storeProcess';

/**
 * Past capacity: a worker with two slots of each kind takes a burst of requests, then the same
 * burst of dispatches while the store is stopped for longer than a local attempt may take (10 s).
 * The backlog waits in Temporal and drains once the store is back; no attempt runs on beside its
 * retry, so nothing times out in a cascade. Before the worker was bounded, the same burst reached
 * FerretDB a hundred updates at once and deadlocked it for good.
 */
const e2e = useE2eSystem(undefined, defaultTuning({ activitySlots: 2, localActivitySlots: 2, workflowTaskSlots: 4 }));
const { http } = e2e;

const burst = 200;
const pausedMs = 12_000;
const grids = ['g01', 'g02', 'g03'];

const resident = (n: number) => ({ id: `resident-${n}`, role: 'resident', unit: grids[n % grids.length] });
const secretary = (n: number) => ({ id: 'sec-1', role: 'branch_secretary', unit: `grid-${grids[n % grids.length]}` });

async function fileBurst(): Promise<string[]> {
  const filed = await Promise.all(
    Array.from({ length: burst }, (_, n) =>
      http.post('/requests', { channel: 'hotline', category: 'general', title: `楼道灯坏了 #${n}`, description: 'out for a week', requester: { id: `resident-${n}`, name: '张三' }, gridId: grids[n % grids.length] }, resident(n)),
    ),
  );
  expect(filed.filter((res) => res.status !== 201)).toEqual([]);
  return filed.map((res) => res.body.id);
}

/** Cases whose read model is behind (or ahead of) their workflow's revision. */
async function lagging(ids: string[]): Promise<string[]> {
  const behind: string[] = [];
  for (const id of ids) {
    const state = await e2e.system.temporal.workflow.getHandle(requestWorkflowId(id)).query(requestStateQuery);
    const projected = await e2e.system.models.RequestState.findById(id).lean();
    if (projected?.revision !== state.revision) behind.push(`${id}: ${projected?.revision} ≠ ${state.revision}`);
  }
  return behind;
}

const scheduleToStart = temporal.api.enums.v1.TimeoutType.TIMEOUT_TYPE_SCHEDULE_TO_START;

/** Timeouts recorded in the burst's histories: of activities, and of workflow tasks by kind. */
async function timeouts(ids: string[]): Promise<Record<string, number>> {
  const counted = { activity: 0, workflowTaskStartToClose: 0, workflowTaskScheduleToStart: 0 };
  for (const id of ids) {
    const history = await fetchCaseHistory(e2e.system.temporal, requestWorkflowId(id));
    for (const event of history.runs.flatMap((run) => run.history.events ?? [])) {
      if (event.activityTaskTimedOutEventAttributes) counted.activity += 1;
      const timedOutTask = event.workflowTaskTimedOutEventAttributes;
      if (timedOutTask) counted[timedOutTask.timeoutType === scheduleToStart ? 'workflowTaskScheduleToStart' : 'workflowTaskStartToClose'] += 1;
    }
  }
  return counted;
}

describe('a worker past its capacity, on the real dev server and FerretDB', () => {
  test('When a burst meets a small worker and the store stops for longer than an attempt may take, then every case converges and nothing times out', async () => {
    const ids = await fileBurst();

    const store = pauseStore();
    let paused = true;
    let answeredWhilePaused = 0;
    const dispatched = Promise.all(
      ids.map(async (id, n) => {
        const res = await http.post(`/requests/${id}/dispatch`, { assignee: `member-${n % 20}` }, secretary(n));
        if (paused) answeredWhilePaused += 1;
        return `${res.status} ${res.body?.status}`;
      }),
    );
    try {
      await sleep(pausedMs);
    } finally {
      paused = false;
      store.resume();
    }
    const answers = await dispatched;

    expect(answeredWhilePaused).toBe(0);
    expect(answers).toEqual(ids.map(() => '200 dispatched'));
    expect(await lagging(ids)).toEqual([]);
    expect(await timeouts(ids)).toEqual({ activity: 0, workflowTaskStartToClose: 0, workflowTaskScheduleToStart: 0 });
  }, 170_000);
});

import { defaultTuning } from '../../worker/tuning';
import { useE2eSystem } from '../support/e2eSystem';
import { fileAndDispatch, laggingProjections, readBurstHistories } from '../support/overloadBurst';
import { pauseStore } from '../support/storeProcess';

/**
 * Past capacity: a worker with two slots of each kind takes a burst of requests, then the same
 * burst of dispatches while the store is paused for longer than a local attempt may take (10 s).
 * The backlog waits in Temporal and drains once the store is back; no attempt runs on beside its
 * retry, so nothing times out in a cascade. With the SDK's defaults (100 activities, 100 local
 * activities, 40 workflow tasks, a 10 s sticky queue) 113 workflow tasks timed out here, each then
 * replayed; on FerretDB's default pool of 50 the same burst deadlocked the store for good.
 */
const e2e = useE2eSystem(
  undefined,
  defaultTuning({ activitySlots: 2, localActivitySlots: 2, workflowTaskSlots: 4 }),
);

const burst = 150;
const pausedMs = 12_000;

describe('a worker past its capacity, on the real dev server and FerretDB', () => {
  test('When a burst meets a small worker and the store pauses for longer than an attempt may take, then every case converges and nothing times out', async () => {
    const { ids, answers, answeredWhilePaused } = await fileAndDispatch(
      e2e.http,
      e2e.system.models,
      burst,
      pausedMs,
      pauseStore,
    );

    expect(answeredWhilePaused).toBe(0);
    expect(answers).toEqual(ids.map(() => '200 dispatched'));
    expect(await laggingProjections(e2e.system.temporal, e2e.system.models, ids)).toEqual([]);
    const { timeouts } = await readBurstHistories(e2e.system.temporal, ids);
    expect(timeouts).toEqual({ activity: 0, workflowTaskStartToClose: 0, workflowTaskScheduleToStart: 0 });
  }, 170_000);
});

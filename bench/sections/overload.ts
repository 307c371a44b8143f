import { setTimeout as sleep } from 'node:timers/promises';
import { loadEnv } from '../../config/env';
import { fileAndDispatch, laggingProjections, readBurstHistories } from '../../test/support/overloadBurst';
import { pauseStore } from '../../test/support/storeProcess';
import { tuningFrom } from '../../worker/tuning';
import { percentile } from '../load';
import { scaled, Section } from '../section';

const burst = 300;
const pausedMs = 15_000;

/** With MONGODB_URI given there is no FerretDB of this process to pause: the burst alone. */
function pauseIfEmbedded(log: (line: string) => void) {
  return () => {
    try {
      return pauseStore();
    } catch (err) {
      log(`store not paused: ${(err as Error).message}`);
      return { resume() {} };
    }
  };
}

export const overload: Section = {
  name: 'overload',
  describe:
    `${burst} requests (scaled) filed over HTTP at once, then all dispatched at once while the embedded FerretDB is paused (SIGSTOP) for ${pausedMs / 1000} s, ` +
    "past a local attempt's 10 s; the worker runs with the WORKER_* slots of the environment (the defaults unless set). How long the backlog took to drain once " +
    'the store was back, dispatch latency, how long workflow tasks waited in the task queue, timeouts in the histories, read models behind their workflows',
  async run(ctx) {
    const stack = await ctx.stack();
    const size = scaled(burst, ctx.scale, 50);
    const tuning = tuningFrom(loadEnv());
    const note = `${size} at once; worker slots: ${tuning.activitySlots} activities, ${tuning.localActivitySlots} local, ${tuning.workflowTaskSlots} workflow tasks`;
    const running = fileAndDispatch(stack.http, stack.models, size, pausedMs, pauseIfEmbedded(ctx.log));
    const outcome = await Promise.race([running, sleep(ctx.budgetMinutes * 60_000).then(() => undefined)]);
    if (!outcome) {
      running.catch(() => undefined); // answered with errors once the stack stops
      const atLeast = `${note}; not drained within the budget: the drain takes longer than this, if it ends at all`;
      await ctx.record({
        key: 'overload.drainSeconds',
        value: ctx.budgetMinutes * 60,
        unit: 's',
        storedRequests: size,
        note: atLeast,
      });
      return;
    }
    const storedRequests = await stack.storedRequests();
    const record = (key: string, value: number, unit: string) =>
      ctx.record({ key: `overload.${key}`, value, unit, storedRequests, note });
    await record('drainSeconds', outcome.drainMs / 1000, 's');
    await record('dispatchP50Ms', percentile(outcome.dispatchMs, 50), 'ms');
    await record('dispatchP99Ms', percentile(outcome.dispatchMs, 99), 'ms');
    await record(
      'unanswered',
      outcome.answers.filter((answer) => answer !== '200 dispatched').length,
      'dispatches',
    );
    await record(
      'laggingProjections',
      (await laggingProjections(stack.temporal, stack.models, outcome.ids)).length,
      'requests',
    );
    const histories = await readBurstHistories(stack.temporal, outcome.ids);
    await record('workflowTaskWaitP50Ms', percentile(histories.workflowTaskWaitMs, 50), 'ms');
    await record('workflowTaskWaitP99Ms', percentile(histories.workflowTaskWaitMs, 99), 'ms');
    await record('activityTimeouts', histories.timeouts.activity, 'timeouts');
    await record(
      'workflowTaskTimeouts',
      histories.timeouts.workflowTaskStartToClose + histories.timeouts.workflowTaskScheduleToStart,
      'timeouts',
    );
    await record('activitiesPerRequest', histories.activities / outcome.ids.length, 'activities');
  },
};

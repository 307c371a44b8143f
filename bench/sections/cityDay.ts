import { join } from 'node:path';
import { planDay, requestsPerDay } from '../cityDay/plan';
import { Outcome, replayRequest } from '../cityDay/steps';
import { Latencies } from '../load';
import { cpuSince } from '../processes';
import { scaled, Section } from '../section';

const operators = 32;
const policyFile = join(__dirname, '..', 'policies', 'cityDay.json');

export const cityDay: Section = {
  name: 'cityDay',
  describe:
    `one Beijing day of ${requestsPerDay.toLocaleString('en-US')} requests (scaled), replayed as fast as the stack takes it: ${operators} operators take the ` +
    'requests in filing order and file each over HTTP, then take its steps (a seeded mix of categories, channels, urgency and roads: closed, ' +
    'reopened, returned, extended, escalated, withdrawn, rejected, merged, or left waiting to escalate on the clock) under ' +
    'bench/policies/cityDay.json (minutes instead of days); the minutes until every step is answered and the worker has worked off its backlog; ' +
    "the full day's minutes extrapolated linearly from a scaled run",
  async run(ctx) {
    const stack = await ctx.stack({ policyFile });
    const plan = planDay(scaled(requestsPerDay, ctx.scale, 100));
    const until = Date.now() + ctx.budgetMinutes * 60_000;
    const latencies = new Latencies();
    const outcome: Outcome = { done: 0, refused: 0, failed: 0 };
    const recent: { id?: string } = {};
    const cpuBefore = stack.cpu();
    const started = Date.now();
    let next = 0;
    let replayed = 0;
    const operator = async () => {
      while (next < plan.length && Date.now() < until) {
        const request = plan[next++];
        await replayRequest(stack, request, recent, latencies, outcome);
        replayed += 1;
        if (replayed % 500 === 0)
          ctx.log(
            `${replayed} of ${plan.length} requests replayed, ${((Date.now() - started) / 60_000).toFixed(1)} min`,
          );
      }
    };
    await Promise.all(Array.from({ length: operators }, operator));
    await stack.settle(Math.max(60_000, until - Date.now()));
    const minutes = (Date.now() - started) / 60_000;
    const storedRequests = await stack.storedRequests();
    const cpu = cpuSince(cpuBefore, stack.cpu());

    const finished = replayed === plan.length;
    const ran = `${replayed} of ${plan.length} requests (scale ${ctx.scale}), ${outcome.done} actions answered`;
    await ctx.record({
      key: 'cityDay.minutes',
      value: minutes,
      unit: 'min',
      storedRequests,
      note: finished ? ran : `did not finish within the budget: ${ran}`,
    });
    const fullDay = minutes * (requestsPerDay / replayed);
    const extrapolated = replayed < requestsPerDay;
    await ctx.record({
      key: 'cityDay.fullDayMinutes',
      value: fullDay,
      unit: 'min',
      storedRequests,
      note: extrapolated
        ? `EXTRAPOLATED linearly from ${replayed} requests; a store whose cost grows with stored data makes the full day slower than this`
        : 'measured',
    });
    await ctx.record({
      key: 'cityDay.actionsPerSecond',
      value: outcome.done / (minutes * 60),
      unit: 'actions/s',
      storedRequests,
    });
    await ctx.record({
      key: 'cityDay.refusedActions',
      value: outcome.refused,
      unit: 'actions',
      storedRequests,
      note: "409/403: the clock moved the case first, or a duplicate's target was gone",
    });
    await ctx.record({
      key: 'cityDay.failedActions',
      value: outcome.failed,
      unit: 'actions',
      storedRequests,
    });
    for (const action of latencies.names()) {
      await ctx.record({
        key: `cityDay.${action}.p99Ms`,
        value: latencies.percentile(action, 99),
        unit: 'ms',
        storedRequests,
      });
    }
    for (const [role, seconds] of Object.entries(cpu)) {
      await ctx.record({
        key: `cityDay.cpuSecondsPerRequest.${role}`,
        value: seconds / replayed,
        unit: 'CPU-s',
        storedRequests,
      });
    }
  },
};

import { requestWorkflowId } from '../../common/requests';
import { fillTo, requestBody } from '../filing';
import { meanHistoryCost } from '../histories';
import { Latencies, runConcurrently } from '../load';
import { cpuSince } from '../processes';
import { scaled, Section } from '../section';
import { Stack } from '../stack';

/** The stored-request counts of the measurement (1.09/s at ~400, 0.27/s at ~2,400). */
const sizes = [400, 2_400];
const concurrency = 16;
const sampledHistories = 32;

/** One resident's request from filing to a satisfied return visit, every step over HTTP by the person who takes it. */
async function fileToSatisfied(stack: Stack, latencies: Latencies, n: number): Promise<string> {
  const body = requestBody(n);
  const resident = { id: body.requester.id, role: 'resident', unit: body.gridId };
  const secretary = { id: `sec-${body.gridId}`, role: 'branch_secretary', unit: `grid-${body.gridId}` };
  const member = { id: `member-${n % 40}`, role: 'grid_member', unit: `grid-${body.gridId}` };
  const step = async (action: string, path: string, payload: unknown, actor: typeof resident) => {
    const res = await latencies.time(action, () => stack.http.post(path, payload, actor));
    if (res.status >= 300) throw new Error(`${action} answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const { id } = await step('file', '/requests', body, resident);
  await step('dispatch', `/requests/${id}/dispatch`, { assignee: member.id }, secretary);
  await step('accept', `/requests/${id}/accept`, {}, member);
  await step('progress', `/requests/${id}/progress`, { note: 'bulb ordered' }, member);
  await step('resolve', `/requests/${id}/resolve`, { note: 'bulb replaced' }, member);
  await step('feedback', `/requests/${id}/feedback`, { satisfied: true }, resident);
  return id;
}

export const lifecycle: Section = {
  name: 'lifecycle',
  describe:
    `full lifecycles (file → dispatch → accept → progress → resolve → satisfied feedback) over HTTP, ${concurrency} at a time, ` +
    `once ${sizes.join(' and ')} requests are stored (scaled; filled with requests waiting for dispatch); per-action p50/p99; ` +
    `events, activities and workflow tasks counted in ${sampledHistories} of the lifecycles' histories once they settled (the case then waits out its reopen window); ` +
    'CPU-seconds per lifecycle of each process, the backlog worked off included',
  async run(ctx) {
    const stack = await ctx.stack();
    const count = scaled(64, ctx.scale, concurrency);
    const until = Date.now() + ctx.budgetMinutes * 60_000;
    let n = 1_000_000; // request numbers apart from the filler's
    for (const size of sizes.map((s) => scaled(s, ctx.scale, 16))) {
      const storedRequests = await fillTo(stack, size, ctx.log, until);
      if (Date.now() > until) {
        ctx.log(`budget spent while filling to ${size}; stopping`);
        return;
      }
      const cpuBefore = stack.cpu();
      const latencies = new Latencies();
      const ids: string[] = [];
      const { ms, done } = await runConcurrently(
        count,
        concurrency,
        async () => {
          ids.push(await fileToSatisfied(stack, latencies, n++));
        },
        until,
      );
      await stack.settle();
      const cpu = cpuSince(cpuBefore, stack.cpu());
      const note = done < count ? `${done} of ${count} lifecycles within the budget` : `${done} lifecycles`;
      await ctx.record({
        key: 'lifecycle.perSecond',
        value: (done / ms) * 1000,
        unit: 'lifecycles/s',
        storedRequests,
        note,
      });
      const cost = await meanHistoryCost(
        stack.temporal,
        ids.slice(0, sampledHistories).map(requestWorkflowId),
      );
      const sampled = `mean of ${Math.min(ids.length, sampledHistories)} histories`;
      await ctx.record({
        key: 'lifecycle.eventsPerLifecycle',
        value: cost.events,
        unit: 'events',
        storedRequests,
        note: sampled,
      });
      await ctx.record({
        key: 'lifecycle.activitiesPerLifecycle',
        value: cost.activities,
        unit: 'activities',
        storedRequests,
        note: sampled,
      });
      await ctx.record({
        key: 'lifecycle.workflowTasksPerLifecycle',
        value: cost.workflowTasks,
        unit: 'workflow tasks',
        storedRequests,
        note: sampled,
      });
      for (const action of latencies.names()) {
        for (const p of [50, 99])
          await ctx.record({
            key: `lifecycle.${action}.p${p}Ms`,
            value: latencies.percentile(action, p),
            unit: 'ms',
            storedRequests,
          });
      }
      for (const [role, seconds] of Object.entries(cpu)) {
        await ctx.record({
          key: `lifecycle.cpuSecondsPerLifecycle.${role}`,
          value: seconds / Math.max(done, 1),
          unit: 'CPU-s',
          storedRequests,
        });
      }
    }
  },
};

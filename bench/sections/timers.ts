import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { requestWorkflowId } from '../../common/requests';
import { parsePolicy } from '../../domain/policy/policy';
import { bundleWorkflows } from '../../worker/bundle';
import { fillTo, requestBody, startRaw } from '../filing';
import { deadlineLateness } from '../lateness';
import { percentile, runConcurrently } from '../load';
import { scaled, Section } from '../section';

/**
 * Under bench/policies/timers.json a request's dispatch deadline is 2 minutes (reminder at 1), and
 * at village level 2 more (reminder at 3, breach at 4); the township's hour lies past the window.
 * So each probe sees four clock events within 4 minutes of filing.
 */
const policyFile = join(__dirname, '..', 'policies', 'timers.json');
const lastDueMs = 4 * 60_000;
const graceMs = 30_000;
/** Probes filed per second: their clock events then come at about this rate per kind, a busy city's rate rather than a saturating one. */
const probesPerSecond = 5;

export const timers: Section = {
  name: 'timers',
  describe:
    'how late reminders and escalations fire with 10,000 open requests (scaled): the stack is filled with requests under the default policy ' +
    `(their timers hours away), then probe requests under bench/policies/timers.json are filed at ${probesPerSecond}/s, each with four clock events ` +
    "within 4 minutes; every probe is replayed and each event's due moment (from the deadline in the state before it) is compared with the " +
    'workflow clock when it fired; events not fired by the end count as late until then',
  async run(ctx) {
    const stack = await ctx.stack();
    const probePolicy = parsePolicy(JSON.parse(readFileSync(policyFile, 'utf8')));
    const open = scaled(10_000, ctx.scale, 100);
    const probes = scaled(600, ctx.scale, 60);
    const until = Date.now() + ctx.budgetMinutes * 60_000;
    await fillTo(stack, open - probes, ctx.log, until - lastDueMs - (probes / probesPerSecond) * 1000);
    const bundle = await bundleWorkflows();

    const ids: string[] = [];
    const started = Date.now();
    // Paced: probe i starts no earlier than i / rate seconds in.
    await runConcurrently(probes, 8, async (i) => {
      const wait = started + (i * 1000) / probesPerSecond - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      ids.push(await startRaw(stack, requestBody(2_000_000 + i), probePolicy));
    });
    const storedRequests = await stack.storedRequests();
    const end = Date.now() + lastDueMs + graceMs;
    ctx.log(
      `${ids.length} probes filed among ${storedRequests} stored; waiting ${((end - Date.now()) / 1000).toFixed(0)} s for their clock events`,
    );
    await new Promise((r) => setTimeout(r, end - Date.now()));

    const lateness = await deadlineLateness(stack.temporal, bundle, ids.map(requestWorkflowId), Date.now());
    const note = `${lateness.fired} events fired, ${lateness.missed} missed, over ${ids.length} probes`;
    await ctx.record({
      key: 'timers.latenessP99Ms',
      value: percentile(lateness.lateMs, 99),
      unit: 'ms',
      storedRequests,
      note,
    });
    await ctx.record({
      key: 'timers.latenessP50Ms',
      value: percentile(lateness.lateMs, 50),
      unit: 'ms',
      storedRequests,
      note,
    });
    await ctx.record({
      key: 'timers.latenessMaxMs',
      value: Math.max(...lateness.lateMs),
      unit: 'ms',
      storedRequests,
      note,
    });
    await ctx.record({ key: 'timers.missed', value: lateness.missed, unit: 'events', storedRequests, note });
  },
};

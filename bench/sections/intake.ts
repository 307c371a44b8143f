import { requestBody, RequestBody, startRaw } from '../filing';
import { Latencies, runConcurrently } from '../load';
import { scaled, Section } from '../section';
import { Stack } from '../stack';

const concurrencies = [8, 32];
const rounds = 3;
/** A round starts once the worker has worked off the last one, or after this long: a store that falls behind would otherwise hold the run for hours. */
const settleAtMostMs = 30_000;

type Path = 'api' | 'raw';

/** Files one request by either path: over HTTP as a resident, or as a bare start of its workflow. */
async function file(stack: Stack, path: Path, body: RequestBody): Promise<void> {
  if (path === 'raw') {
    await startRaw(stack, body);
    return;
  }
  const created = await stack.http.post('/requests', body, {
    id: body.requester.id,
    role: 'resident',
    unit: body.gridId,
  });
  if (created.status !== 201)
    throw new Error(`POST /requests answered ${created.status}: ${JSON.stringify(created.body)}`);
}

export const intake: Section = {
  name: 'intake',
  describe:
    'requests filed per second over HTTP (`POST /api/v1/requests`, the API in the benchmark process, the worker in its own) divided by ' +
    'workflows started per second by a bare Temporal client with the same input, at concurrency 8 and 32; ' +
    `${rounds} rounds of each path, alternating api, raw, api, raw…, each round starting once the worker has worked off the last (or after ${settleAtMostMs / 1000} s); p50/p95/p99 latency of both`,
  async run(ctx) {
    const stack = await ctx.stack();
    const perRound = scaled(200, ctx.scale, 16);
    let n = 0;
    // The first calls pay for connections and the worker's first workflow tasks; they are not measured.
    for (const path of ['api', 'raw'] as const)
      await runConcurrently(16, 8, () => file(stack, path, requestBody(n++)));
    for (const concurrency of concurrencies) {
      await stack.settle();
      const storedRequests = await stack.storedRequests();
      const latencies = new Latencies();
      const totals = { api: { done: 0, ms: 0 }, raw: { done: 0, ms: 0 } };
      for (let round = 0; round < rounds; round += 1) {
        for (const path of ['api', 'raw'] as const) {
          await stack.settle(settleAtMostMs);
          const { ms, done } = await runConcurrently(perRound, concurrency, () =>
            latencies.time(path, () => file(stack, path, requestBody(n++))),
          );
          totals[path].done += done;
          totals[path].ms += ms;
          ctx.log(`c${concurrency} round ${round + 1} ${path}: ${((done / ms) * 1000).toFixed(1)}/s`);
        }
      }
      const rate = (path: Path) => (totals[path].done / totals[path].ms) * 1000;
      const note = `${rounds} × ${perRound} per path, alternating; ${(await stack.storedRequests()).toLocaleString('en-US')} stored at the end`;
      await ctx.record({
        key: `intake.apiToRawRatio.c${concurrency}`,
        value: rate('api') / rate('raw'),
        unit: 'ratio',
        storedRequests,
        note,
      });
      for (const path of ['api', 'raw'] as const) {
        await ctx.record({
          key: `intake.${path}.c${concurrency}.perSecond`,
          value: rate(path),
          unit: 'requests/s',
          storedRequests,
          note,
        });
        for (const p of [50, 95, 99]) {
          await ctx.record({
            key: `intake.${path}.c${concurrency}.p${p}Ms`,
            value: latencies.percentile(path, p),
            unit: 'ms',
            storedRequests,
          });
        }
      }
    }
  },
};

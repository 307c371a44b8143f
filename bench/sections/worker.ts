import { fillTo } from '../filing';
import { scaled, Section } from '../section';

const sizes = [10_000, 100_000];

export const worker: Section = {
  name: 'worker',
  describe:
    `the worker process's resident memory (RSS, and its high-water mark) with ${sizes.map((s) => s.toLocaleString('en-US')).join(' and ')} open requests (scaled) ` +
    'waiting on their timers (default policy: the first is hours away), filed by bare starts, measured once the worker has worked off the backlog; ' +
    'also how many requests per second the stack filed and projected on the way',
  async run(ctx) {
    const stack = await ctx.stack();
    const until = Date.now() + ctx.budgetMinutes * 60_000;
    const idle = stack.worker.rss();
    await ctx.record({
      key: 'worker.rssMiB',
      value: idle.nowMiB,
      unit: 'MiB',
      storedRequests: 0,
      note: 'started, nothing filed',
    });
    for (const size of sizes.map((s) => scaled(s, ctx.scale, 100))) {
      const before = { at: Date.now(), stored: await stack.storedRequests() };
      const storedRequests = await fillTo(stack, size, ctx.log, until);
      const rss = stack.worker.rss();
      const short =
        storedRequests < size
          ? `budget spent at ${storedRequests} of ${size}`
          : Date.now() >= until
            ? 'budget spent before the worker caught up'
            : undefined;
      await ctx.record({ key: 'worker.rssMiB', value: rss.nowMiB, unit: 'MiB', storedRequests, note: short });
      await ctx.record({
        key: 'worker.peakRssMiB',
        value: rss.peakMiB,
        unit: 'MiB',
        storedRequests,
        note: short,
      });
      const perSecond = ((storedRequests - before.stored) / (Date.now() - before.at)) * 1000;
      await ctx.record({
        key: 'worker.filledPerSecond',
        value: perSecond,
        unit: 'requests/s',
        storedRequests,
        note: 'started and projected, backlog included',
      });
      if (short) return;
    }
  },
};

import { performance } from 'node:perf_hooks';
import { RequestStateDoc } from '../../activities/db/models';
import { prepareStore } from '../../activities/db/store';
import { readLedger } from '../../activities/kpi/ledger';
import { readOpenRequests } from '../../activities/kpi/overdue';
import { buildCycleReport, cyclePeriod } from '../../domain/kpi/report';
import { defaultPolicy } from '../../test/support/fixtures';
import { startReadModelStore } from '../../test/support/readModelStore';
import { demoCounty, seedRequestDocs, syntheticRequestDoc } from '../../test/support/requestDocs';
import { percentile } from '../load';
import { scaled, Section } from '../section';

const sizes = [10_000, 100_000];
const samples = 3;
const seedBatch = 2_000;

/** The cycle after the synthetic county's last day, read the day after it. */
const date = '2026-12-14';
const asOf = '2026-11-29T00:30:00.000Z';
const period = cyclePeriod(date, '2026-11-29');

/** One unit per level, as the cycle reports them: a grid, a village, a township, the county. */
const units = [
  { name: 'grid', level: 0, unit: 'grid-512' },
  { name: 'village', level: 1, unit: 'village-37' },
  { name: 'township', level: 2, unit: 'township-4' },
  { name: 'county', level: 3, unit: 'committee-c01' },
];

/** An open synthetic request's last state, as the projection keeps it in `request_states`. */
function stateDoc(i: number, total: number): RequestStateDoc | undefined {
  const doc = syntheticRequestDoc(demoCounty, i, total);
  if (!doc.deadline) return undefined;
  const deadline = { ...doc.deadline, id: `stage:${doc.deadline.stage}`, purpose: doc.deadline.stage };
  return {
    _id: doc._id,
    revision: doc.revision,
    state: {
      submission: { id: doc._id, title: doc.title, jurisdiction: doc.units, gridId: doc.gridId },
      revision: doc.revision,
      status: doc.status,
      level: 0,
      onAgenda: false,
      deadlines: [{ ...deadline, level: 0, startsAt: doc.submittedAt }],
      coRequesters: [],
      submittedAt: doc.submittedAt,
      updatedAt: doc.updatedAt,
      timeline: [],
    },
  };
}

const round = (ms: number) => Math.round(ms * 10) / 10;

export const reports: Section = {
  name: 'reports',
  describe:
    'one unit’s 14th/28th report per level (grid, village, township, county): its ledger over the cycle and its open requests read by `openUnit<level>` then by id, ' +
    `over synthetic request documents (one in ten open) of 10,000 and 100,000 × scale stored; p50/p99 of ${samples} each (ledger cost alone: the ledger section)`,
  async run(ctx) {
    const ladder = defaultPolicy().ladder.map((level) => level.id);
    const mongoUri = process.env.MONGODB_URI?.replace(/\/[^/]*$/, '');
    const store = await startReadModelStore('lianxin_bench_reports', { mongoUri });
    try {
      await store.db.dropDatabase();
      await prepareStore(store.db, store.postgresUrl);
      const total = sizes[sizes.length - 1];
      let stored = 0;
      for (const size of sizes.map((n) => scaled(n, ctx.scale, 1_000))) {
        const started = performance.now();
        for (let i = stored; i < size; i += seedBatch) {
          const range = Array.from({ length: Math.min(seedBatch, size - i) }, (_, k) => i + k);
          await seedRequestDocs(
            store.models,
            range.map((n) => syntheticRequestDoc(demoCounty, n, total)),
          );
          const states = range.map((n) => stateDoc(n, total)).filter((d): d is RequestStateDoc => !!d);
          await store.models.RequestState.insertMany(states, { lean: true });
        }
        ctx.log(`seeded ${size - stored} requests in ${((performance.now() - started) / 1000).toFixed(0)} s`);
        stored = size;
        const note = `${store.kind}, synthetic county of 1,000 grids, one request in ten open; no ledger contributions seeded`;
        for (const { name, level, unit } of units) {
          const times: number[] = [];
          let open = 0;
          for (let k = 0; k < samples; k++) {
            const begun = performance.now();
            const [ledger, requests] = await Promise.all([
              readLedger(store.models, ladder, { level, unit, ...period }),
              readOpenRequests(store.models, ladder, { level, unit, now: Date.parse(asOf) }),
            ]);
            buildCycleReport({ date, unit, level, period, asOf, counts: ledger.counts, open: requests });
            times.push(performance.now() - begun);
            open = requests.length;
          }
          ctx.log(
            `${name}: ${open} open, p50 ${percentile(times, 50).toFixed(1)} ms, p99 ${percentile(times, 99).toFixed(1)} ms`,
          );
          for (const [key, value, figureUnit] of [
            [`reports.${name}P50Ms`, round(percentile(times, 50)), 'ms'],
            [`reports.${name}P99Ms`, round(percentile(times, 99)), 'ms'],
            [`reports.${name}OpenRequests`, open, 'requests'],
          ] as const)
            await ctx.record({ key, value, unit: figureUnit, storedRequests: stored, note });
        }
      }
    } finally {
      await store.stop();
    }
  },
};

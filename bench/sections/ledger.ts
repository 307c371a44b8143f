import { performance } from 'node:perf_hooks';
import { KpiContributionDoc, ledgerKeys } from '../../activities/db/kpiModel';
import { prepareStore } from '../../activities/db/store';
import { LedgerQuery, readLedger } from '../../activities/kpi/ledger';
import { RankingQuery, readRanking } from '../../activities/kpi/ranking';
import { markChanged, recomputeAllTotals } from '../../activities/kpi/totals';
import { kpiSettings } from '../../domain/kpi/settings';
import { defaultPolicy } from '../../test/support/fixtures';
import { startReadModelStore } from '../../test/support/readModelStore';
import { demoCounty, syntheticRequestDoc } from '../../test/support/requestDocs';
import { percentile } from '../load';
import { scaled, Section } from '../section';

const sizes = [10_000, 100_000, 1_000_000];
const samples = 3;
const seedBatch = 2_000;

const dayAfter = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/**
 * A typical request's ledger contributions: filed, dispatched and accepted on time on its filing
 * day, resolved by its grid the next day, answered satisfied three days later.
 */
function contributions(i: number, total: number, id = `synthetic-${i}`): KpiContributionDoc[] {
  const doc = { ...syntheticRequestDoc(demoCounty, i, total), _id: id };
  const days = [
    { day: doc.day, counts: { filed: 1, dispatched: 1, accepted: 1, responsesDue: 1, respondedOnTime: 1 } },
    { day: dayAfter(doc.day, 1), counts: { resolved: 1, resolvedAt: { grid: 1 } } },
    { day: dayAfter(doc.day, 4), counts: { satisfied: 1 } },
  ];
  return days.map(({ day, counts }, k) => ({
    _id: `${doc._id}|${day}`,
    requestId: doc._id,
    revision: k + 2,
    day,
    units: doc.units,
    ...ledgerKeys(doc.units, day),
    counts,
  }));
}

const month = demoCounty.lastDay.slice(0, 7);
const monthPeriod = { from: `${month}-01`, to: demoCounty.lastDay };
/** What offices ask for: a grid's, a village's and a township's month, the county's day and its month. */
const queries: Record<string, LedgerQuery> = {
  gridMonth: { level: 0, unit: 'grid-512', ...monthPeriod },
  villageMonth: { level: 1, unit: 'village-37', ...monthPeriod },
  townshipMonth: { level: 2, unit: 'township-4', ...monthPeriod },
  countyDay: { level: 3, unit: 'committee-c01', from: demoCounty.lastDay, to: demoCounty.lastDay },
  countyMonth: { level: 3, unit: 'committee-c01', ...monthPeriod },
};

const unitsAt = (prefix: string, count: number) => Array.from({ length: count }, (_, i) => `${prefix}-${i}`);
/** The monthly rankings offices publish: the county's townships, and its villages. */
const rankings: Record<string, RankingQuery> = {
  townshipRankingMonth: { level: 2, units: unitsAt('township', demoCounty.townships), ...monthPeriod },
  villageRankingMonth: {
    level: 1,
    units: unitsAt('village', demoCounty.townships * demoCounty.villagesPerTownship),
    ...monthPeriod,
  },
};

const round = (ms: number) => Math.round(ms * 10) / 10;

/** Requests at a city's rate (2,740 a day) for an hour: what changes between two reads of a busy county. */
const hourOfChanges = 115;

export const ledger: Section = {
  name: 'ledger',
  describe:
    'ledger (台账) reads alone, over synthetic contributions (three days each) of 10,000, 100,000 and 1,000,000 × scale requests spread over a county’s year: the day totals summed from them as a rebuild does, then ' +
    `p50/p99 of ${Object.keys(queries).length} unit-and-period queries and of the month's ranking of the townships and of the villages (${samples} each) and the documents each reads; then the county's month read after one request, and after an hour's (${hourOfChanges}), changed since the last read`,
  async run(ctx) {
    const ladder = defaultPolicy().ladder.map((level) => level.id);
    const settings = kpiSettings(defaultPolicy());
    const mongoUri = process.env.MONGODB_URI?.replace(/\/[^/]*$/, '');
    const store = await startReadModelStore('lianxin_bench_ledger', { mongoUri });
    try {
      await store.db.dropDatabase();
      await prepareStore(store.db, store.postgresUrl);
      const total = sizes[sizes.length - 1];
      let stored = 0;
      let late = 0;
      for (const size of sizes.map((n) => scaled(n, ctx.scale, 1_000))) {
        const started = performance.now();
        for (let i = stored; i < size; i += seedBatch) {
          const docs = Array.from({ length: Math.min(seedBatch, size - i) }, (_, k) =>
            contributions(i + k, total),
          ).flat();
          await store.models.KpiContribution.insertMany(docs, { lean: true });
        }
        ctx.log(
          `seeded ${size - stored} requests' contributions in ${((performance.now() - started) / 1000).toFixed(0)} s`,
        );
        stored = size;
        const note = `${store.kind}, synthetic county of 1,000 grids; requests spread over 365 days as if ${total} were stored; day totals fresh`;
        // As a rebuild ends: every day total summed again from the contributions, in one pass.
        const summing = performance.now();
        const summed = await recomputeAllTotals(store.models);
        const rebuildMs = performance.now() - summing;
        ctx.log(`summed ${summed} day totals from the contributions in ${(rebuildMs / 1000).toFixed(0)} s`);
        await ctx.record({
          key: 'ledger.rebuildTotalsMs',
          value: Math.round(rebuildMs),
          unit: 'ms',
          storedRequests: stored,
          note: `${store.kind}: ${summed} day totals from every contribution`,
        });
        const measure = async (
          name: string,
          reading: () => Promise<{ read: number }>,
          runs: number,
          before?: () => Promise<void>,
        ) => {
          const times: number[] = [];
          let read = 0;
          for (let k = 0; k < runs; k++) {
            await before?.();
            const begun = performance.now();
            read = (await reading()).read;
            times.push(performance.now() - begun);
          }
          ctx.log(
            `${name}: ${read} documents, p50 ${percentile(times, 50).toFixed(1)} ms, p99 ${percentile(times, 99).toFixed(1)} ms`,
          );
          for (const [key, value, unit] of [
            [`ledger.${name}P50Ms`, round(percentile(times, 50)), 'ms'],
            [`ledger.${name}P99Ms`, round(percentile(times, 99)), 'ms'],
            [`ledger.${name}Documents`, read, 'documents'],
          ] as const)
            await ctx.record({ key, value, unit, storedRequests: stored, note });
        };
        const ledgerOf = (query: LedgerQuery) => () => readLedger(store.models, ladder, query);
        for (const [name, query] of Object.entries(queries)) await measure(name, ledgerOf(query), samples);
        for (const [name, query] of Object.entries(rankings))
          await measure(name, () => readRanking(store.models, ladder, settings, query), samples);
        // Requests filed on the last day since the county's month was last read: written and marked
        // as the projection does, then summed again by the read.
        const change = (requests: number) => async () => {
          const docs = Array.from({ length: requests }, (_, k) =>
            contributions(k, total, `late-${late++}`).filter((doc) => doc.day === demoCounty.lastDay),
          ).flat();
          await store.models.KpiContribution.insertMany(docs, { lean: true });
          await markChanged(store.models.KpiMark, docs);
        };
        await measure('countyMonthAfterOneChange', ledgerOf(queries.countyMonth), samples, change(1));
        await measure(
          'countyMonthAfterAnHour',
          ledgerOf(queries.countyMonth),
          samples,
          change(hourOfChanges),
        );
      }
    } finally {
      await store.stop();
    }
  },
};

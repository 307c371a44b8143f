import { performance } from 'node:perf_hooks';
import { RequestDoc } from '../../activities/db/models';
import { upsertIfNewer } from '../../activities/db/versionedUpsert';
import { jiebaTextModel } from '../../api/duplicates/jieba';
import { findDuplicates } from '../../api/duplicates/search';
import { defaultDuplicateSettings } from '../../domain/duplicates/candidates';
import { filingTerms, Terms } from '../../domain/duplicates/terms';
import { startReadModelStore } from '../../test/support/readModelStore';
import { syntheticJurisdiction } from '../../test/support/requestDocs';
import { city, cityRequestDoc, filingText, grids, now, yearOfRequests } from '../duplicates/city';
import { percentile } from '../load';
import { scaled, Section } from '../section';

const sizes = [100_000, 1_000_000];
const searches = 300;
const writes = 200;
const seedBatch = 2_000;

const round = (ms: number) => Math.round(ms * 100) / 100;
const bytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value));

/** A deterministic sequence of probes: the same grids and matters in every run. */
const probeAt = (k: number) => ({ grid: (k * 7_907) % grids, matter: k % 12, building: 1 + (k % 10) });

export const duplicates: Section = {
  name: 'duplicates',
  describe:
    `duplicate candidates (重复诉求) alone, over list documents written in bulk: a city of ${grids.toLocaleString('en-US')} grids filing 2,740 requests a day, ` +
    '100,000 and 1,000,000 × scale stored (its last 36 days, its year): 60% of the last 14 days’ requests open, 0.5% of older ones, the rest closed; ' +
    `p50/p95 of ${searches} searches (a new filing in another resident's words, its terms by jieba, then the read of its village's open requests and the ranking, as a village leader), ` +
    `the documents each reads, and what the terms add to a filing: jieba's time, the bytes, and the list document's write p50 with and without them (${writes} each)`,
  async run(ctx) {
    const text = jiebaTextModel();
    const terms = (filing: { title: string; description: string }): Terms =>
      filingTerms(filing, text.segment, text.rarity);
    const mongoUri = process.env.MONGODB_URI?.replace(/\/[^/]*$/, '');
    const store = await startReadModelStore('lianxin_bench_duplicates', { mongoUri });
    const deadline = Date.now() + ctx.budgetMinutes * 60_000;
    try {
      let stored = 0;
      let written = 0;
      for (const size of sizes.map((n) => scaled(n, ctx.scale, 1_000))) {
        const seeding = performance.now();
        for (; stored < size; stored += seedBatch) {
          if (Date.now() > deadline) {
            ctx.log(`budget spent at ${stored} stored; ${size} not reached`);
            return;
          }
          const docs = Array.from({ length: Math.min(seedBatch, size - stored) }, (_, k) =>
            cityRequestDoc(stored + k, terms),
          );
          await store.models.Request.insertMany(docs, { lean: true });
        }
        stored = size;
        const seedSeconds = (performance.now() - seeding) / 1000;
        ctx.log(`stored ${size} list documents (${seedSeconds.toFixed(0)} s to write this step)`);
        const note = `${store.kind}; city of ${grids} grids, ${yearOfRequests} requests a year at one rate; window ${defaultDuplicateSettings.windowDays} days; direct calls, no HTTP`;
        const record = (key: string, value: number, unit: string, extra?: string) =>
          ctx.record({
            key: `duplicates.${key}`,
            value,
            unit,
            storedRequests: stored,
            note: extra ? `${note}; ${extra}` : note,
          });

        const times: number[] = [];
        let read = 0;
        let shown = 0;
        for (let k = 0; k < searches; k++) {
          const { grid, matter, building } = probeAt(k);
          const jurisdiction = syntheticJurisdiction(city, grid);
          const actor = { id: 'leader-bench', role: 'unit_leader' as const, unit: jurisdiction[1] };
          const started = performance.now();
          const probe = { jurisdiction, at: now, terms: terms(filingText(matter, grid, building, true)) };
          const found = await findDuplicates({ models: store.models }, probe, actor);
          times.push(performance.now() - started);
          shown += found.candidates.length;
          read += await store.models.Request.countDocuments({ openUnit1: jurisdiction[1] });
        }
        ctx.log(
          `search: p50 ${percentile(times, 50).toFixed(1)} ms, p95 ${percentile(times, 95).toFixed(1)} ms; ${(read / searches).toFixed(1)} documents read, ${(shown / searches).toFixed(1)} candidates shown on average`,
        );
        await record('searchP50Ms', round(percentile(times, 50)), 'ms');
        await record('searchP95Ms', round(percentile(times, 95)), 'ms');
        await record(
          'documentsReadPerSearch',
          round(read / searches),
          'documents',
          'the open requests of the village',
        );
        await record('candidatesPerSearch', round(shown / searches), 'candidates');

        // What the terms add to a filing: worked out by the API, stored with its list document.
        const filings = Array.from({ length: writes }, (_, k) => filingText(k, k, 1 + (k % 10), false));
        const segmenting = performance.now();
        const weighed = filings.map(terms);
        await record(
          'termsMsPerFiling',
          round((performance.now() - segmenting) / writes),
          'ms',
          'jieba and weighing',
        );
        await record(
          'termsBytesPerFiling',
          Math.round(weighed.reduce((sum, t) => sum + bytes(t), 0) / writes),
          'bytes',
          'as JSON',
        );
        const upserts = async (withTerms: boolean) => {
          const took: number[] = [];
          for (let k = 0; k < writes; k++) {
            const doc: RequestDoc = {
              ...cityRequestDoc(k, terms),
              _id: `write-${written++}`,
              terms: weighed[k],
            };
            if (!withTerms) delete doc.terms;
            const started = performance.now();
            await upsertIfNewer(store.models.Request, doc);
            took.push(performance.now() - started);
          }
          return percentile(took, 50);
        };
        const without = await upserts(false);
        const withTerms = await upserts(true);
        ctx.log(
          `list document write p50: ${without.toFixed(1)} ms without terms, ${withTerms.toFixed(1)} ms with`,
        );
        await record('writeP50MsWithoutTerms', round(without), 'ms');
        await record('writeP50MsWithTerms', round(withTerms), 'ms');
      }
    } finally {
      await store.stop();
    }
  },
};

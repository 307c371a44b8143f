/**
 * What counting open requests for /metrics costs (api/metrics/caseCounts.ts): read through
 * FerretDB, and counted in its PostgreSQL, at 2,000, 20,000 and 60,000 stored, half of them open.
 * `npx ts-node --transpile-only test/bench/caseCounts.bench.ts`
 */
import pg from 'pg';
import { countOpenCases, postgresRequestCounter } from '../../api/metrics/caseCounts';
import { syntheticRequestDoc, demoCounty } from '../support/requestDocs';
import { startReadModelStore } from '../support/readModelStore';

async function main() {
  const store = await startReadModelStore('case_counts_bench');
  const pool = new pg.Pool({ connectionString: store.postgresUrl, max: 1 });
  const county = { ...demoCounty, openEvery: 2 };
  const counter = postgresRequestCounter(pool, {
    database: () => store.db.name,
    name: store.models.Request.collection.collectionName,
  });
  let seeded = 0;
  for (const total of [2_000, 20_000, 60_000]) {
    const t0 = Date.now();
    while (seeded < total) {
      const docs = Array.from({ length: Math.min(2000, total - seeded) }, (_, k) =>
        syntheticRequestDoc(county, seeded + k, 60_000),
      );
      await store.models.Request.insertMany(docs, { lean: true });
      seeded += docs.length;
    }
    console.log(`seeded ${total} in ${Date.now() - t0} ms`);
    const now = new Date('2026-11-20T00:00:00Z');
    for (let run = 0; run < 3; run++) {
      let t = process.hrtime.bigint();
      const a = await countOpenCases(store.models, now);
      const readMs = Number(process.hrtime.bigint() - t) / 1e6;
      t = process.hrtime.bigint();
      const b = await countOpenCases(store.models, now, counter);
      const sqlMs = Number(process.hrtime.bigint() - t) / 1e6;
      const open = (c: typeof a) => c.reduce((s, x) => s + x.open, 0);
      console.log(
        `stored ${total}, open ${open(b)} (${open(a)}): read ${readMs.toFixed(0)} ms, postgres ${sqlMs.toFixed(0)} ms`,
      );
    }
  }
  await pool.end();
  await store.stop();
}
void main();

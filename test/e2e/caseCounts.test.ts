import pg from 'pg';
import { countOpenCases, postgresRequestCounter } from '../../api/metrics/caseCounts';
import { seedRequestDocs, syntheticRequestDoc, demoCounty } from '../support/requestDocs';
import { ReadModelStore, startReadModelStore } from '../support/readModelStore';

const total = 1_000;
let store: ReadModelStore;
let pool: pg.Pool;
beforeAll(async () => {
  store = await startReadModelStore('case_counts');
  pool = new pg.Pool({ connectionString: store.postgresUrl, max: 1 });
  await seedRequestDocs(
    store.models,
    Array.from({ length: total }, (_, i) => syntheticRequestDoc(demoCounty, i, total)),
  );
}, 180_000);
afterAll(async () => {
  await pool?.end();
  await store?.stop();
});

const sorted = <T extends { state: string; level: string }>(counts: T[]) =>
  [...counts].sort((a, b) => `${a.state}|${a.level}`.localeCompare(`${b.state}|${b.level}`));

describe('open and overdue cases for /metrics, on FerretDB over PostgreSQL', () => {
  test('When PostgreSQL counts the open requests, then it finds what reading them through FerretDB finds', async () => {
    const now = new Date('2026-11-20T00:00:00Z');
    const timed = async <T>(count: () => Promise<T>) => {
      const started = process.hrtime.bigint();
      const result = await count();
      return { result, ms: Number(process.hrtime.bigint() - started) / 1e6 };
    };
    const read = await timed(() => countOpenCases(store.models, now));
    const counter = postgresRequestCounter(pool, {
      database: () => store.db.name,
      name: store.models.Request.collection.collectionName,
    });
    const counted = await timed(() => countOpenCases(store.models, now, counter));

    expect(sorted(counted.result)).toEqual(sorted(read.result));
    const requests = counted.result.filter((c) => c.kind === 'request');
    expect(requests.reduce((sum, c) => sum + c.open, 0)).toBe(total / demoCounty.openEvery);
    expect(requests.map((c) => c.level)).toEqual(expect.arrayContaining(['grid', 'committee']));
    const overdue = requests.reduce((sum, c) => sum + c.overdue, 0);
    expect(overdue).toBeGreaterThan(0);
    expect(overdue).toBeLessThan(total / demoCounty.openEvery);
    console.log(
      `${total / demoCounty.openEvery} open of ${total} stored: read through FerretDB ${read.ms.toFixed(0)} ms, counted in PostgreSQL ${counted.ms.toFixed(0)} ms`,
    );
  });
});

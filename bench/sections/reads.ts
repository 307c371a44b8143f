import { performance } from 'node:perf_hooks';
import { prepareStore } from '../../activities/db/store';
import { requestProjectionActivities } from '../../activities/requests/projection';
import { listRequests, RequestListQuery } from '../../api/requests/list';
import { buildOrgDirectory, OrgDirectory } from '../../domain/org';
import { Policy } from '../../domain/policy/policy';
import { decide, submitRequest } from '../../domain/requests/transitions';
import { defaultPolicy, submission } from '../../test/support/fixtures';
import { ReadModelStore, startReadModelStore } from '../../test/support/readModelStore';
import { countLanded } from '../../activities/db/slices';
import {
  demoCounty,
  requestLandings,
  syntheticGrids,
  syntheticJurisdiction,
  syntheticRequestDoc,
} from '../../test/support/requestDocs';
import { percentile } from '../load';
import { cpuByRole } from '../processes';
import { BenchContext, scaled, Section } from '../section';

const sizes = [10_000, 100_000, 1_000_000];
const samplesPerShape = 60;
const projectionSamples = 150;
const seedBatch = 2_000;
const sqliteSize = 1_000;

/** The org directory of the synthetic county the documents are spread over. */
function countyOrg(policy: Policy): OrgDirectory {
  const units = new Map<
    string,
    { id: string; level: string; parent?: string; grid?: string; name: { zh: string; en: string } }
  >();
  for (let grid = 0; grid < syntheticGrids(demoCounty); grid++) {
    syntheticJurisdiction(demoCounty, grid).forEach((id, level, chain) =>
      units.set(id, {
        id,
        level: policy.ladder[level].id,
        parent: chain[level + 1],
        grid: level === 0 ? `g${grid}` : undefined,
        name: { zh: id, en: id },
      }),
    );
  }
  return buildOrgDirectory({ units: [...units.values()] }, policy);
}

/** The lists people open most: a village's closed cases, a township's open ones, the committee's agenda, the county's newest. */
const listShapes: Record<string, Omit<RequestListQuery, 'pageSize'>> = {
  villageClosed: { unit: 'village-37', status: 'closed' },
  townshipAccepted: { unit: 'township-4', status: 'accepted' },
  committeeAgenda: { level: 'committee' },
  countyNewest: { unit: 'committee-c01' },
  gridAll: { unit: 'grid-512' },
};

/**
 * Stores what the projection would have stored for requests `from`…`to`. The day counts are
 * summed over the whole range and written once: each count is then one write, not one per batch
 * (nothing reads the lists while they are seeded).
 */
async function seed(
  store: ReadModelStore,
  from: number,
  to: number,
  log: (line: string) => void,
): Promise<void> {
  const started = performance.now();
  const landed = new Map<string, { scope: string; day: string; n: number }>();
  for (let i = from; i < to; i += seedBatch) {
    const docs = Array.from({ length: Math.min(seedBatch, to - i) }, (_, k) =>
      syntheticRequestDoc(demoCounty, i + k, sizes[sizes.length - 1]),
    );
    await Promise.all([
      store.models.Request.insertMany(docs, { lean: true }),
      store.models.RequestState.insertMany(
        docs.map((doc) => ({
          _id: doc._id,
          revision: doc.revision,
          state: { ...doc, description: '楼道灯坏了'.repeat(20) },
        })),
        { lean: true },
      ),
      store.models.Timeline.insertMany(
        docs.map((doc) => ({
          _id: `request-${doc._id}:1`,
          caseId: `request-${doc._id}`,
          revision: 1,
          entry: { at: doc.submittedAt, action: 'submit' },
        })),
        { lean: true },
      ),
    ]);
    for (const { scope, day } of requestLandings(docs)) {
      const key = `${scope}|${day}`;
      landed.set(key, { scope, day, n: (landed.get(key)?.n ?? 0) + 1 });
    }
  }
  await countLanded(store.models.Slice, 'requests', [...landed.values()]);
  log(`seeded ${to - from} requests in ${((performance.now() - started) / 1000).toFixed(0)} s`);
}

async function timeLists(
  store: ReadModelStore,
  org: OrgDirectory,
  now: number,
): Promise<Record<string, number[]>> {
  const times: Record<string, number[]> = {};
  for (const [name, shape] of Object.entries(listShapes)) {
    times[name] = [];
    let cursor: string | undefined;
    for (let k = 0; k < samplesPerShape; k++) {
      const started = performance.now();
      const page = await listRequests(store.models, org, { ...shape, pageSize: 20, cursor }, now);
      times[name].push(performance.now() - started);
      // Walk a few pages deep, then start over: people read the first pages most.
      cursor = k % 5 === 4 ? undefined : page.next;
    }
  }
  return times;
}

/** Projection writes of real request states: a new request filed, then dispatched (insert, then update). */
async function timeProjections(store: ReadModelStore, policy: Policy, offset: number): Promise<number[]> {
  const project = requestProjectionActivities(store.models).projectRequest;
  const times: number[] = [];
  for (let k = 0; k < projectionSamples / 2; k++) {
    const grid = (k * 131) % syntheticGrids(demoCounty);
    const filed = submitRequest(
      submission({
        id: `bench-${offset}-${k}`,
        gridId: `g${grid}`,
        jurisdiction: syntheticJurisdiction(demoCounty, grid),
      }),
      { policy, now: Date.now() },
    );
    const dispatched = decide(
      filed.state,
      {
        type: 'dispatch',
        assignee: `member-${grid}`,
        actor: { id: 'sec-1', role: 'branch_secretary', unit: `grid-${grid}` },
      },
      { policy, now: Date.now() },
    );
    for (const { state } of [filed, dispatched]) {
      const entries = state.timeline.filter((entry) => entry.revision === state.revision);
      const started = performance.now();
      await project({ state: { ...state, timeline: [] }, entries });
      times.push(performance.now() - started);
    }
  }
  return times;
}

async function measure(
  ctx: BenchContext,
  store: ReadModelStore,
  org: OrgDirectory,
  policy: Policy,
  stored: number,
  prefix: string,
): Promise<void> {
  const now = Date.parse(`${demoCounty.lastDay}T16:00:00Z`);
  const note = `${store.kind}, synthetic county of ${syntheticGrids(demoCounty)} grids over ${demoCounty.days} days, 1 in ${demoCounty.openEvery} open`;
  // CPU time of the store's processes (FerretDB, PostgreSQL) per operation: unlike latency, barely moved by other work on the machine.
  const storeCpu = () => {
    const cpu = cpuByRole(undefined, []);
    return (cpu.ferretdb ?? 0) + (cpu.postgres ?? 0);
  };
  const cpuPer = async (key: string, count: number, since: number) =>
    ctx.record({
      key,
      value: round(((storeCpu() - since) * 1000) / count),
      unit: 'CPU ms',
      storedRequests: stored,
      note: `FerretDB + PostgreSQL CPU time per operation; ${note}`,
    });
  let since = storeCpu();
  const lists = await timeLists(store, org, now);
  await cpuPer(`reads.${prefix}listStoreCpuMs`, Object.values(lists).flat().length, since);
  for (const [name, times] of Object.entries(lists))
    ctx.log(
      `${name}: p50 ${percentile(times, 50).toFixed(1)} ms, p99 ${percentile(times, 99).toFixed(1)} ms`,
    );
  const all = Object.values(lists).flat();
  await ctx.record({
    key: `reads.${prefix}listP99Ms`,
    value: round(percentile(all, 99)),
    unit: 'ms',
    storedRequests: stored,
    note: `${Object.keys(listShapes).join(', ')}, ${samplesPerShape} pages each; ${note}`,
  });
  await ctx.record({
    key: `reads.${prefix}listP50Ms`,
    value: round(percentile(all, 50)),
    unit: 'ms',
    storedRequests: stored,
    note,
  });
  const byId: number[] = [];
  for (let k = 0; k < samplesPerShape; k++) {
    const started = performance.now();
    await store.models.RequestState.findById(`synthetic-${(k * 7_919) % stored}`).lean();
    byId.push(performance.now() - started);
  }
  await ctx.record({
    key: `reads.${prefix}byIdP99Ms`,
    value: round(percentile(byId, 99)),
    unit: 'ms',
    storedRequests: stored,
    note,
  });
  since = storeCpu();
  const writes = await timeProjections(store, policy, stored);
  await cpuPer(`projection.${prefix}writeStoreCpuMs`, writes.length, since);
  await ctx.record({
    key: `projection.${prefix}writeP99Ms`,
    value: round(percentile(writes, 99)),
    unit: 'ms',
    storedRequests: stored,
    note: `${writes.length} writes of real states (timeline entry, state, list document); ${note}`,
  });
  await ctx.record({
    key: `projection.${prefix}writeP50Ms`,
    value: round(percentile(writes, 50)),
    unit: 'ms',
    storedRequests: stored,
    note,
  });
}

const round = (ms: number) => Math.round(ms * 10) / 10;

export const reads: Section = {
  name: 'reads',
  describe:
    'the read models alone, seeded directly with synthetic request documents (list, full state, one timeline entry each) at 10,000, 100,000 and 1,000,000 × scale ' +
    "(and on FerretDB's SQLite backend at 1,000 whatever the scale, keys `*.sqlite.*`): " +
    `p50/p99 of ${Object.keys(listShapes).length} list shapes through the API's list query (keyset pages, ${samplesPerShape} each), of reads by id, and of projection writes of real states`,
  async run(ctx) {
    const policy = defaultPolicy();
    const org = countyOrg(policy);
    const mongoUri = process.env.MONGODB_URI?.replace(/\/[^/]*$/, '');
    const embedded: { prefix: string; sizes: number[]; backend?: 'sqlite' } = {
      prefix: '',
      sizes: sizes.map((n) => scaled(n, ctx.scale, 1_000)),
    };
    // FerretDB on SQLite only at a size it answers in minutes, for the record of why it is not the default.
    const stores = mongoUri
      ? [embedded]
      : [embedded, { prefix: 'sqlite.', backend: 'sqlite' as const, sizes: [sqliteSize] }];
    for (const run of stores) {
      const store = await startReadModelStore('lianxin_bench_reads', { mongoUri, backend: run.backend });
      try {
        // A dropped database loses its collections and indexes: prepare the store again.
        await store.db.dropDatabase();
        await prepareStore(store.db, store.postgresUrl);
        let stored = 0;
        for (const size of run.sizes) {
          await seed(store, stored, size, ctx.log);
          stored = size;
          await measure(ctx, store, org, policy, stored, run.prefix);
        }
      } finally {
        await store.stop();
      }
    }
  },
};

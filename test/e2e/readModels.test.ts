import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { ginIndexName, prepareStore } from '../../activities/db/store';
import { beijingDay, countLanded, landedOn, sliceKey } from '../../activities/db/slices';
import { inboxActivities, inboxScope } from '../../activities/notifications/inbox';
import { listRequests, RequestListQuery } from '../../api/requests/list';
import { listCommitments } from '../../api/commitments/list';
import { ListQuery as CommitmentListQuery } from '../../api/commitments/schema';
import { commitmentLanded, commitmentList } from '../../activities/commitments/projection';
import { CommitmentDoc } from '../../activities/db/commitmentModels';
import { timeSlices } from '../../activities/db/slices';
import { newestFirst } from '../../api/paging/newestFirst';
import { buildOrgDirectory } from '../../domain/org';
import { parsePolicy, Policy } from '../../domain/policy/policy';
import { repoRoot } from '../support/fixtures';
import { ReadModelStore, startReadModelStore } from '../support/readModelStore';
import {
  demoCounty,
  seedRequestDocs,
  SyntheticCounty,
  syntheticGrids,
  syntheticJurisdiction,
  syntheticRequestDoc,
} from '../support/requestDocs';

/**
 * The read models on FerretDB over PostgreSQL, seeded directly: every hot query is served by the
 * GIN indexes the app makes (a query reshaped past FerretDB's pushdown, or an index gone, fails
 * here), and lists page through bounded slices without losing or repeating a request.
 */
const county: SyntheticCounty = {
  ...demoCounty,
  townships: 2,
  villagesPerTownship: 3,
  gridsPerVillage: 4,
  days: 12,
};
const total = 3_000;
const docs = Array.from({ length: total }, (_, i) => syntheticRequestDoc(county, i, total));
let store: ReadModelStore;
const dayMs = 86_400_000;
/** The moment every list is read at: midnight (Beijing) after the county's last day. */
const now = Date.parse(`${county.lastDay}T16:00:00Z`);

/** 1,200 commitments whose terms start at local midnight, one every ~1.3 days from 4 years back to 60 days ahead. */
const plans: CommitmentDoc[] = Array.from({ length: 1_200 }, (_, i) => {
  const units = syntheticJurisdiction(county, (i * 7919) % syntheticGrids(county));
  const startsAt = new Date(now + 60 * dayMs - Math.floor((i * 4 * 365 + 60) / 1_200) * dayMs);
  const endsAt = new Date(startsAt.getTime() + 3 * 365 * dayMs);
  return {
    _id: `plan-${i}`,
    revision: 3,
    kind: i % 5 === 0 ? 'pairing' : 'enterprise',
    status: i % 9 === 0 ? 'suspended' : endsAt.getTime() < now ? 'closed' : 'active',
    title: `plan ${i}`,
    team: `team-${i % 4}`,
    department: 'industry-bureau',
    lead: `lead-${i}`,
    holders: [`lead-${i}`],
    year: 1,
    startsAt,
    ...timeSlices(startsAt),
    endsAt,
    nextObligationDueAt: new Date(now + (i % 3 === 0 ? -1 : 10) * dayMs),
    escalated: i % 4 === 0,
    gridId: units[0],
    units,
    ...Object.fromEntries(units.map((unit, level) => [`unit${level}`, unit])),
    updatedAt: startsAt,
    state: {},
  };
});

beforeAll(async () => {
  store = await startReadModelStore('readmodels');
  expect(store.kind).toBe('ferretdb-postgresql');
  await seedRequestDocs(store.models, docs);
  await store.models.Commitment.insertMany(plans, { lean: true });
  for (const plan of plans)
    await countLanded(store.models.Slice, commitmentList(plan.kind), commitmentLanded(plan));
  await store.models.Timeline.insertMany(
    Array.from({ length: 2_000 }, (_, i) => ({
      _id: `request-r${i % 500}:${i}`,
      caseId: `request-r${i % 500}`,
      revision: i,
      entry: {},
    })),
  );
  await withPostgres((client) => client.query('ANALYZE'));
});

afterAll(() => store?.stop());

async function withPostgres<T>(use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: store.postgresUrl });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

/** The synthetic county's units, each at its ladder level under its parent. */
function syntheticOrg(policy: Policy) {
  const units = Array.from({ length: syntheticGrids(county) }, (_, grid) =>
    syntheticJurisdiction(county, grid),
  );
  return buildOrgDirectory(
    {
      units: [
        ...new Map(
          units.flatMap((chain) =>
            chain.map((id, level) => [
              id,
              {
                id,
                level: policy.ladder[level].id,
                parent: chain[level + 1],
                grid: level === 0 ? `g${id.slice(5)}` : undefined,
                name: { zh: id, en: id },
              },
            ]),
          ),
        ).values(),
      ],
    },
    policy,
  );
}

describe('pushdown indexes', () => {
  /** How PostgreSQL's plan for this find reads the table: the indexes it uses, and whether it scans. */
  async function planOf(collection: string, filter: object): Promise<{ indexes: string[]; scans: boolean }> {
    const plan = JSON.stringify(
      (await store.db.db!.command({ explain: { find: collection, filter } })).queryPlanner,
    );
    return {
      indexes: [...plan.matchAll(/"Index Name":"([^"]+)"/g)].map((m) => m[1]),
      scans: plan.includes('"Seq Scan"'),
    };
  }

  test.each([
    ['a projection write or a read by id', 'requests', { _id: 'synthetic-77' }, ['_id']],
    [
      'a unit’s requests in one status filed in one hour',
      'requests',
      { unit1: 'village-3', hour: docs[1234].hour, status: 'accepted' },
      ['unit1', 'hour', 'status'],
    ],
    [
      'the requests at one ladder level filed on one day',
      'requests',
      { day: docs[1234].day, level: 'committee' },
      ['day', 'level'],
    ],
    [
      'a unit’s requests in one status filed on one day',
      'requests',
      { unit0: 'grid-7', day: docs[1234].day, status: 'closed' },
      ['unit0', 'day', 'status'],
    ],
    [
      'a quiet unit’s requests filed in one month',
      'requests',
      { unit0: 'grid-7', month: docs[1234].month },
      ['unit0', 'month'],
    ],
    [
      'a unit’s requests under a node of the category tree filed in one month',
      'requests',
      { unit1: 'village-3', month: docs[1234].month, categoryNode1: 'urban_rural' },
      ['unit1', 'month', 'categoryNode1'],
    ],
    [
      'a village’s open requests (its filings’ duplicate candidates)',
      'requests',
      { openUnit1: 'village-3' },
      ['openUnit1'],
    ],
    [
      'a township’s open requests falling due in one hour (its due-soon list)',
      'requests',
      { unit2: 'township-1', dueHour: docs[0].dueHour, 'deadline.dueAt': { $gte: docs[0].submittedAt } },
      ['unit2', 'dueHour'],
    ],
    [
      'a member’s requests in one status filed in one month (their own queue)',
      'requests',
      { unit0: 'grid-7', month: docs[1234].month, status: 'dispatched', assignee: 'member-7' },
      ['unit0', 'month', 'status', 'assignee'],
    ],
    ['a case’s timeline', 'timeline', { caseId: 'request-r42' }, ['caseId']],
    [
      'a township’s plans in one status starting in one month',
      'commitments',
      { kind: 'enterprise', unit2: 'township-1', month: plans[300].month, status: 'active' },
      ['kind', 'unit2', 'month', 'status'],
    ],
    [
      'a grid’s commitments of every kind whose term overlaps a period (its commitment figures)',
      'commitments',
      { unit0: 'grid-7', startsAt: { $lt: new Date(now) }, endsAt: { $gt: new Date(now - 30 * dayMs) } },
      ['unit0'],
    ],
  ])(
    'When %s is queried, then PostgreSQL finds it through the GIN index',
    async (_what, collection, filter, fields) => {
      const table = await withPostgres(
        async (client) =>
          (
            await client.query(
              `SELECT _jsonb->>'table' AS t FROM readmodels._ferretdb_database_metadata WHERE _jsonb->>'_id' = $1`,
              [collection],
            )
          ).rows[0].t as string,
      );
      const ours = fields.map((field) => ginIndexName(table, field));
      const plan = await planOf(collection, filter);
      expect(plan.scans).toBe(false);
      expect(plan.indexes.length).toBeGreaterThan(0);
      expect(plan.indexes.filter((name) => !ours.includes(name))).toEqual([]);
    },
  );

  test('When the store is prepared again, then it makes nothing twice and the indexes stay', async () => {
    const count = () =>
      withPostgres(async (client) =>
        Number(
          (
            await client.query(
              `SELECT count(*) AS n FROM pg_indexes WHERE schemaname = 'readmodels' AND indexname LIKE 'lianxin_gin_%'`,
            )
          ).rows[0].n,
        ),
      );
    const before = await count();
    await prepareStore(store.db, store.postgresUrl);
    expect(await count()).toBe(before);
    expect(before).toBeGreaterThanOrEqual(10);
  });
});

describe('request lists', () => {
  const org = syntheticOrg(
    parsePolicy(JSON.parse(readFileSync(join(repoRoot, 'config', 'policy.default.json'), 'utf8'))),
  );

  async function everyPage(q: Omit<RequestListQuery, 'cursor'>): Promise<{ ids: string[]; pages: number }> {
    const ids: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await listRequests(store.models, org, { ...q, cursor }, now);
      ids.push(...page.items.map((doc) => doc._id));
      cursor = page.next;
      pages += 1;
    } while (cursor && pages < 500);
    return { ids, pages };
  }

  const expected = (keep: (doc: (typeof docs)[number]) => boolean) =>
    docs
      .filter(keep)
      .sort((a, b) => b.submittedAt.localeCompare(a.submittedAt) || b._id.localeCompare(a._id))
      .map((doc) => doc._id);

  test('When a village’s closed requests are paged through, then every one comes once, newest first', async () => {
    const { ids, pages } = await everyPage({ unit: 'village-2', status: 'closed', pageSize: 25 });
    expect(ids).toEqual(expected((doc) => doc.unit1 === 'village-2' && doc.status === 'closed'));
    expect(pages).toBeGreaterThan(3);
  });

  /** Which slice each query of `list` read: a month, a day or an hour. */
  async function slicesRead<T>(
    list: () => Promise<T>,
  ): Promise<{ result: T; slices: Set<string | undefined> }> {
    const find = jest.spyOn(store.models.Request, 'find');
    try {
      const result = await list();
      const filters = find.mock.calls as unknown as [object][];
      return {
        result,
        slices: new Set(filters.map(([filter]) => ['month', 'day', 'hour'].find((key) => key in filter))),
      };
    } finally {
      find.mockRestore();
    }
  }

  test('When the county’s requests in a rare status are listed, then its busy days are sampled by the hour, then read whole', async () => {
    const { result, slices } = await slicesRead(() =>
      everyPage({ unit: 'committee-c01', status: 'accepted', pageSize: 7 }),
    );
    expect(result.ids).toEqual(expected((doc) => doc.status === 'accepted'));
    expect(result.ids.length).toBeGreaterThan(7);
    expect(slices).toEqual(new Set(['hour', 'day']));
  });

  test('When a quiet grid’s requests are paged through, then each month is read in one query, whole or up to the day asked', async () => {
    const whole = await slicesRead(() => everyPage({ unit: 'grid-7', pageSize: 10 }));
    expect(whole.result.ids).toEqual(expected((doc) => doc.unit0 === 'grid-7'));
    expect(whole.result.pages).toBeGreaterThan(3);
    expect(whole.slices).toEqual(new Set(['month']));
    const upTo = await slicesRead(() => everyPage({ unit: 'grid-7', pageSize: 10, to: '2026-11-24' }));
    expect(upTo.result.ids).toEqual(expected((doc) => doc.unit0 === 'grid-7' && doc.day <= '2026-11-24'));
    expect(upTo.slices).toEqual(new Set(['month']));
  });

  test('When everything in the county is listed, then its busy days are read from the newest hours and nothing is lost across pages and walk bounds', async () => {
    const { result, slices } = await slicesRead(() => everyPage({ pageSize: 100, from: '2026-11-20' }));
    expect(result.ids).toEqual(expected((doc) => doc.day >= '2026-11-20'));
    expect(slices.has('hour')).toBe(true);
  });

  test('When a busy recipient’s inbox is paged through, then every notice comes once, newest first, no day counted short of what it holds', async () => {
    const { deliverInbox } = inboxActivities(store.models);
    const notices = Array.from({ length: 400 }, (_, i) => ({
      key: `request-r${i}:1:0:committee-c01`,
      caseId: `request-r${i}`,
      recipient: 'committee-c01',
      kind: 'agenda' as const,
      message: `议程 ${i}`,
      createdAt: new Date(now - i * 180_000).toISOString(),
    }));
    await deliverInbox(notices.slice(0, 250));
    await deliverInbox(notices.slice(200));
    const ids: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await newestFirst(
        {
          model: store.models.Notification,
          slices: store.models.Slice,
          list: 'notifications',
          scope: inboxScope('committee-c01'),
          filter: { recipient: 'committee-c01' },
          time: 'createdAt',
          storedAsDate: true,
        },
        { pageSize: 30, cursor },
        now,
      );
      ids.push(...page.items.map((doc) => doc._id));
      cursor = page.next;
    } while (cursor);
    expect(ids).toEqual(notices.map((notice) => notice.key));
    expect(
      (
        await store.models.Slice.findById(
          sliceKey('notifications', inboxScope('committee-c01'), beijingDay(new Date(now - 1))),
        ).lean()
      )?.n,
    ).toBe(449);
  });

  test('When many writers count the same new day at once, then none is refused and the day is counted', async () => {
    const writers = Array.from({ length: 24 }, () =>
      countLanded(store.models.Slice, 'requests', [{ scope: 'unit0=grid-new', day: '2026-10-03' }]),
    );
    await expect(Promise.all(writers)).resolves.toHaveLength(24);
    // FerretDB may lose concurrent increments (see slices.ts); it never loses them all.
    const counted = await landedOn(store.models.Slice, 'requests', 'unit0=grid-new', '2026-10-03');
    expect(counted).toBeGreaterThanOrEqual(1);
    expect(counted).toBeLessThanOrEqual(24);
  });

  test('When a township’s requests due within three days are paged through, then every open one not yet due comes once, soonest first, read hour by hour', async () => {
    const dueBefore = new Date(now + 72 * 3_600_000).toISOString();
    const nowIso = new Date(now).toISOString();
    const { ids } = await everyPage({ unit: 'township-1', dueBefore, pageSize: 7 });
    const due = docs
      .filter((doc) => doc.unit2 === 'township-1' && doc.dueHour !== undefined)
      .filter((doc) => doc.deadline!.dueAt >= nowIso && doc.deadline!.dueAt < dueBefore)
      .sort((a, b) => a.deadline!.dueAt.localeCompare(b.deadline!.dueAt) || a._id.localeCompare(b._id))
      .map((doc) => doc._id);
    expect(due.length).toBeGreaterThan(20);
    expect(ids).toEqual(due);
  });

  test('When a due-soon list looks past three days, behind now, or by filing day too, then it is refused naming the field', async () => {
    const ahead = (hours: number) => new Date(now + hours * 3_600_000).toISOString();
    await expect(
      listRequests(store.models, org, { dueBefore: ahead(73), pageSize: 5 }, now),
    ).rejects.toMatchObject({
      status: 400,
      message: 'query.dueBefore: expected a time at most 72 hours ahead',
    });
    await expect(
      listRequests(store.models, org, { dueBefore: ahead(-1), pageSize: 5 }, now),
    ).rejects.toMatchObject({ status: 400, message: 'query.dueBefore: expected a time ahead of now' });
    await expect(
      listRequests(store.models, org, { dueBefore: ahead(1), from: county.lastDay, pageSize: 5 }, now),
    ).rejects.toMatchObject({ status: 400, message: expect.stringMatching(/^query\.from: /) });
  });

  test('When a list names an unknown unit or a cursor it never gave, then it is refused naming the field', async () => {
    await expect(
      listRequests(store.models, org, { unit: 'nowhere', pageSize: 5 }, now),
    ).rejects.toMatchObject({ status: 400, message: 'query.unit: unknown unit nowhere' });
    await expect(
      listRequests(store.models, org, { pageSize: 5, cursor: 'bm9wZQ' }, now),
    ).rejects.toMatchObject({ status: 400, message: 'query.cursor: not a cursor this list gave' });
  });
});

describe('commitment lists', () => {
  const policy = parsePolicy(
    JSON.parse(readFileSync(join(repoRoot, 'config', 'policy.default.json'), 'utf8')),
  );
  const org = syntheticOrg(policy);

  async function everyPage(
    q: Omit<CommitmentListQuery, 'cursor'>,
    kind: 'enterprise' | 'pairing' = 'enterprise',
  ) {
    const ids: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await listCommitments(store.models, org, policy, kind, { ...q, cursor }, now);
      ids.push(...page.items.map((doc) => doc._id));
      cursor = page.next;
      pages += 1;
    } while (cursor && pages < 500);
    return { ids, pages };
  }

  const expected = (kind: string, keep: (plan: CommitmentDoc) => boolean) =>
    plans
      .filter((plan) => plan.kind === kind && keep(plan))
      .sort((a, b) => b.startsAt.getTime() - a.startsAt.getTime() || b._id.localeCompare(a._id))
      .map((plan) => plan._id);

  test('When a township’s active plans are paged through, then every one comes once, latest term start first, those starting ahead included', async () => {
    const { ids, pages } = await everyPage({ unit: 'township-1', status: 'active', pageSize: 20 });
    expect(ids).toEqual(expected('enterprise', (p) => p.unit2 === 'township-1' && p.status === 'active'));
    expect(pages).toBeGreaterThan(3);
    expect(plans.find((p) => p._id === ids[0])!.startsAt.getTime()).toBeGreaterThan(now);
  });

  test('When overdue pairings are paged through, then the overdue filter’s $or and the cursor’s both hold on every page', async () => {
    const overdue = (p: CommitmentDoc) => p.escalated || p.nextObligationDueAt!.getTime() < now;
    const { ids, pages } = await everyPage({ overdue: true, pageSize: 7 }, 'pairing');
    expect(ids).toEqual(expected('pairing', overdue));
    expect(pages).toBeGreaterThan(3);
    expect((await everyPage({ overdue: false, pageSize: 50 }, 'pairing')).ids).toEqual(
      expected('pairing', (p) => !overdue(p)),
    );
  });

  test('When the plans active in a year are listed, then those started by its end and not ended before it began come, and a later start does not', async () => {
    const { ids } = await everyPage({ year: 2025, pageSize: 100 });
    const yearStart = Date.parse('2024-12-31T16:00:00Z');
    const nextYearStart = Date.parse('2025-12-31T16:00:00Z');
    expect(ids).toEqual(
      expected('enterprise', (p) => p.startsAt.getTime() < nextYearStart && p.endsAt.getTime() > yearStart),
    );
    expect(ids.length).toBeGreaterThan(100);
  });
});

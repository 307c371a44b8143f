import { join } from 'node:path';
import { kpiDay } from '../../domain/kpi/facts';
import { cycleUnderWay } from '../../domain/kpi/report';
import { useE2eSystem } from '../support/e2eSystem';
import { eventually } from '../support/eventually';
import { repoRoot } from '../support/fixtures';
import { authorizationTable, Cell, TableRole, tableRoles } from './authorization.table';

/**
 * The authorization table (authorization.table.ts) against the running API: every operation of its
 * OpenAPI document × every role × a target in the caller's scope and one outside it. The org has
 * two committees; the cases in scope sit in grid g01, those outside in g04 (another village and
 * township of the same committee) or, for the committee itself, g05 (the other committee's). The
 * directory's units and people are probed at the same places: a village and a grid member of its grid.
 */
const e2e = useE2eSystem(undefined, undefined, undefined, join(repoRoot, 'test', 'e2e', 'org.scope.json'));
const { http } = e2e;

type Who = { id: string; role: TableRole; unit: string };
const callers: Record<TableRole, Who> = {
  resident: { id: 'res-in', role: 'resident', unit: 'g01' },
  hotline_operator: { id: 'op-1', role: 'hotline_operator', unit: 'hotline' },
  grid_member: { id: 'member-g01', role: 'grid_member', unit: 'grid-g01' },
  branch_secretary: { id: 'sec-g01', role: 'branch_secretary', unit: 'grid-g01' },
  unit_leader: { id: 'leader-v01', role: 'unit_leader', unit: 'village-v01' },
  committee: { id: 'sec-c01', role: 'committee', unit: 'committee-c01' },
  assistance_team: { id: 'lead-in', role: 'assistance_team', unit: 'industry-bureau' },
  auditor: { id: 'aud-1', role: 'auditor', unit: 'audit' },
  administrator: { id: 'admin-1', role: 'administrator', unit: 'it' },
};
type Place = 'in' | 'far' | 'other';
/** Where the out-of-scope target of a role sits: the committee covers g04, not g05. */
const outside = (role: TableRole): Place => (role === 'committee' ? 'other' : 'far');
const grids: Record<Place, string> = { in: 'g01', far: 'g04', other: 'g05' };
const villages: Record<Place, string> = { in: 'village-v01', far: 'village-v03', other: 'village-v04' };
const collections = ['requests', 'plans', 'pairings', 'pledges'] as const;
type Collection = (typeof collections)[number];

const ids = {} as Record<Collection, Record<Place, string>>;
const problems = {} as Record<'plans' | 'pairings', Record<Place, string>>;
/** A person of the directory at each place: a grid member of its grid. */
const people: Record<Place, string> = { in: 'staff-in', far: 'staff-far', other: 'staff-other' };
const cycleDate = cycleUnderWay(kpiDay(new Date().toISOString()));

async function created(
  path: string,
  body: unknown,
  who: Who,
): Promise<{ id: string; problems?: { id: string }[] }> {
  const res = await http.post(path, body, who);
  if (res.status !== 201) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

async function openFixtures(): Promise<void> {
  for (const place of ['in', 'far', 'other'] as Place[])
    await created(
      '/org/people',
      {
        id: people[place],
        name: '网格员 grid member',
        assignments: [{ role: 'grid_member', unit: `grid-${grids[place]}` }],
      },
      callers.administrator,
    );
  const team = (lead: string) => ({ id: lead, role: 'assistance_team', unit: 'industry-bureau' }) as Who;
  for (const place of ['in', 'far', 'other'] as Place[]) {
    const requester = place === 'in' ? 'res-in' : `res-${place}`;
    const lead = place === 'in' ? 'lead-in' : `lead-${place}`;
    const gridId = grids[place];
    const common = { team: { name: '工信局帮扶组 team', department: 'industry-bureau' }, lead, gridId };
    const [request, plan, pairing, pledge] = await Promise.all([
      created(
        '/requests',
        {
          channel: 'hotline',
          category: 'general',
          urgency: 'normal',
          title: '楼道灯坏了 light out',
          description: 'authorization fixture',
          requester: { id: requester, name: '张三' },
          gridId,
        },
        // In scope: filed by the operator on the resident's behalf; elsewhere by the resident.
        place === 'in'
          ? callers.hotline_operator
          : ({ id: requester, role: 'resident', unit: gridId } as Who),
      ),
      created(
        '/plans',
        {
          ...common,
          title: '帮扶 plan',
          members: [`${lead}-m`],
          enterprise: { name: '东关精密机械有限公司' },
          focusAreas: ['land'],
          initialProblems: [{ title: '用地手续 land', area: 'land' }],
        },
        team(lead),
      ),
      created(
        '/pairings',
        { ...common, title: '结对 pairing', households: [{ id: 'h1', name: '王大爷' }] },
        team(lead),
      ),
      created('/pledges', { ...common, title: '承诺 pledge', promisedDeeds: ['清理楼道 clean'] }, team(lead)),
    ]);
    for (const [collection, c] of [
      ['requests', request],
      ['plans', plan],
      ['pairings', pairing],
      ['pledges', pledge],
    ] as const)
      (ids[collection] ??= {} as Record<Place, string>)[place] = c.id;
    const withProblem = await http.post(
      `/pairings/${pairing.id}/problems`,
      { title: '漏雨 leaking roof', area: 'housing' },
      team(lead),
    );
    if (withProblem.status !== 201) throw new Error(`pairing problem: ${withProblem.status}`);
    (problems.plans ??= {} as Record<Place, string>)[place] = plan.problems![0].id;
    (problems.pairings ??= {} as Record<Place, string>)[place] = withProblem.body.problems.at(-1).id;
  }
  const cycle = await http.post('/reports/cycles', { date: cycleDate }, callers.administrator);
  if (cycle.status !== 200) throw new Error(`cycle: ${cycle.status} ${JSON.stringify(cycle.body)}`);
  // Single reads of a request's committee decisions and the audit's scope read the projections.
  await eventually(async () => {
    for (const place of ['in', 'far', 'other'] as Place[]) {
      expect((await http.get(`/requests/${ids.requests[place]}/committee-decisions`)).status).toBe(200);
      for (const c of ['plans', 'pairings', 'pledges'] as const)
        expect(
          (await http.get(`/${c}?unit=${villages[place]}`)).body.items.map((i: { id: string }) => i.id),
        ).toContain(ids[c][place]);
    }
  });
}

/** The concrete call for an operation of the document, by a role, on a target in its scope or outside it. */
function probe(method: string, template: string, role: TableRole, scope: 'in' | 'out') {
  const place: Place = scope === 'in' ? 'in' : outside(role);
  const who = callers[role];
  const collection = collections.find((c) => template.startsWith(`/api/v1/${c}/{id}`));
  const ownUnit = ['auditor', 'resident', 'hotline_operator', 'assistance_team', 'administrator'].includes(
    role,
  )
    ? villages.in
    : who.unit;
  const unit = scope === 'in' ? ownUnit : villages[place];
  const caseId = template.startsWith('/api/v1/audit/cases/') ? `request-${ids.requests[place]}` : '';
  const id = collection
    ? ids[collection][place]
    : template.startsWith('/api/v1/org/units/')
      ? villages[place]
      : template.startsWith('/api/v1/org/people/')
        ? people[place]
        : '';
  let path = template
    .replace('{id}', id)
    .replace('{caseId}', caseId)
    .replace(
      '{problemId}',
      collection === 'plans' || collection === 'pairings' ? problems[collection][place] : '',
    )
    .replace('{deedId}', 'd1')
    .replace('{clientId}', 'o311-000000000000')
    .replace('{year}', '1')
    .replace('{date}', cycleDate)
    .replace(
      '{unitId}',
      template.startsWith('/api/v1/committees/')
        ? place === 'in'
          ? 'committee-c01'
          : 'committee-c02'
        : unit,
    )
    .replace('/api/v1', '');
  const query = new URLSearchParams();
  const isList = method === 'GET' && collections.some((c) => path === `/${c}`);
  if (isList && scope === 'out') query.set('unit', unit);
  if (path === '/notifications') query.set('recipient', scope === 'in' ? who.id : 'someone-else');
  if (path === '/reports') {
    query.set('date', cycleDate);
    if (scope === 'out') query.set('unit', unit);
  }
  if (path === '/rankings') query.set('level', 'village');
  if (path === '/rankings' || path.startsWith('/ledgers/')) query.set('month', cycleDate.slice(0, 7));
  if (path.endsWith('/state')) query.set('at', new Date().toISOString());
  if (query.size) path += `?${query}`;
  return { path, who };
}

const expected = (cell: Cell, scope: 'in' | 'out') =>
  typeof cell === 'number' ? cell : cell[scope === 'in' ? 0 : 1];

/**
 * What the probes could have changed: every entry a person (not the system's timers, which run on the
 * short policy meanwhile) made on each fixture case's timeline, how many cases the API opened, and
 * the org directory's units and people.
 */
async function snapshot() {
  const { Unit, Person } = e2e.system.directory.store.models;
  const directory = {
    units: await Unit.find().sort({ _id: 1 }).lean(),
    people: await Person.find().sort({ _id: 1 }).lean(),
  };
  const cases: Record<string, unknown> = {};
  for (const c of collections)
    for (const place of ['in', 'far', 'other'] as Place[]) {
      const { body } = await http.get(`/${c}/${ids[c][place]}/history`);
      cases[`${c}/${place}`] = (body.entries as { action: string; actor: { id: string; role: string } }[])
        .filter((entry) => entry.actor.role !== 'system')
        .map((entry) => `${entry.action} by ${entry.actor.id}`);
    }
  // Cases the API opens; committees' agendas start by themselves as the short policy escalates.
  const { count } = await e2e.system.temporal.workflow.count(
    "WorkflowType IN ('citizenRequest', 'assistancePlan', 'householdPairing', 'memberPledge')",
  );
  return { cases, workflows: count, directory };
}

describe('the authorization table, from the OpenAPI document', () => {
  /** `open`: the operation declares no security (health probes, the signing keys, the login). */
  let operations: { method: string; path: string; open: boolean }[];

  beforeAll(async () => {
    const doc = (await http.raw('GET', '/openapi.json')).body as {
      paths: Record<string, Record<string, { security?: unknown[] }>>;
    };
    operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => ({
        method: method.toUpperCase(),
        path,
        open: op.security?.length === 0,
      })),
    );
    await openFixtures();
    // Each caller's first call puts it in the directory: before any snapshot of it is taken.
    for (const who of Object.values(callers)) await e2e.system.authHeaders(who);
  }, 240_000);

  test('When the document and the table are compared, then every operation has an entry and every entry an operation', () => {
    const documented = operations.map((op) => `${op.method} ${op.path}`);
    const missing = documented.filter((key) => !(key in authorizationTable));
    const stale = Object.keys(authorizationTable).filter((key) => !documented.includes(key));
    expect({ missing, stale }).toEqual({ missing: [], stale: [] });
  });

  test('When every role calls every operation in and out of its scope, then each answers the table’s status and nothing changes', async () => {
    const before = await snapshot();
    const mismatches: string[] = [];
    let probed = 0;
    for (const { method, path: template } of operations) {
      const row = authorizationTable[`${method} ${template}`];
      if (!row) continue;
      for (const role of tableRoles)
        for (const scope of ['in', 'out'] as const) {
          const { path, who } = probe(method, template, role, scope);
          // A body no schema accepts: a call that gets past role and scope stops at validation.
          const res = await http.raw(
            method,
            path,
            method === 'GET' ? undefined : [],
            await e2e.system.authHeaders(who),
          );
          probed += 1;
          const want = expected(row[role], scope);
          if (res.status !== want)
            mismatches.push(
              `${method} ${path} as ${role} (${scope} of scope): ${res.status}, table says ${want}`,
            );
        }
    }
    expect(mismatches).toEqual([]);
    expect(probed).toBe(operations.length * tableRoles.length * 2);
    expect(await snapshot()).toEqual(before);
  }, 600_000);

  test('When nobody says who is calling, then every operation answers 401 but the public ones, which answer as to anyone', async () => {
    const before = await snapshot();
    const answered: string[] = [];
    for (const { method, path: template, open } of operations) {
      const { path } = probe(method, template, 'auditor', 'in');
      const res = await http.raw(method, path, method === 'GET' ? undefined : []);
      const row = authorizationTable[`${method} ${template}`];
      const want = open && row ? expected(row.auditor, 'in') : 401;
      if (res.status !== want) answered.push(`${method} ${path}: ${res.status}, expected ${want}`);
    }
    expect(answered).toEqual([]);
    expect(operations.filter((op) => op.open).map((op) => `${op.method} ${op.path}`)).toEqual(
      expect.arrayContaining(['GET /api/v1/healthz', 'POST /api/v1/auth/login']),
    );
    expect(await snapshot()).toEqual(before);
  }, 120_000);

  test('When a resident files for someone else or staff file outside their unit, then the rule is named and nothing is filed', async () => {
    const before = await snapshot();
    const body = (requester: string, gridId: string) => ({
      channel: 'hotline',
      category: 'general',
      title: '越权 out of bounds',
      description: 'must not be filed',
      requester: { id: requester, name: '李四' },
      gridId,
    });
    const forOther = await http.post('/requests', body('res-far', 'g01'), callers.resident);
    expect([forOther.status, forOther.body.detail]).toEqual([
      403,
      'rule resident-files-for-themself: requester.id must be res-in, the resident filing',
    ]);
    const elsewhere = await http.post('/requests', body('res-in', 'g04'), callers.branch_secretary);
    expect([elsewhere.status, elsewhere.body.detail]).toEqual([
      403,
      'rule file-within-own-unit: the grid is not within grid-g01',
    ]);
    expect(await snapshot()).toEqual(before);
  });

  test('When a grid secretary decides an extension, then the rule of the level above refuses it before Temporal; the village leader reaches the workflow', async () => {
    const id = ids.requests.in;
    const decided = await http.post(
      `/requests/${id}/extend/decision`,
      { approve: true, note: '同意 agreed' },
      callers.branch_secretary,
    );
    expect([decided.status, decided.body.detail]).toEqual([
      403,
      'rule extension-by-level-above: the extension is decided by village-v01 or a unit above it, not grid-g01',
    ]);
    // The village leader is the level above: its call reaches the workflow, which finds no extension asked.
    const byVillage = await http.post(
      `/requests/${id}/extend/decision`,
      { approve: true, note: '同意 agreed' },
      callers.unit_leader,
    );
    expect(byVillage.status).toBe(409);
  });

  test('When lists are read, then each caller sees only the cases and people of its scope', async () => {
    const listed = async (path: string, who: Who) =>
      (await http.get(path, who)).body.items.map((item: { id: string }) => item.id);
    const leader = await listed('/requests', callers.unit_leader);
    expect(leader).toContain(ids.requests.in);
    expect(leader).not.toContain(ids.requests.far);
    const committee = await listed('/requests', callers.committee);
    expect(committee).toEqual(expect.arrayContaining([ids.requests.in, ids.requests.far]));
    expect(committee).not.toContain(ids.requests.other);
    const team = await listed('/plans', callers.assistance_team);
    expect(team).toEqual([ids.plans.in]);
    const staff = await listed('/org/people?pageSize=200', callers.unit_leader);
    expect(staff).toEqual(expect.arrayContaining([people.in, callers.grid_member.id]));
    expect(staff).not.toContain(people.far);
    expect(staff).not.toContain(callers.committee.id);
    const ranked = (
      await http.get(`/rankings?level=village&month=${cycleDate.slice(0, 7)}`, callers.unit_leader)
    ).body;
    expect(JSON.stringify(ranked)).toContain('village-v01');
    expect(JSON.stringify(ranked)).not.toContain('village-v02');
  });
});

import { join } from 'node:path';
import { kpiDay } from '../../domain/kpi/facts';
import { eventually } from '../support/eventually';
import { useE2eSystem } from '../support/e2eSystem';
import { actors, repoRoot } from '../support/fixtures';

// The shipped policy and tree: a filing by leaf gets the deadlines an office would see.
const e2e = useE2eSystem(
  join(repoRoot, 'config', 'policy.default.json'),
  undefined,
  undefined,
  undefined,
  undefined,
  join(repoRoot, 'config', 'categories.default.json'),
);
const { http } = e2e;

const file = async (category: string, title: string) => {
  const res = await http.post(
    '/requests',
    {
      channel: 'hotline',
      category,
      title,
      description: `${title}, since this morning`,
      requester: { id: 'resident-1', name: '张三' },
      gridId: 'g01',
    },
    actors.resident,
  );
  expect({ category, status: res.status }).toEqual({ category, status: 201 });
  return res.body;
};
const hoursAfter = (iso: string, hours: number) =>
  new Date(Date.parse(iso) + hours * 3_600_000).toISOString();
const ids = (res: { body: { items: { id: string }[] } }) => res.body.items.map((item) => item.id).sort();

describe('the category tree over HTTP on the real dev server and FerretDB', () => {
  const filed: Record<string, { id: string; submittedAt: string }> = {};

  test('When a resident files under a leaf, then the request takes the leaf’s SLA class and deadline, its handling level and its classification', async () => {
    const water = await file('water_outage', '整栋楼停水');
    expect(water).toMatchObject({
      category: 'utilities',
      categoryLabel: { zh: '水电气热', en: 'Water, power, gas and heating' },
      classification: {
        code: 'water_outage',
        path: ['urban_rural', 'water_supply', 'water_outage'],
        labels: [
          { zh: '城乡建设', en: 'Urban and rural construction' },
          { zh: '供水', en: 'Water supply' },
          { zh: '停水', en: 'Water outage' },
        ],
        treeVersion: '2026-11-default',
      },
      level: 'grid',
      unit: 'grid-g01',
      deadline: {
        stage: 'dispatch',
        owner: 'grid-g01',
        dueAt: hoursAfter(water.submittedAt, 2),
        rule: 'policy 2026-11-default requestDeadlines[2] (category=utilities) dispatch: PT2H',
      },
    });
    const wages = await file('wage_arrears', '工地拖欠工资');
    expect(wages).toMatchObject({
      category: 'complex',
      classification: { code: 'wage_arrears', path: ['labour', 'wage_arrears'] },
      level: 'township',
      unit: 'township-t01',
      deadline: { owner: 'township-t01', dueAt: hoursAfter(wages.submittedAt, 24) },
    });
    const noise = await file('construction_noise', '夜间施工噪声');
    expect(noise).toMatchObject({ category: 'general', level: 'village', unit: 'village-v01' });
    const unclassified = await file('general', '楼道灯坏了');
    expect(unclassified.classification).toBeUndefined();
    expect(unclassified).toMatchObject({ category: 'general', level: 'grid' });
    Object.assign(filed, { water, wages, noise, unclassified });

    const read = await http.get(`/requests/${water.id}`, actors.resident);
    expect(read.body.classification).toEqual(water.classification);
  });

  test('When a filing names a group, or a code the tree does not have, then it is refused naming body.category and where the codes are', async () => {
    const post = (category: string) =>
      http.post(
        '/requests',
        {
          channel: 'hotline',
          category,
          title: 't',
          description: 'd',
          requester: { id: 'resident-1', name: '张三' },
          gridId: 'g01',
        },
        actors.resident,
      );
    const unknown = await post('water');
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual([
      {
        field: 'body.category',
        message:
          'unknown category water: a leaf code of the category tree (GET /api/v1/categories) or an SLA class (emergency, utilities, general, complex)',
      },
    ]);
    const group = await post('heating');
    expect(group.body.errors[0].message).toBe(
      'heating is a group of the category tree, not a leaf: one of heating_outage, heating_underheated',
    );
  });

  test('When a list is filtered by a node of any level, then it holds the requests filed under it, and an SLA class still lists its class', async () => {
    const { water, wages, noise, unclassified } = filed;
    const list = (query: string) => http.get(`/requests?unit=township-t01&${query}`, actors.auditor);
    await eventually(async () => expect(ids(await list('category=urban_rural'))).toEqual([water.id]));
    expect(ids(await list('category=environment'))).toEqual([noise.id]);
    expect(ids(await list('category=noise'))).toEqual([noise.id]);
    expect(ids(await list('category=wage_arrears'))).toEqual([wages.id]);
    await eventually(async () =>
      expect(ids(await list('category=general'))).toEqual([noise.id, unclassified.id].sort()),
    );
    const bad = await list('category=nope');
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('query.category');
  });

  test('When the ledger is grouped by a level of the tree, then filings, resolutions and visits add up by node, unclassified ones under their SLA class', async () => {
    const { water } = filed;
    for (const [action, body, actor] of [
      ['dispatch', { assignee: 'member-1' }, actors.secretary],
      ['accept', {}, actors.member],
      ['resolve', { note: '阀门已修复' }, actors.member],
      ['feedback', { satisfied: true }, actors.resident],
    ] as const) {
      const res = await http.post(`/requests/${water.id}/${action}`, body, actor);
      expect({ action, status: res.status }).toEqual({ action, status: 200 });
    }
    const day = kpiDay(water.submittedAt);
    const ledger = (level: number) =>
      http.get(`/ledgers/township-t01?from=${day}&to=${day}&categoryLevel=${level}`, actors.auditor);
    const row = (body: { bySubject: { rows: { key: string; filed: number }[] } }, key: string) =>
      body.bySubject.rows.find((r) => r.key === key);
    await eventually(async () => {
      const level1 = (await ledger(1)).body;
      expect(level1.counts).toMatchObject({ filed: 4, resolved: 1, satisfied: 1 });
      expect(level1.bySubject.level).toBe(1);
      expect(row(level1, 'urban_rural')).toEqual({
        key: 'urban_rural',
        label: { zh: '城乡建设', en: 'Urban and rural construction' },
        node: { level: 1, path: ['urban_rural'] },
        filed: 1,
        resolved: 1,
        satisfied: 1,
        unsatisfied: 0,
      });
    });
    const level1 = (await ledger(1)).body;
    expect(row(level1, 'labour')?.filed).toBe(1);
    expect(row(level1, 'environment')?.filed).toBe(1);
    expect(row(level1, 'general')).toMatchObject({ node: null, filed: 1 });
    expect(level1.bySubject.rows.reduce((sum: number, r: { filed: number }) => sum + r.filed, 0)).toBe(4);
    const level2 = (await ledger(2)).body;
    expect(row(level2, 'water_supply')).toMatchObject({ filed: 1, resolved: 1, satisfied: 1 });
    expect(row(level2, 'noise')).toMatchObject({ node: { level: 2 }, filed: 1 });
    expect(row(level2, 'wage_arrears')).toMatchObject({ filed: 1 });
    const bad = await http.get(`/ledgers/township-t01?from=${day}&to=${day}&categoryLevel=4`, actors.auditor);
    expect(bad.body.errors[0].field).toBe('query.categoryLevel');
  });

  test('When anyone signed in reads the tree, then each leaf comes with its SLA class, handling level and derived deadlines', async () => {
    const res = await http.get('/categories', actors.resident);
    expect(res.status).toBe(200);
    expect(res.body.version).toBe('2026-11-default');
    expect(res.body.leaves.length).toBeGreaterThanOrEqual(40);
    expect(res.body.roots.map((root: { code: string }) => root.code)).toEqual([
      'urban_rural',
      'environment',
      'market_regulation',
      'labour',
      'transport',
      'education',
      'health',
      'public_security',
      'property_management',
      'agriculture_rural',
      'civil_affairs',
    ]);
    expect(res.body.urgencies).toEqual([
      { key: 'normal', label: { zh: '一般', en: 'Normal' } },
      { key: 'urgent', label: { zh: '紧急', en: 'Urgent' } },
    ]);
    expect(res.body.levels.map((level: { id: string }) => level.id)).toEqual([
      'grid',
      'village',
      'township',
      'committee',
    ]);
    expect(res.body.roots[0].children[0].children[0]).toEqual({
      code: 'water_outage',
      label: { zh: '停水', en: 'Water outage' },
    });
    const water = res.body.leaves.find((leaf: { code: string }) => leaf.code === 'water_outage');
    expect(water).toMatchObject({
      slaClass: { key: 'utilities' },
      handledBy: { id: 'grid', rung: 0 },
      deadlines: {
        normal: {
          resolve: {
            duration: 'PT24H',
            rule: 'policy 2026-11-default requestDeadlines[2] (category=utilities) resolve',
          },
        },
        urgent: { resolve: { duration: 'PT2H' } },
      },
    });
  });
});

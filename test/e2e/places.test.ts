import { actors } from '../support/fixtures';
import { eventually } from '../support/eventually';
import { useE2eSystem } from '../support/e2eSystem';

const e2e = useE2eSystem();
const { http } = e2e;

const townshipLeader = { id: 'leader-t01', role: 'unit_leader', unit: 'township-t01' };
const otherTownshipLeader = { id: 'leader-t02', role: 'unit_leader', unit: 'township-t02' };
const hotline = { id: 'hotline-1', role: 'hotline_operator', unit: 'committee-c01' };
const admin = { id: 'admin-1', role: 'administrator', unit: 'committee-c01' };

const filing = (where: Record<string, unknown>) => ({
  channel: 'app',
  category: 'general',
  title: '楼道灯坏了 stairwell light out',
  description: 'The stairwell light has been out for a week.',
  requester: { id: 'resident-1', name: '张三', phone: '13800000000' },
  ...where,
});

const span = (body: { submittedAt: string; deadline: { dueAt: string } }) =>
  Date.parse(body.deadline.dueAt) - Date.parse(body.submittedAt);

describe('addresses to grids over HTTP on the real dev server and FerretDB', () => {
  beforeAll(async () => {
    // The directory knows a person once they have called (the e2e directory holds no demo people).
    for (const who of [actors.secretary, townshipLeader])
      expect((await http.get('/places/grid?community=幸福小区', who)).status).toBe(200);
  });

  test('When a resident files by community and building, then the request goes to the grid covering them, with its deadline, its branch and its secretary', async () => {
    const byGrid = await http.post('/requests', filing({ gridId: 'g01' }), actors.resident);
    const res = await http.post(
      '/requests',
      filing({
        place: { community: '幸福 小区', building: '３号楼', unit: '2单元', text: '幸福小区3号楼2单元501' },
      }),
      actors.resident,
    );
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      gridId: 'g01',
      level: 'grid',
      unit: 'grid-g01',
      deadline: { stage: 'dispatch', owner: 'grid-g01', rule: byGrid.body.deadline.rule },
      grid: { id: 'g01', unit: 'grid-g01', name: { zh: '东关第一网格支部', en: 'Dongguan grid 1 branch' } },
      responsible: {
        unit: 'grid-g01',
        unitName: { zh: '东关第一网格支部' },
        person: { id: 'sec-1', name: 'sec-1' },
      },
      place: { community: '幸福 小区', building: '３号楼', unit: '2单元', text: '幸福小区3号楼2单元501' },
    });
    expect(res.body.addressUnmatched).toBeUndefined();
    expect(span(res.body)).toBe(span(byGrid.body));
    const byLeader = await http.get(`/requests/${res.body.id}`, actors.leader);
    expect(byLeader.body.place).toEqual({ community: '幸福 小区', text: '幸福小区…' });
  });

  test('When a point lies in a grid’s area, then it wins over the address', async () => {
    const res = await http.post(
      '/requests',
      filing({ place: { point: { lng: 111.683, lat: 35.603 }, community: '幸福小区', building: '3' } }),
      actors.resident,
    );
    expect([res.status, res.body.gridId, res.body.unit]).toEqual([201, 'g07', 'grid-g07']);
  });

  test('When no grid covers the place, then it waits in its community’s township queue, flagged, with the category’s dispatch deadline, for that township to dispatch', async () => {
    const byGrid = await http.post('/requests', filing({ gridId: 'g01' }), actors.resident);
    const res = await http.post(
      '/requests',
      filing({ place: { community: '幸福小区', building: '31号楼', text: '幸福小区31号楼' } }),
      actors.resident,
    );
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      addressUnmatched: true,
      gridId: '',
      level: 'township',
      unit: 'township-t01',
      deadline: { stage: 'dispatch', owner: 'township-t01', rule: byGrid.body.deadline.rule },
      responsible: { unit: 'township-t01', person: { id: 'leader-t01' } },
    });
    expect(res.body.grid).toBeUndefined();
    expect(span(res.body)).toBe(span(byGrid.body));
    const id = res.body.id;

    const seen = await http.get(`/requests/${id}`, townshipLeader);
    expect([seen.status, seen.body.place]).toEqual([
      200,
      { community: '幸福小区', building: '31号楼', text: '幸福小区31号楼' },
    ]);
    expect((await http.get(`/requests/${id}`, actors.leader)).status).toBe(404);
    expect((await http.get(`/requests/${id}`, otherTownshipLeader)).status).toBe(404);
    expect((await http.get(`/requests/${id}`, actors.secretary)).status).toBe(404);

    const queue = await eventually(async () => {
      const list = await http.get('/requests?unmatched=true', townshipLeader);
      expect(list.body.items.map((item: { id: string }) => item.id)).toContain(id);
      return list.body.items;
    });
    expect(queue.every((item: { addressUnmatched?: boolean }) => item.addressUnmatched)).toBe(true);
    const matched = await http.get('/requests?unmatched=false', townshipLeader);
    expect(matched.body.items.map((item: { id: string }) => item.id)).not.toContain(id);

    const dispatched = await http.post(`/requests/${id}/dispatch`, { assignee: 'member-1' }, townshipLeader);
    expect([dispatched.status, dispatched.body.status, dispatched.body.responsible.person.id]).toEqual([
      200,
      'dispatched',
      'member-1',
    ]);
  });

  test('When the township routes a queued request to its grid, then the grid holds it with a fresh dispatch deadline, lists and scope follow, and the timeline says who routed it where', async () => {
    const queued = await http.post(
      '/requests',
      filing({ place: { township: 'township-t01', community: '东关 新区', text: '东关新区' } }),
      actors.resident,
    );
    expect([queued.status, queued.body.unit]).toEqual([201, 'township-t01']);
    const id = queued.body.id;
    const elsewhere = await http.post(`/requests/${id}/route`, { gridId: 'g07' }, townshipLeader);
    expect([elsewhere.status, elsewhere.body.detail]).toEqual([
      400,
      'grid g07 is not within township-t01, which holds the request',
    ]);
    const unknown = await http.post(`/requests/${id}/route`, { gridId: 'g99' }, townshipLeader);
    expect(unknown.body.errors).toEqual([{ field: 'body.gridId', message: 'unknown grid g99' }]);

    const routed = await http.post(
      `/requests/${id}/route`,
      { gridId: 'g02', note: '电话核实 checked by phone' },
      townshipLeader,
    );
    expect(routed.status).toBe(200);
    expect(routed.body).toMatchObject({
      status: 'submitted',
      gridId: 'g02',
      level: 'grid',
      unit: 'grid-g02',
      deadline: { stage: 'dispatch', owner: 'grid-g02', rule: queued.body.deadline.rule },
      grid: { id: 'g02', unit: 'grid-g02' },
    });
    expect(routed.body.addressUnmatched).toBeUndefined();
    expect(Date.parse(routed.body.deadline.dueAt)).toBeGreaterThan(Date.parse(queued.body.deadline.dueAt));
    const history = await http.get(`/requests/${id}/history`);
    expect(history.body.entries.at(-1)).toMatchObject({
      action: 'route',
      actor: { id: 'leader-t01', role: 'unit_leader', unit: 'township-t01' },
      note: '分拨至 routed to grid-g02 (grid g02): 电话核实 checked by phone',
    });
    const gridSecretary = { id: 'sec-g02', role: 'branch_secretary', unit: 'grid-g02' };
    await eventually(async () => {
      const list = await http.get('/requests?unit=grid-g02', gridSecretary);
      expect(list.body.items.map((item: { id: string }) => item.id)).toContain(id);
    });
    const queue = await http.get('/requests?unmatched=true', townshipLeader);
    expect(queue.body.items.map((item: { id: string }) => item.id)).not.toContain(id);
    const dispatched = await http.post(`/requests/${id}/dispatch`, { assignee: 'member-g02' }, gridSecretary);
    expect([dispatched.status, dispatched.body.status]).toEqual([200, 'dispatched']);
  });

  test('When the place is named with the grid, or neither is named, or the township is no township, or no township can be told, then 400 names the problem', async () => {
    const both = await http.post(
      '/requests',
      filing({ gridId: 'g01', place: { community: '幸福小区' } }),
      actors.resident,
    );
    expect([both.status, both.body.errors]).toEqual([
      400,
      [{ field: 'body.gridId', message: 'name the place or the gridId, not both' }],
    ]);
    const neither = await http.post('/requests', filing({}), actors.resident);
    expect(neither.body.errors).toEqual([{ field: 'body.place', message: 'name the place (or the gridId)' }]);
    const empty = await http.post('/requests', filing({ place: { unit: '2单元' } }), actors.resident);
    expect(empty.body.errors).toEqual([
      { field: 'body.place', message: 'name a community, a point or the address text' },
    ]);
    const village = await http.post(
      '/requests',
      filing({ place: { township: 'village-v01', community: '幸福小区' } }),
      actors.resident,
    );
    expect(village.body.errors).toEqual([
      { field: 'body.place.township', message: 'village-v01 is not a township unit' },
    ]);
    const untold = await http.post('/requests', filing({ place: { community: '无名小区' } }), hotline);
    expect([untold.status, untold.body.errors[0].field]).toEqual([400, 'body.place']);
    const named = await http.post(
      '/requests',
      filing({ place: { township: 'township-t02', community: '无名小区' } }),
      hotline,
    );
    expect([named.status, named.body.unit, named.body.addressUnmatched]).toEqual([201, 'township-t02', true]);
  });

  test('When the filing form asks which grid covers a place, then the grid and its secretary, or the township, answer', async () => {
    expect(
      (await http.get(`/places/grid?community=${encodeURIComponent('幸福小区')}&building=3`, actors.resident))
        .body,
    ).toEqual({
      matchedBy: 'address',
      grid: { id: 'g01', unit: 'grid-g01', name: { zh: '东关第一网格支部', en: 'Dongguan grid 1 branch' } },
      responsible: {
        unit: 'grid-g01',
        unitName: { zh: '东关第一网格支部', en: 'Dongguan grid 1 branch' },
        person: { id: 'sec-1', name: 'sec-1' },
      },
    });
    const byPoint = await http.get('/places/grid?lng=111.683&lat=35.603', actors.resident);
    expect([byPoint.body.matchedBy, byPoint.body.grid.id]).toEqual(['point', 'g07']);
    const none = await http.get(
      `/places/grid?community=${encodeURIComponent('幸福小区')}&building=99`,
      actors.resident,
    );
    expect(none.body).toMatchObject({
      matchedBy: 'none',
      township: { id: 'township-t01', name: { zh: '城关街道' } },
      responsible: { unit: 'township-t01', person: { id: 'leader-t01' } },
    });
    expect((await http.get(`/places/grid?community=${encodeURIComponent('无名小区')}`, hotline)).status).toBe(
      404,
    );
    const half = await http.get('/places/grid?lng=111.7', actors.resident);
    expect([half.status, half.body.errors]).toEqual([
      400,
      [{ field: 'query.lat', message: 'lng and lat go together' }],
    ]);
  });

  test('When an administrator gives a grid an open ring or a range another grid holds, then 400 names the field; valid ones route filings to it', async () => {
    const unit = (over: Record<string, unknown>) => ({
      id: 'grid-g13',
      level: 'grid',
      parent: 'village-v05',
      grid: 'g13',
      name: { zh: '柳湾第四网格支部', en: 'Liuwan grid 4 branch' },
      ...over,
    });
    const open = await http.post(
      '/org/units',
      unit({
        area: {
          type: 'Polygon',
          coordinates: [
            [
              [111.66, 35.58],
              [111.665, 35.58],
              [111.665, 35.585],
              [111.66, 35.585],
            ],
          ],
        },
      }),
      admin,
    );
    expect([open.status, open.body.errors]).toEqual([
      400,
      [
        {
          field: 'body.area.coordinates.0',
          message: 'a ring is closed: its last position repeats its first',
        },
      ],
    ]);
    const badRange = await http.post(
      '/org/units',
      unit({ addresses: [{ community: '新村', buildings: ['9-2'] }] }),
      admin,
    );
    expect(badRange.body.errors).toEqual([
      { field: 'body.addresses.0.buildings.0', message: 'a range runs from the lower number up' },
    ]);
    const overlap = await http.post('/org/units', unit({ addresses: [{ community: '柳湾村一组' }] }), admin);
    expect(overlap.body.errors).toEqual([
      { field: 'body.addresses.0.buildings', message: "柳湾村一组: buildings overlap grid-g10's" },
    ]);
    const area = {
      type: 'Polygon',
      coordinates: [
        [
          [111.66, 35.58],
          [111.665, 35.58],
          [111.665, 35.585],
          [111.66, 35.585],
          [111.66, 35.58],
        ],
      ],
    };
    const created = await http.post(
      '/org/units',
      unit({ addresses: [{ community: '柳湾新村', buildings: ['1-10'] }], area }),
      admin,
    );
    expect([created.status, created.body.addresses, created.body.area]).toEqual([
      201,
      [{ community: '柳湾新村', buildings: ['1-10'] }],
      area,
    ]);
    const filed = await http.post(
      '/requests',
      filing({ place: { community: '柳湾新村', building: '5栋' } }),
      actors.resident,
    );
    expect([filed.status, filed.body.gridId]).toEqual([201, 'g13']);
  });
});

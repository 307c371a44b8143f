import { actors } from '../support/fixtures';
import { eventually } from '../support/eventually';
import { useE2eSystem } from '../support/e2eSystem';

const e2e = useE2eSystem();
const { http } = e2e;

const operator = { id: 'op-1', role: 'hotline_operator', unit: 'hotline' };
const otherOperator = { id: 'op-2', role: 'hotline_operator', unit: 'hotline' };
const otherSecretary = { id: 'sec-3', role: 'branch_secretary', unit: 'grid-g03' };
const resident = (n: number, grid: string) => ({ id: `resident-d${n}`, role: 'resident', unit: grid });

const outage = {
  title: '幸福小区3号楼停水',
  description: '从昨天早上开始3号楼一直没有水，物业说不清楚什么时候来水',
};

/** Files a request for a resident of `gridId`, by the resident or by `filer`; answers its id. */
async function file(
  n: number,
  gridId: string,
  text: { title: string; description: string },
  filer?: typeof operator,
): Promise<string> {
  const requester = resident(n, gridId);
  const created = await http.post(
    '/requests',
    {
      channel: 'hotline',
      category: 'general',
      ...text,
      requester: { id: requester.id, name: '王五', phone: '13900000000' },
      gridId,
    },
    filer ?? requester,
  );
  expect(created.status).toBe(201);
  return created.body.id as string;
}

type Candidate = { id: string; score: number; sameGrid: boolean; status: string; statusLabel: unknown };
const idsOf = (body: { candidates: Candidate[] }) => body.candidates.map((c) => c.id).sort();

describe('duplicate candidates (重复诉求) over HTTP on the real dev server and FerretDB', () => {
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    ids.first = await file(1, 'g01', outage, operator);
    ids.second = await file(2, 'g01', {
      title: '幸福小区三号楼没水',
      description: '家里自来水停了两天了，做饭洗澡都没水用',
    });
    ids.neighbour = await file(3, 'g02', { title: '幸福小区3号楼停水了', description: '3号楼停水一整天' });
    ids.otherVillage = await file(4, 'g03', outage);
    ids.noise = await file(5, 'g01', {
      title: '夜间施工噪声扰民',
      description: '建设路工地晚上11点以后还在施工，噪音很大',
    });
  });

  test('When two similar filings are in one grid, then the second’s candidates include the first with a score, its neighbouring grid’s too, and not itself', async () => {
    const found = await eventually(async () => {
      const res = await http.get(`/requests/${ids.second}/duplicates`, actors.leader);
      expect(res.status).toBe(200);
      expect(idsOf(res.body)).toEqual([ids.first, ids.neighbour].sort());
      return res.body as { candidates: Candidate[]; windowDays: number; minScore: number };
    });
    const first = found.candidates.find((c) => c.id === ids.first)!;
    expect(first).toMatchObject({
      sameGrid: true,
      status: 'submitted',
      statusLabel: { zh: '已点单', en: 'Submitted' },
      gridId: 'g01',
      title: outage.title,
    });
    expect(first.score).toBeGreaterThanOrEqual(found.minScore);
    expect(first.score).toBeLessThanOrEqual(1);
    expect(found.candidates.find((c) => c.id === ids.neighbour)).toMatchObject({
      sameGrid: false,
      gridId: 'g02',
    });
    expect(found.windowDays).toBe(14);
    expect(Object.keys(first).sort()).toEqual(
      ['gridId', 'id', 'sameGrid', 'score', 'status', 'statusLabel', 'submittedAt', 'title'].sort(),
    );
  });

  test('When a filing is typed before it is filed, then the grid’s similar open requests come back best first, and another village’s do not', async () => {
    await eventually(async () => {
      const res = await http.post('/requests/duplicates', { ...outage, gridId: 'g01' }, actors.secretary);
      expect(res.status).toBe(200);
      // The branch secretary of g01 covers its grid only: the neighbour in g02 is not in its scope.
      expect(res.body.candidates.map((c: Candidate) => c.id)).toEqual([ids.first, ids.second]);
      expect(res.body.candidates[0].score).toBe(1);
      expect(res.body.candidates[1].score).toBeLessThan(1);
    });
    const leader = await http.post('/requests/duplicates', { ...outage, gridId: 'g01' }, actors.leader);
    expect(idsOf(leader.body)).toEqual([ids.first, ids.second, ids.neighbour].sort());
    const committee = await http.post(
      '/requests/duplicates',
      { ...outage, gridId: 'g03' },
      actors.secretariat,
    );
    expect(idsOf(committee.body)).toEqual([ids.otherVillage]);
  });

  test('When a request becomes final, then it is no longer a candidate', async () => {
    const withdrawn = await file(6, 'g01', { title: '幸福小区3号楼停水', description: '三号楼停水' });
    const probe = () => http.post('/requests/duplicates', { ...outage, gridId: 'g01' }, actors.secretary);
    await eventually(async () => expect(idsOf((await probe()).body)).toContain(withdrawn));
    const res = await http.post(
      `/requests/${withdrawn}/withdraw`,
      { reason: '已来水 water is back' },
      resident(6, 'g01'),
    );
    expect(res.status).toBe(200);
    await eventually(async () => expect(idsOf((await probe()).body)).toEqual([ids.first, ids.second].sort()));
  });

  test('When a caller’s scope holds none of the candidates, then it sees none; a hotline operator, who files anywhere, sees all', async () => {
    const body = { ...outage, gridId: 'g01' };
    const seen = async (who: typeof operator) => {
      const res = await http.post('/requests/duplicates', body, who);
      expect(res.status).toBe(200);
      return idsOf(res.body);
    };
    expect(await seen(otherSecretary)).toEqual([]);
    const grids = await seen(actors.secretary);
    expect(grids).toContain(ids.first);
    expect(grids).not.toContain(ids.neighbour);
    const everyNeighbourhood = [...grids, ids.neighbour].sort();
    expect(await seen(otherOperator)).toEqual(everyNeighbourhood);
    expect(await seen(operator)).toEqual(everyNeighbourhood);
    const resident = await http.post('/requests/duplicates', body, actors.resident);
    expect(resident.status).toBe(403);
    const outOfScope = await http.get(`/requests/${ids.second}/duplicates`, otherSecretary);
    expect(outOfScope.status).toBe(404);
  });

  test('When the grid is unknown or the title missing, then the answer is 400 naming the field', async () => {
    const unknown = await http.post('/requests/duplicates', { ...outage, gridId: 'g99' }, actors.secretary);
    expect(unknown.status).toBe(400);
    expect(unknown.body.detail).toContain('body.gridId');
    const untitled = await http.post('/requests/duplicates', { gridId: 'g01' }, actors.secretary);
    expect(untitled.status).toBe(400);
    expect(untitled.body.detail).toContain('body.title');
  });
});

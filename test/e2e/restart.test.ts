import { actors } from '../support/fixtures';
import { eventually } from '../support/eventually';
import { useE2eSystem } from '../support/e2eSystem';

const e2e = useE2eSystem();
const { http } = e2e;

describe('no case is lost when the worker goes away and comes back', () => {
  test('When the worker is down while the deadlines of a request pass, then a returning worker escalates it and nothing is lost', async () => {
    const filed = await http.post(
      '/requests',
      {
        channel: 'app',
        category: 'emergency',
        title: '停电 power cut',
        description: 'whole building dark',
        requester: { id: 'resident-9', name: '王五' },
        gridId: 'g02',
      },
      // A resident files for themself.
      { id: 'resident-9', role: 'resident', unit: 'g02' },
    );
    expect(filed.status).toBe(201);
    const id = filed.body.id;
    await e2e.system.stopWorker();
    // Down for longer than the 3-second dispatch deadline and the next rung's 3 seconds.
    await new Promise((resolve) => setTimeout(resolve, 8_000));
    expect((await e2e.system.models.Request.findById(id).lean())?.level).toBe('grid');
    await e2e.system.startWorker();
    // Deadlines that passed while no worker ran are handled on return: the request has climbed past the grid.
    await eventually(
      async () => {
        const live = await http.get(`/requests/${id}`);
        expect(['village', 'township', 'committee']).toContain(live.body.level);
      },
      { timeoutMs: 60_000, intervalMs: 500 },
    );
    const actions = (await http.get(`/requests/${id}/history`)).body.entries.map(
      (e: { action: string }) => e.action,
    );
    expect(actions[0]).toBe('submit');
    expect(actions).toContain('escalate_on_breach');
    await eventually(async () =>
      expect(
        (await http.get('/requests?unit=grid-g02')).body.items.map((r: { id: string }) => r.id),
      ).toContain(id),
    );
  }, 120_000);

  test('When a request is filed while no worker runs, then its page and a retried filing answer its first state rather than 503, and the returning worker takes it on', async () => {
    const resident = { id: 'resident-8', role: 'resident', unit: 'g01' } as const;
    const body = {
      channel: 'app',
      category: 'water_outage',
      title: '停水 no water',
      description: 'no water since the morning',
      requester: { id: 'resident-8', name: '赵六' },
      gridId: 'g01',
    };
    const key = { 'idempotency-key': 'filed-while-no-worker' };
    await e2e.system.stopWorker();
    const filed = await http.post('/requests', body, resident, key);
    expect(filed.status).toBe(201);
    const id = filed.body.id;

    // Its first workflow task waits for a worker: the query cannot be answered, no projection exists yet.
    const shown = await http.get(`/requests/${id}`, resident);
    expect(shown.status).toBe(200);
    expect(shown.body).toMatchObject({
      id,
      status: 'submitted',
      gridId: 'g01',
      submittedAt: filed.body.submittedAt,
    });
    const retried = await http.post('/requests', body, resident, key);
    expect(retried.status).toBe(201);
    expect(retried.headers.get('idempotent-replayed')).toBe('true');
    expect(retried.body).toMatchObject({ id, status: 'submitted', submittedAt: filed.body.submittedAt });
    expect(await e2e.system.models.Request.findById(id).lean()).toBeNull();

    await e2e.system.startWorker();
    await eventually(async () =>
      expect((await e2e.system.models.Request.findById(id).lean())?.status).toBe('submitted'),
    );
    const dispatched = await http.post(
      `/requests/${id}/dispatch`,
      { assignee: 'member-1' },
      actors.secretary,
    );
    expect(dispatched.status).toBe(200);
  }, 180_000);
});

import { actors } from '../support/fixtures';
import { eventually } from '../support/eventually';
import { useE2eSystem } from '../support/e2eSystem';

const e2e = useE2eSystem();
const { http } = e2e;

const newRequest = (overrides: Record<string, unknown> = {}) => ({
  channel: 'hotline',
  category: 'general',
  title: '小区路灯不亮 street lamp out',
  description: 'The lamp at gate 2 has been out since Monday.',
  requester: { id: 'resident-1', name: '张三', phone: '13800000000' },
  gridId: 'g01',
  ...overrides,
});

async function file(overrides: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  const created = await http.post('/requests', newRequest(overrides), actors.resident, headers);
  expect(created.status).toBe(201);
  return created.body;
}

describe('citizen requests over HTTP on the real dev server and FerretDB', () => {
  test('When a request goes through its whole life, then every step is recorded and the lists and inbox follow', async () => {
    const filed = await file();
    expect(filed).toMatchObject({
      status: 'submitted',
      level: 'grid',
      unit: 'grid-g01',
      deadline: { stage: 'dispatch', owner: 'grid-g01' },
    });
    const id = filed.id;
    const step = async (
      action: string,
      body: unknown,
      actor: { id: string; role: string; unit: string },
      status: string,
    ) => {
      const res = await http.post(`/requests/${id}/${action}`, body, actor);
      expect({ action, status: res.status, body: res.body?.status }).toEqual({
        action,
        status: 200,
        body: status,
      });
    };
    await step('dispatch', { assignee: 'member-1', note: 'nearest member' }, actors.secretary, 'dispatched');
    await step('accept', {}, actors.member, 'accepted');
    await step('progress', { note: 'called the utility' }, actors.member, 'in_progress');
    await step('resolve', { note: 'lamp replaced' }, actors.member, 'resolved');
    await step('feedback', { satisfied: true, note: 'bright again' }, actors.resident, 'closed');

    const live = await http.get(`/requests/${id}`);
    expect(live.body).toMatchObject({
      status: 'closed',
      outcome: 'satisfied',
      statusLabel: { zh: '已关闭', en: 'Closed' },
    });
    const history = await http.get(`/requests/${id}/history`);
    expect(
      history.body.entries.map((e: { action: string; actor: { id: string } }) => `${e.action}/${e.actor.id}`),
    ).toEqual([
      'submit/resident-1',
      'dispatch/sec-1',
      'accept/member-1',
      'progress/member-1',
      'resolve/member-1',
      'feedback_satisfied/resident-1',
    ]);
    const closed = await http.get('/requests?status=closed&unit=village-v01');
    // A list item is the view without what only one request's view shows; its pressure step is the view's.
    const {
      description: _description,
      requester: _requester,
      returnVisit: _returnVisit,
      coHandlers: _coHandlers,
      grid: _grid,
      responsible: _responsible,
      actions: _actions,
      ...listed
    } = live.body;
    expect(closed.body.items.find((r: { id: string }) => r.id === id)).toEqual(listed);
    await eventually(async () => {
      const inbox = await http.get('/notifications?recipient=member-1');
      expect(inbox.body.items).toEqual(
        expect.arrayContaining([expect.objectContaining({ kind: 'assigned', caseId: `request-${id}` })]),
      );
    });
  });

  test('When nobody acts on an emergency, then it climbs to the committee, reminders and notices reach the inbox and the webhook once each', async () => {
    const { id } = await file({ category: 'emergency', title: '燃气泄漏 gas smell' });
    await eventually(
      async () => {
        const live = await http.get(`/requests/${id}`);
        expect(live.body).toMatchObject({ level: 'committee', onAgenda: true, status: 'submitted' });
      },
      { timeoutMs: 60_000, intervalMs: 500 },
    );
    const onAgenda = await eventually(async () => {
      const page = await http.get('/requests?level=committee');
      expect(page.body.items.map((r: { id: string }) => r.id)).toContain(id);
      return page;
    });
    expect(onAgenda.status).toBe(200);
    // The list item carries the pressure step the case's view shows, found by the projection from its timeline.
    await eventually(async () => {
      const live = (await http.get(`/requests/${id}`)).body;
      const listed = (await http.get('/requests?level=committee')).body.items.find(
        (r: { id: string }) => r.id === id,
      );
      expect(live.pressure).toBeDefined();
      expect(listed).toMatchObject({ pressure: live.pressure, pressureLabel: live.pressureLabel });
    });
    const history = (await http.get(`/requests/${id}/history`)).body.entries;
    expect(
      history
        .filter((e: { action: string }) => e.action === 'escalate_on_breach')
        .map((e: { level: string }) => e.level),
    ).toEqual(['village', 'township', 'committee']);
    expect(history.filter((e: { action: string }) => e.action === 'reminder').length).toBeGreaterThanOrEqual(
      3,
    );
    const inbox = await http.get('/notifications?recipient=committee-c01');
    expect(inbox.body.items).toEqual(
      expect.arrayContaining([expect.objectContaining({ kind: 'agenda', caseId: `request-${id}` })]),
    );
    await eventually(() => {
      const mine = e2e.system.webhookCalls.filter((c) => c.body.caseId === `request-${id}`);
      expect(mine.map((c) => c.body.kind)).toEqual(
        expect.arrayContaining(['assigned', 'reminder', 'urge', 'supervise', 'agenda']),
      );
      const keys = mine.map((c) => c.headers['idempotency-key']);
      expect(new Set(keys).size).toBe(keys.length);
      expect(keys).toEqual(mine.map((c) => c.body.key));
    });
  }, 120_000);

  test('When a request is filed twice with the same Idempotency-Key, then the same request comes back', async () => {
    const key = `retry-${Date.now()}`;
    const first = await http.post('/requests', newRequest({ title: 'idempotent' }), actors.resident, {
      'idempotency-key': key,
    });
    const second = await http.post('/requests', newRequest({ title: 'idempotent' }), actors.resident, {
      'idempotency-key': key,
    });
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body.id).toBe(first.body.id);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    const third = await http.post('/requests', newRequest({ title: 'idempotent' }), actors.resident);
    expect(third.body.id).not.toBe(first.body.id);
  });

  test('When a request is filed, then the 201 body is exactly what a later GET and a retry with the same key return', async () => {
    const key = `same-${Date.now()}`;
    const filed = await http.post(
      '/requests',
      newRequest({ title: 'answered without a query' }),
      actors.resident,
      { 'idempotency-key': key },
    );
    expect(filed.status).toBe(201);
    // Read by the resident who filed it: others see the number masked (domain/privacy/contact.ts).
    const read = await http.get(`/requests/${filed.body.id}`, actors.resident);
    expect(read.status).toBe(200);
    expect(read.body).toEqual(filed.body);
    const retried = await http.post(
      '/requests',
      newRequest({ title: 'answered without a query' }),
      actors.resident,
      { 'idempotency-key': key },
    );
    expect(retried.headers.get('idempotent-replayed')).toBe('true');
    expect(retried.body).toEqual(filed.body);
  });

  test('When input is bad, then a 4xx problem names it and nothing changes', async () => {
    const missing = await http.post('/requests', { channel: 'fax', title: '' }, actors.resident);
    expect(missing.status).toBe(400);
    expect(missing.headers.get('content-type')).toContain('application/problem+json');
    const fields = missing.body.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        'body.channel',
        'body.title',
        'body.category',
        'body.description',
        'body.requester',
        'body.place',
      ]),
    );

    // The same problem shape as the schema's own 400s, and as the commitments' (errors[] named by field).
    expect(
      (await http.post('/requests', newRequest({ gridId: 'nowhere' }), actors.resident)).body,
    ).toMatchObject({
      title: 'validation',
      detail: 'body.gridId: unknown grid nowhere',
      errors: [{ field: 'body.gridId', message: 'unknown grid nowhere' }],
    });
    expect(
      (await http.post('/requests', newRequest({ category: 'fireworks' }), actors.resident)).status,
    ).toBe(400);
    const noActor = await http.raw('POST', '/requests', newRequest());
    expect(noActor.status).toBe(401);
    expect(noActor.headers.get('www-authenticate')).toBe('Bearer realm="lianxin"');
    expect(noActor.body).toMatchObject({
      title: 'unauthenticated',
      detail: 'no credentials: send Authorization: Bearer <token>',
    });
    const malformed = await http.raw('POST', '/requests', '{"title":', {
      'content-type': 'application/json',
      ...(await e2e.system.authHeaders(actors.resident)),
    });
    expect(malformed.status).toBe(400);
    expect(malformed.body.title).toBe('malformed_json');

    const { id } = await file({ title: 'for refusals' });
    const early = await http.post(`/requests/${id}/accept`, {}, actors.member);
    expect(early.status).toBe(409);
    expect(early.body.detail).toBe('cannot accept a request that is submitted');
    expect(
      (await http.post(`/requests/${id}/dispatch`, { assignee: 'member-1' }, actors.auditor)).status,
    ).toBe(403);
    expect(
      (await http.post(`/requests/${id}/dispatch`, { assignee: 'member-1' }, actors.member)).status,
    ).toBe(403);
    expect((await http.post(`/requests/${id}/dispatch`, {}, actors.secretary)).body.errors).toEqual([
      { field: 'body.assignee', message: expect.any(String) },
    ]);
    expect((await http.get(`/requests/${id}`)).body).toMatchObject({ status: 'submitted', revision: 1 });
    expect((await http.get('/requests/does-not-exist')).status).toBe(404);
    expect((await http.post('/requests/does-not-exist/accept', {}, actors.member)).status).toBe(404);
    expect((await http.get('/requests?pageSize=1000')).body.errors[0].field).toBe('query.pageSize');
  });

  test('When the service is asked about itself, then health and the OpenAPI document answer', async () => {
    expect(await http.get('/healthz')).toMatchObject({ status: 200, body: { status: 'alive' } });
    expect(await http.get('/readyz')).toMatchObject({
      status: 200,
      body: { status: 'ready', failing: [], temporal: 'ok', mongodb: 'ok' },
    });
    const doc = (await http.get('/openapi.json')).body;
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/requests',
        '/api/v1/requests/{id}/dispatch',
        '/api/v1/requests/{id}/history',
        '/api/v1/notifications',
      ]),
    );
  });
});

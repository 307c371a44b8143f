import mongoose from 'mongoose';
import { lastAnchor } from '../../audit/actionLog/anchor';
import { ActionBody, ActionEntry, hashEntry } from '../../audit/actionLog/chain';
import { ActionLogAppender, createActionLogModel, verifyActionLog } from '../../audit/actionLog/store';
import { anchorScheduleId } from '../../common/auditJobs';
import { ensureAuditSchedules } from '../../worker/auditSchedules';
import { actors } from '../support/fixtures';
import { eventually } from '../support/eventually';
import { useE2eSystem } from '../support/e2eSystem';

const e2e = useE2eSystem();
const { http } = e2e;

const committee = { id: 'committee-1', role: 'committee', unit: 'committee-c01' };
type Who = { id: string; role: string; unit: string };
const read = (path: string, actor: Who = actors.auditor) => http.get(path, actor);
const verify = async () => (await read('/audit/actions/verify')).body;

const newRequest = {
  channel: 'hotline',
  category: 'general',
  title: '井盖缺失 missing drain cover',
  description: 'Outside building 4.',
  requester: { id: 'resident-1', name: '张三' },
  gridId: 'g01',
};

/** A request filed, dispatched, and refused twice; answers its id once all four writes are logged. */
async function fileDispatchAndRefuse(tag: string): Promise<string> {
  const filed = await http.post('/requests', newRequest, actors.resident, { 'x-request-id': `${tag}-file` });
  expect(filed.status).toBe(201);
  expect(filed.headers.get('x-request-id')).toBe(`${tag}-file`);
  const id = filed.body.id;
  expect(
    (
      await http.post(`/requests/${id}/dispatch`, { assignee: 'member-1' }, actors.secretary, {
        'x-request-id': `${tag}-dispatch`,
      })
    ).status,
  ).toBe(200);
  expect(
    (await http.post(`/requests/${id}/accept`, {}, actors.auditor, { 'x-request-id': `${tag}-auditor` }))
      .status,
  ).toBe(403);
  const malformed = await http.raw('POST', `/requests/${id}/accept`, '{"note":', {
    'content-type': 'application/json',
    'x-request-id': `${tag}-malformed`,
  });
  expect(malformed.status).toBe(400);
  await eventually(async () =>
    expect((await read(`/audit/actions?target=request-${id}`)).body.total).toBe(4),
  );
  return id;
}

describe('the action log of every API write, on the real dev server and FerretDB', () => {
  test('When a request is filed, dispatched and refused, then each write is logged with who, what, which case, request id and outcome', async () => {
    const before = new Date().toISOString();
    const id = await fileDispatchAndRefuse('log');

    const page = (await read(`/audit/actions?target=request-${id}`)).body;
    expect(page.items.map((e: { seq: number }) => e.seq)).toEqual(
      [...page.items.map((e: { seq: number }) => e.seq)].sort((a, b) => b - a),
    );
    expect(page.items).toEqual([
      expect.objectContaining({
        // refused by the body parser before any route matched: the concrete path stands for the action
        actor: { headers: {} },
        action: `POST /api/v1/requests/${id}/accept`,
        requestId: 'log-malformed',
        outcome: { status: 400, problem: 'malformed_json' },
      }),
      expect.objectContaining({
        actor: actors.auditor,
        action: 'POST /api/v1/requests/:id/accept',
        path: `/api/v1/requests/${id}/accept`,
        requestId: 'log-auditor',
        outcome: { status: 403, problem: 'forbidden' },
      }),
      expect.objectContaining({
        actor: actors.secretary,
        action: 'POST /api/v1/requests/:id/dispatch',
        target: `request-${id}`,
        requestId: 'log-dispatch',
        outcome: { status: 200 },
      }),
      expect.objectContaining({
        actor: actors.resident,
        action: 'POST /api/v1/requests',
        path: '/api/v1/requests',
        requestId: 'log-file',
        outcome: { status: 201 },
      }),
    ]);
    expect(page.items[0].at >= before).toBe(true);
    expect(page.items[0].prevHash).toMatch(/^[0-9a-f]{64}$/);

    const bySecretary = (await read(`/audit/actions?actor=sec-1&from=${encodeURIComponent(before)}`)).body
      .items;
    expect(bySecretary.map((e: { requestId: string }) => e.requestId)).toEqual(['log-dispatch']);
    expect((await read(`/audit/actions?actor=sec-1&to=${encodeURIComponent(before)}`)).body.total).toBe(0);

    const nowhere = await http.post('/nowhere', {}, actors.resident);
    expect(nowhere.status).toBe(404);
    const generated = nowhere.headers.get('x-request-id');
    expect(generated).toMatch(/^[0-9a-f-]{36}$/);
    await eventually(async () => {
      const [logged] = (await read('/audit/actions?actor=resident-1&pageSize=1')).body.items;
      expect(logged).toMatchObject({
        action: 'POST /api/v1/nowhere',
        requestId: generated,
        outcome: { status: 404, problem: 'not_found' },
      });
      expect(logged.target).toBeUndefined();
    });
  });

  test('When someone other than an auditor or the committee reads the log, then it is refused and says why', async () => {
    const member = await read('/audit/actions', actors.member);
    expect(member.status).toBe(403);
    expect(member.headers.get('content-type')).toContain('application/problem+json');
    expect(member.body.detail).toBe('only the roles auditor, committee may read this, not grid_member');
    expect((await read('/audit/actions/verify', actors.secretary)).status).toBe(403);
    const anonymous = await http.raw('GET', '/audit/actions');
    expect([anonymous.status, anonymous.body.title]).toEqual([401, 'unauthenticated']);
    expect((await read('/audit/actions', committee)).status).toBe(200);
    expect((await read('/audit/actions?from=yesterday')).body.errors[0].field).toBe('query.from');
    const paths = Object.keys((await http.get('/openapi.json')).body.paths);
    expect(paths).toEqual(expect.arrayContaining(['/api/v1/audit/actions', '/api/v1/audit/actions/verify']));
  });

  test('When two API processes append at once, then the chain stays whole and every seq is taken once', async () => {
    const { host, port, name } = e2e.system.actionLog.db;
    const other = await mongoose.createConnection(`mongodb://${host}:${port}/${name}`).asPromise();
    try {
      // Two processes' appenders, each with ten appends in flight, racing each other (and the API's own).
      const processes = [e2e.system.actionLog, createActionLogModel(other)].map(
        (model) => new ActionLogAppender(model),
      );
      const body = (p: number, n: number): ActionBody => ({
        at: new Date().toISOString(),
        actor: { id: `bench-${p}`, role: 'committee', unit: 'committee-c01' },
        action: 'POST /api/v1/requests',
        path: '/api/v1/requests',
        requestId: `race-${p}-${n}`,
        outcome: { status: 201 },
      });
      const appended = await Promise.all(
        processes.flatMap((appender, p) => Array.from({ length: 10 }, (_, n) => appender.append(body(p, n)))),
      );
      expect(new Set(appended.map((e) => e.seq)).size).toBe(20);
      const verdict = await verify();
      expect(verdict).toMatchObject({ ok: true, head: { seq: Math.max(...appended.map((e) => e.seq)) } });
      expect(verdict.checked).toBe(verdict.head.seq);
    } finally {
      await other.close();
    }
  });

  test('When one entry is altered or removed in MongoDB, then verify reports the break at its seq', async () => {
    const id = await fileDispatchAndRefuse('tamper');
    const model = e2e.system.actionLog;
    const dispatch = await model
      .findOne({ requestId: 'tamper-dispatch' })
      .lean<ActionEntry & { actor: Who }>();
    expect(await verify()).toMatchObject({ ok: true });

    await model.updateOne({ seq: dispatch!.seq }, { $set: { 'actor.id': 'someone-else' } });
    expect(await verify()).toEqual({
      ok: false,
      checked: dispatch!.seq - 1,
      brokenAt: { seq: dispatch!.seq, kind: 'altered' },
    });
    const listed = (await read(`/audit/actions?target=request-${id}`)).body.items;
    expect(listed.find((e: { requestId: string }) => e.requestId === 'tamper-dispatch').actor.id).toBe(
      'someone-else',
    );

    await model.updateOne({ seq: dispatch!.seq }, { $set: { 'actor.id': dispatch!.actor.id } }); // key order in the document changes nothing
    expect(await verify()).toMatchObject({ ok: true });

    await model.deleteOne({ seq: dispatch!.seq });
    expect(await verify()).toEqual({
      ok: false,
      checked: dispatch!.seq - 1,
      brokenAt: { seq: dispatch!.seq, kind: 'missing' },
    });
    await model.collection.insertOne(dispatch!);
    expect(await verify()).toMatchObject({ ok: true });
  });

  test('When the newest entries are cut off, or the chain rewritten, after the nightly anchor, then verify reports it against the anchor', async () => {
    await fileDispatchAndRefuse('anchor');
    const { temporal, taskQueue, archiveDir, actionLog: model } = e2e.system;
    await ensureAuditSchedules(temporal, taskQueue);
    await temporal.schedule.getHandle(anchorScheduleId).trigger();
    const anchor = await eventually(async () => {
      const last = await lastAnchor(archiveDir);
      expect(last?.head.seq).toBe((await verifyActionLog(model)).checked);
      return last!;
    });
    expect(await verify()).toMatchObject({ ok: true, anchor });

    const tail = await model
      .find({ seq: { $gte: anchor.head.seq - 1 } }, { _id: 0 })
      .sort({ seq: 1 })
      .lean<ActionEntry[]>();
    await model.deleteMany({ seq: { $gte: anchor.head.seq - 1 } });
    expect(await verifyActionLog(model)).toMatchObject({ ok: true }); // the chain alone is whole, only shorter
    expect(await verify()).toMatchObject({
      ok: false,
      brokenAt: { seq: anchor.head.seq, kind: 'truncated' },
    });
    await model.collection.insertMany(tail.map((entry) => ({ ...entry })));
    expect(await verify()).toMatchObject({ ok: true });

    const { hash: _, ...anchored } = tail.at(-1)!;
    const rewritten = {
      ...anchored,
      actor: { id: 'someone-else', role: 'committee', unit: 'committee-c01' },
    };
    await model.replaceOne(
      { seq: anchored.seq },
      {
        ...rewritten,
        hash: hashEntry(rewritten.prevHash, (({ prevHash: __, ...content }) => content)(rewritten)),
      },
    );
    expect(await verifyActionLog(model)).toMatchObject({ ok: true });
    expect(await verify()).toMatchObject({
      ok: false,
      brokenAt: { seq: anchor.head.seq, kind: 'rewritten' },
    });
  });
});

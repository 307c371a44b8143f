import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { archiveScheduleId } from '../../common/auditJobs';
import { citizenRequestWorkflowType } from '../../common/requests';
import { actors, repoRoot } from '../support/fixtures';
import { eventually } from '../support/eventually';
import { HttpResult } from '../support/e2eSystem';
import { startSupervisedStack, SupervisedStack } from '../support/supervisedStack';

/**
 * Processes dying under `npm start` (scripts/start.ts: the supervisor restarts each), on the real
 * dev server and FerretDB over loopback. Deadlines: general requests 1 h (nothing fires while the
 * test runs), emergencies 10 s. Each scenario prints the recovery times it saw.
 */
let stack: SupervisedStack;
// Set when the suite ends: clients of a failed scenario stop retrying rather than keep jest alive.
let over = false;
beforeAll(async () => {
  stack = await startSupervisedStack(join(repoRoot, 'test', 'e2e', 'policy.faults.json'));
}, 300_000);
afterAll(async () => {
  over = true;
  await stack?.stop();
}, 90_000);

const general = (n: number) => ({
  channel: 'hotline',
  category: 'general',
  title: `故障测试 ${n}`,
  description: 'fault scenario',
  requester: { id: actors.resident.id, name: '李四', phone: '13800000000' },
  gridId: 'g01',
});
type Who = { id: string; role: string; unit: string };

/** A client that retries what the system could not answer (connection refused, 503) as a real one would. */
async function retrying(call: () => Promise<HttpResult>, timeoutMs = 120_000): Promise<HttpResult> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const result = await call().catch(
      (err: Error) => ({ status: 0, headers: new Headers(), body: err.message }) as HttpResult,
    );
    if (result.status !== 0 && result.status !== 503) return result;
    if (over || Date.now() > deadline)
      throw new Error(`still ${result.status} after ${timeoutMs} ms: ${JSON.stringify(result.body)}`);
    await sleep(500);
  }
}

/**
 * An action retried until it took: a 409 after a retry is fine when the case already shows the
 * action (the first attempt got through while its answer was lost).
 */
async function act(id: string, action: string, body: object, actor: Who, after: string): Promise<void> {
  let attempts = 0;
  const result = await retrying(
    () => (attempts++, stack.http.post(`/requests/${id}/${action}`, body, actor)),
  );
  if (result.status === 200) return;
  const live = await retrying(() => stack.http.get(`/requests/${id}`));
  if (!(result.status === 409 && attempts > 1 && live.body.status === after))
    throw new Error(`${action} ${id}: ${result.status} ${JSON.stringify(result.body)}`);
}

async function file(n: number, key: string): Promise<string> {
  const filed = await retrying(() =>
    stack.http.post('/requests', general(n), actors.resident, { 'idempotency-key': key }),
  );
  expect([200, 201]).toContain(filed.status);
  return filed.body.id;
}

async function lifecycle(n: number): Promise<string> {
  const id = await file(n, `faults-${n}-${Date.now()}`);
  await act(id, 'dispatch', { assignee: 'member-1' }, actors.secretary, 'dispatched');
  await act(id, 'accept', {}, actors.member, 'accepted');
  await act(id, 'resolve', { note: 'fixed' }, actors.member, 'resolved');
  await act(id, 'feedback', { satisfied: true }, actors.resident, 'closed');
  return id;
}

/** What a case ended as: its status, outcome and the actions of its timeline, without times. */
async function endState(id: string) {
  const live = (await retrying(() => stack.http.get(`/requests/${id}`))).body;
  const state = await stack.models.RequestState.findById(id).lean<{
    revision: number;
    state: { status: string };
  }>();
  const listed = await stack.models.Request.findById(id).lean<{ status: string; revision: number }>();
  const timeline = await stack.models.Timeline.find({ caseId: `request-${id}` })
    .sort({ revision: 1 })
    .lean();
  return {
    status: live.status,
    outcome: live.outcome,
    projected: [state?.state.status, listed?.status, listed?.revision === live.revision],
    actions: timeline.map((doc) => doc.entry.action),
  };
}

/** Watches the projected revisions of some cases: none may ever go down. */
function watchRevisions(ids: () => string[]) {
  const seen = new Map<string, number>();
  const regressions: string[] = [];
  let progressAt: number[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      const docs = await stack.models.RequestState.find({ _id: { $in: ids() } }, { revision: 1 })
        .lean<{ _id: string; revision: number }[]>()
        .catch(() => []);
      for (const doc of docs) {
        const before = seen.get(doc._id) ?? 0;
        if (doc.revision < before) regressions.push(`${doc._id}: ${before} → ${doc.revision}`);
        if (doc.revision > before) progressAt.push(Date.now());
        seen.set(doc._id, Math.max(before, doc.revision));
      }
      await sleep(200);
    }
  })();
  return {
    regressions,
    /** The first time a projection moved on after `t`. */
    firstProgressAfter: (t: number) => progressAt.find((at) => at > t),
    async stop() {
      running = false;
      await loop;
      progressAt = [];
    },
  };
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

describe('processes dying under npm start, on the real dev server and FerretDB', () => {
  test('When the worker is SIGKILLed three times during a busy run, then every case ends as without kills, each notice is delivered under one key and no projection goes backwards', async () => {
    const control = await lifecycle(0);
    const expected = await endState(control);
    expect(expected).toMatchObject({
      status: 'closed',
      outcome: 'satisfied',
      projected: ['closed', 'closed', true],
    });

    const ids: string[] = [];
    const watch = watchRevisions(() => ids);
    const run = Promise.all(
      Array.from({ length: 24 }, async (_, i) => {
        await sleep(i * 150);
        const id = await lifecycle(i + 1);
        ids.push(id);
        return id;
      }),
    );
    const recoveries: string[] = [];
    for (let kill = 0; kill < 3; kill++) {
      await sleep(3_000);
      const killedAt = stack.kill('worker');
      const restartedAt = await stack.restarted('worker');
      await eventually(async () => expect(watch.firstProgressAfter(restartedAt)).toBeDefined(), {
        timeoutMs: 60_000,
        intervalMs: 200,
      }).catch(() => undefined);
      const progress = watch.firstProgressAfter(restartedAt);
      recoveries.push(
        `kill ${kill + 1}: worker ready ${seconds(restartedAt - killedAt)} after SIGKILL, first projection ${progress ? seconds(progress - restartedAt) : 'none yet'} after that`,
      );
    }
    const finished = await run;
    await eventually(
      async () => {
        for (const id of finished) expect(await endState(id)).toEqual(expected);
      },
      { timeoutMs: 90_000, intervalMs: 1_000 },
    );
    await watch.stop();
    expect(watch.regressions).toEqual([]);

    // Inbox notices are keyed inserts: one per key, whatever was retried.
    const notices = await stack.models.Notification.find(
      { caseId: { $in: finished.map((id) => `request-${id}`) } },
      { _id: 1 },
    ).lean<{ _id: string }[]>();
    const expectedNotices =
      (await stack.models.Notification.countDocuments({ caseId: `request-${control}` })) * finished.length;
    expect(notices.length).toBe(expectedNotices);
    // Each reached the webhook under its own key, and no call carried a key that is not one of them,
    // so a receiver that honours Idempotency-Key acts on each notice once. A worker killed between
    // a POST and its receipt POSTs that notice again on the retry: no sender can tell whether a
    // call it never heard back from arrived, which is what the key is for.
    const keys = new Set(notices.map(({ _id }) => _id));
    expect(notices.filter(({ _id }) => !stack.deliveries.has(_id))).toEqual([]);
    const ours = [...stack.deliveries.keys()].filter((key) =>
      finished.some((id) => key.startsWith(`request-${id}:`)),
    );
    expect(ours.filter((key) => !keys.has(key))).toEqual([]);
    const redelivered = notices.filter(({ _id }) => stack.deliveries.get(_id)! > 1).length;
    console.log(
      `worker SIGKILL ×3 during 24 lifecycles:\n  ${recoveries.join('\n  ')}\n  ${notices.length} notices, ${redelivered} POSTed again after a kill (same key)`,
    );
  }, 420_000);

  test('When the API is SIGKILLed while clients file with Idempotency-Keys and retry, then no accepted request is lost or doubled', async () => {
    const before = (await stack.temporal.workflow.count(`WorkflowType = '${citizenRequestWorkflowType}'`))
      .count;
    const keys = Array.from({ length: 40 }, (_, i) => `api-restart-${i}`);
    const answered = new Map<string, string[]>();
    let filedSoFar = 0;
    const clients = Promise.all(
      keys.map(async (key, i) => {
        await sleep(i * 100);
        for (let attempt = 0; attempt < 2; attempt++) {
          // A client that got its answer retries once anyway (a lost answer looks the same to it).
          const id = await file(1000 + i, key);
          answered.set(key, [...(answered.get(key) ?? []), id]);
        }
        filedSoFar++;
      }),
    );
    await eventually(async () => expect(filedSoFar).toBeGreaterThanOrEqual(8), {
      timeoutMs: 60_000,
      intervalMs: 100,
    });
    const killedAt = stack.kill('api');
    const restartedAt = await stack.restarted('api');
    await clients;

    const ids = keys.map((key) => answered.get(key)!);
    expect(ids.filter(([first, retried]) => first !== retried)).toEqual([]);
    expect(new Set(ids.map(([id]) => id)).size).toBe(keys.length);
    await eventually(async () =>
      expect(
        (await stack.temporal.workflow.count(`WorkflowType = '${citizenRequestWorkflowType}'`)).count,
      ).toBe(before + keys.length),
    );
    console.log(
      `API SIGKILL under 40 keyed filings: ready again ${seconds(restartedAt - killedAt)} after it`,
    );
  }, 240_000);

  test('When the API is killed between a write and its action-log entry, then the entry is found afterwards', async () => {
    const ferretdb = 'ferretdb';
    // The API knows the resident before the outage (it remembers the people it read: directory/people.ts).
    expect((await stack.http.get('/me', actors.resident)).status).toBe(200);
    stack.kill(ferretdb, 'SIGSTOP'); // the log cannot be written: the entry can only be in the outbox
    try {
      const filed = await stack.http.post('/requests', general(2000), actors.resident, {
        'x-request-id': 'outbox-survives-a-crash',
      });
      expect(filed.status).toBe(201);
      stack.kill('api');
    } finally {
      stack.kill(ferretdb, 'SIGCONT');
    }
    await stack.restarted('api');
    await eventually(
      async () =>
        expect(await stack.actionLog.countDocuments({ requestId: 'outbox-survives-a-crash' })).toBe(1),
      { timeoutMs: 60_000, intervalMs: 500 },
    );
    expect((await stack.http.get('/audit/actions/verify', actors.auditor)).body).toMatchObject({ ok: true });
  }, 180_000);

  test('When FerretDB is SIGKILLed mid-run, then reads answer 503 naming MongoDB, filings are accepted, and projections catch up', async () => {
    // The API knows the resident before the outage (it remembers the people it read: directory/people.ts).
    expect((await stack.http.get('/me', actors.resident)).status).toBe(200);
    const killedAt = stack.kill('ferretdb');
    await sleep(200); // until the kernel has closed its sockets
    const started = Date.now();
    // Both at once: the supervisor brings FerretDB back 3 s after the kill.
    const [read, readiness] = await Promise.all([
      stack.http.get('/requests?unit=grid-g01'),
      stack.http.get('/readyz'),
    ]);
    const readMs = Date.now() - started;
    expect(read.status).toBe(503);
    expect(read.body).toMatchObject({ title: 'dependency_unavailable', dependency: 'mongodb' });
    expect(readiness).toMatchObject({ status: 503, body: { status: 'unready', failing: ['mongodb'] } });
    const filed = await Promise.all(
      [1, 2, 3].map((n) => stack.http.post('/requests', general(3000 + n), actors.resident)),
    );
    expect(filed.map((r) => r.status)).toEqual([201, 201, 201]);

    const backAt = await stack.restarted('ferretdb');
    await eventually(
      async () => {
        const listed = await stack.models.Request.countDocuments({
          _id: { $in: filed.map((r) => r.body.id) },
        });
        expect(listed).toBe(3);
      },
      { timeoutMs: 90_000, intervalMs: 250 },
    );
    const caughtUpAt = Date.now();
    await eventually(async () => expect((await stack.http.get('/readyz')).status).toBe(200));
    console.log(
      `FerretDB SIGKILL: a read answered 503 in ${readMs} ms; FerretDB back ${seconds(backAt - killedAt)} after the kill, projections caught up ${seconds(caughtUpAt - backAt)} after that`,
    );
  }, 180_000);

  test('When the Temporal dev server is SIGKILLed, then cases, timers and schedules continue, and deadlines due while it was down fire after the restart', async () => {
    const emergency = { ...general(4000), category: 'emergency', title: '燃气泄漏 gas leak' };
    const filed = await Promise.all(
      [1, 2, 3].map(() => retrying(() => stack.http.post('/requests', emergency, actors.resident))),
    );
    const ids = filed.map((r) => r.body.id as string);
    const dueAt = Math.min(...filed.map((r) => Date.parse(r.body.deadline.dueAt)));
    await sleep(Math.max(0, dueAt - Date.now() - 1_500));
    const killedAt = stack.kill('temporal');
    const backAt = await stack.restarted('temporal');
    expect(backAt).toBeGreaterThan(dueAt); // the premise: the dispatch deadline came due while the server was down

    await eventually(
      async () => {
        for (const id of ids) expect((await stack.http.get(`/requests/${id}`)).body.level).not.toBe('grid');
      },
      { timeoutMs: 120_000, intervalMs: 250 },
    );
    const firedAt = Date.now();
    for (const id of ids) {
      const actions = (await stack.http.get(`/requests/${id}/history`)).body.entries.map(
        (e: { action: string }) => e.action,
      );
      expect(actions).toEqual(expect.arrayContaining(['submit', 'reminder', 'escalate_on_breach']));
    }
    const schedule = await stack.temporal.schedule.getHandle(archiveScheduleId).describe();
    expect(schedule.info.nextActionTimes[0].getTime()).toBeGreaterThan(Date.now());
    // A case filed after the restart runs as any other.
    expect(await lifecycle(5000)).toBeDefined();
    console.log(
      `Temporal SIGKILL: back ${seconds(backAt - killedAt)} after the kill, overdue deadlines fired ${seconds(firedAt - backAt)} after that`,
    );
  }, 240_000);
});

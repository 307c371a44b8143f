import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { actors } from '../support/fixtures';
import { eventually } from '../support/eventually';
import { useE2eSystem } from '../support/e2eSystem';

/**
 * A merged group's return visit over HTTP on the real dev server and FerretDB: each requester
 * answers with their own token and the ledger counts every answer. The short policy, with an hour
 * for the return visit so that three answers over HTTP fit in it.
 */
function hourLongReturnVisit(): string {
  const policy = JSON.parse(readFileSync(join(__dirname, 'policy.short.json'), 'utf8'));
  for (const rule of policy.requestDeadlines) rule.returnVisit = 'PT1H';
  const file = join(mkdtempSync(join(tmpdir(), 'lianxin-group-')), 'policy.json');
  writeFileSync(file, JSON.stringify(policy));
  return file;
}

const e2e = useE2eSystem(hourLongReturnVisit());
const { http } = e2e;

type Actor = { id: string; role: string; unit: string };
const resident = (id: string): Actor => ({ id, role: 'resident', unit: 'g01' });
const todayLocal = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

async function file(by: Actor): Promise<string> {
  const created = await http.post(
    '/requests',
    {
      channel: 'app',
      category: 'general',
      title: '3号楼楼道灯坏了 stairwell light out, building 3',
      description: 'The 3rd floor light has been out for a week.',
      requester: { id: by.id, name: '居民', phone: '13800000000' },
      gridId: 'g01',
    },
    by,
  );
  expect(created.status).toBe(201);
  return created.body.id;
}

async function act(id: string, action: string, body: unknown, actor: Actor) {
  const res = await http.post(`/requests/${id}/${action}`, body, actor);
  if (res.status >= 300) throw new Error(`${action}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** A primary filed by `requesters[0]`, each other requester's duplicate merged into it, then resolved. */
async function resolvedGroup(requesters: Actor[]): Promise<string> {
  const primary = await file(requesters[0]);
  for (const by of requesters.slice(1))
    await act(await file(by), 'merge', { into: primary, note: 'same stairwell' }, actors.secretary);
  await eventually(async () =>
    expect((await http.get(`/requests/${primary}`, actors.secretary)).body.returnVisit.requesters).toBe(
      requesters.length,
    ),
  );
  await act(primary, 'dispatch', { assignee: actors.member.id }, actors.secretary);
  await act(primary, 'accept', {}, actors.member);
  await act(primary, 'resolve', { note: 'bulb and switch replaced' }, actors.member);
  return primary;
}

describe('a merged group’s return visit over HTTP', () => {
  const [r1, r2, r3] = ['resident-1', 'resident-2', 'resident-3'].map(resident);

  test('When a group of three is resolved, then each requester is asked, answers with their own token, and the request closes once all are satisfied', async () => {
    const id = await resolvedGroup([r1, r2, r3]);
    for (const r of [r1, r2, r3])
      await eventually(async () => {
        const inbox = await http.get(`/notifications?recipient=${r.id}`, r);
        expect(inbox.body.items).toEqual(
          expect.arrayContaining([
            expect.objectContaining({ kind: 'return_visit', caseId: `request-${id}` }),
          ]),
        );
      });

    expect(await act(id, 'feedback', { satisfied: true, note: 'bright again' }, r2)).toMatchObject({
      status: 'resolved',
      returnVisit: {
        requesters: 3,
        answers: [{ requester: 'resident-2', satisfied: true, note: 'bright again' }],
      },
    });
    const twice = await http.post(`/requests/${id}/feedback`, { satisfied: false }, r2);
    expect(twice.status).toBe(409);
    expect(twice.body.detail).toMatch(/^resident-2 already answered this return visit/);
    await act(id, 'feedback', { satisfied: true }, r1);
    const closed = await act(id, 'feedback', { satisfied: true }, r3);
    expect(closed).toMatchObject({ status: 'closed', outcome: 'satisfied' });
    // resident-3 sees their own answer in full, the others' masked and without their words.
    expect(closed.returnVisit.answers).toEqual([
      { requester: 'r*********', satisfied: true, at: expect.any(String) },
      { requester: 'r*********', satisfied: true, at: expect.any(String) },
      { requester: 'resident-3', satisfied: true, at: expect.any(String) },
    ]);
    const late = await http.post(`/requests/${id}/feedback`, { satisfied: false }, r1);
    expect(late.status).toBe(409);
    expect(late.body.detail).toMatch(/^the return visit is over: the request was closed \(satisfied\)/);
  }, 120_000);

  test('When one of a group answers unsatisfied, then it reopens at once and the other’s answer after it is refused', async () => {
    const id = await resolvedGroup([r1, r2]);
    await act(id, 'feedback', { satisfied: true }, r2);
    expect(await act(id, 'feedback', { satisfied: false, note: 'still dark' }, r1)).toMatchObject({
      status: 'reopened',
    });
    const refused = await http.post(`/requests/${id}/feedback`, { satisfied: true }, r2);
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toMatch(/^the return visit is over: the request was reopened/);
    await eventually(async () => {
      const inbox = await http.get(`/notifications?recipient=${r2.id}`, r2);
      expect(inbox.body.items).toEqual(
        expect.arrayContaining([expect.objectContaining({ kind: 'outcome', caseId: `request-${id}` })]),
      );
    });
  }, 120_000);

  test('When the grid’s ledger is read, then its satisfaction counts every answer of every group', async () => {
    const month = todayLocal().slice(0, 7);
    await eventually(
      async () => {
        const ledger = (await http.get(`/ledgers/grid-g01?month=${month}`, actors.secretary)).body;
        expect(ledger.counts).toMatchObject({
          merged: 3,
          resolved: 2,
          satisfied: 4,
          unsatisfied: 1,
          noFeedback: 0,
          reopened: 1,
        });
        expect(ledger.rates.satisfaction).toMatchObject({ rate: 0.8, numerator: 4, denominator: 5 });
        expect(ledger.byStatus.find((s: { key: string }) => s.key === 'closed').count).toBe(1);
      },
      { timeoutMs: 30_000 },
    );
  });
});

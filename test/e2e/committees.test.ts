import { actors } from '../support/fixtures';
import { eventually } from '../support/eventually';
import { useE2eSystem } from '../support/e2eSystem';

/**
 * The standing committee over HTTP on the real dev server and FerretDB, with the short policy
 * (the committee's own rung has an hour, so major requests wait quietly on the agenda).
 */
const e2e = useE2eSystem();
const { http } = e2e;

const committee = '/committees/committee-c01';
const secretariat = { id: 'sec-c01', role: 'committee', unit: 'committee-c01' };

async function fileMajor(title: string): Promise<string> {
  const created = await http.post(
    '/requests',
    {
      channel: 'hotline',
      category: 'general',
      title,
      description: 'Affects the whole estate.',
      requester: { id: 'resident-1', name: '张三' },
      gridId: 'g01',
      major: true,
    },
    actors.resident,
  );
  expect(created.status).toBe(201);
  return created.body.id;
}

const keys = (res: { body: { items: { key: string }[] } }) => res.body.items.map((i) => i.key).sort();

describe('the standing committee over HTTP on the real dev server and FerretDB', () => {
  test('When major requests arrive and meetings decide on them, then the agenda, past meetings and each case’s decisions follow, and bad meetings are refused naming the problem', async () => {
    const lead = await fileMajor('整片小区停水 estate without water');
    const closed = await fileMajor('老旧小区改造 old estate renovation');
    const [leadKey, closedKey] = [`request-${lead}`, `request-${closed}`];

    const arrived = await eventually(async () => {
      const res = await http.get(`${committee}/agenda`);
      expect(keys(res)).toEqual([leadKey, closedKey].sort());
      return res.body;
    });
    expect(arrived.items.find((i: { key: string }) => i.key === leadKey)).toMatchObject({
      case: { kind: 'request', id: lead, workflowId: leadKey },
      reason: 'major',
      reasonLabel: { zh: '重大民生事项', en: 'Major livelihood matter' },
      unit: 'township-t01',
      waitingDays: 0,
      overdue: false,
      history: `/api/v1/requests/${lead}/history`,
    });

    const heldAt = () => new Date(Date.now() - 1000).toISOString();
    const meeting = (id: string, decisions: unknown[], actor = secretariat) =>
      http.post(
        `${committee}/meetings`,
        { id, heldAt: heldAt(), membersPresent: ['secretary-wang'], decisions },
        actor,
      );

    // Refused before anything is recorded, each naming its problem.
    const unknownItem = await meeting('m0', [
      { item: 'request-nowhere', decision: { kind: 'close', outcome: 'x' } },
    ]);
    expect([unknownItem.status, unknownItem.body.detail]).toEqual([
      400,
      'item request-nowhere is not on the agenda',
    ]);
    const badDecision = await meeting('m0', [
      { item: leadKey, decision: { kind: 'assignLead', leadOfficial: 'deputy-1' } },
    ]);
    expect(badDecision.status).toBe(400);
    expect(badDecision.body.errors.map((e: { field: string }) => e.field)).toEqual([
      'body.decisions.0.decision.leadUnit',
      'body.decisions.0.decision.deadline',
      'body.decisions.0.decision.supervision',
    ]);
    const downToCommittee = await meeting('m0', [
      { item: leadKey, decision: { kind: 'sendDown', toLevel: 'committee', instructions: 'x' } },
    ]);
    expect([downToCommittee.status, downToCommittee.body.detail]).toEqual([
      400,
      `item ${leadKey}: level committee is not below the committee (committee)`,
    ]);
    const byResident = await meeting(
      'm0',
      [{ item: closedKey, decision: { kind: 'close', outcome: 'x' } }],
      actors.resident,
    );
    expect(byResident.status).toBe(403);
    const notACommittee = await http.post(
      '/committees/village-v01/meetings',
      {
        id: 'm0',
        heldAt: heldAt(),
        membersPresent: ['x'],
        decisions: [{ item: closedKey, decision: { kind: 'close', outcome: 'x' } }],
      },
      secretariat,
    );
    expect([notACommittee.status, notACommittee.body.detail]).toEqual([
      404,
      'committee village-v01 not found',
    ]);
    expect((await http.get(`${committee}/meetings`)).body.items).toEqual([]);

    const m1 = await meeting('m1', [
      {
        item: leadKey,
        decision: {
          kind: 'assignLead',
          leadOfficial: 'deputy-1',
          leadUnit: 'housing-bureau',
          deadline: 'PT4S',
          supervision: 'key',
        },
      },
      { item: closedKey, decision: { kind: 'close', outcome: '纳入2027年改造计划' } },
    ]);
    expect(m1.status).toBe(200);
    expect(m1.body.deliveries.map((d: { caseId: string; outcome: string }) => [d.caseId, d.outcome])).toEqual(
      [
        [leadKey, 'applied'],
        [closedKey, 'applied'],
      ],
    );
    expect(m1.body.meeting.decisions[0]).toMatchObject({
      item: leadKey,
      kindLabel: { zh: '明确牵头领导', en: 'Lead official assigned' },
      supervisionLabel: { zh: '重点督办', en: 'Key supervision' },
    });
    const again = await meeting('m1', [{ item: leadKey, decision: { kind: 'close', outcome: 'x' } }]);
    expect([again.status, again.body.detail]).toEqual([409, 'meeting m1 is already recorded']);

    expect((await http.get(`/requests/${closed}`)).body).toMatchObject({ status: 'closed', onAgenda: false });
    const decided = await http.get(`${committee}/agenda`);
    expect(keys(decided)).toEqual([leadKey]);
    expect(decided.body.items[0].decision).toMatchObject({
      meetingId: 'm1',
      decision: { kind: 'assignLead' },
    });
    expect(keys(await http.get(`${committee}/agenda?waitingLongerThanDays=1`))).toEqual([]);
    // The lead's deadline passes: the agenda flags it overdue.
    await eventually(async () =>
      expect(keys(await http.get(`${committee}/agenda?overdue=true`))).toEqual([leadKey]),
    );
    expect(keys(await http.get(`${committee}/agenda?overdue=false`))).toEqual([]);

    const m2 = await meeting('m2', [
      {
        item: leadKey,
        decision: { kind: 'sendDown', toLevel: 'village', instructions: '社区牵头，物业配合' },
      },
    ]);
    expect(m2.body.deliveries).toEqual([{ item: leadKey, caseId: leadKey, outcome: 'applied' }]);
    // The case tells its committee it left; the agenda's read model follows a moment later.
    await eventually(async () => expect(keys(await http.get(`${committee}/agenda`))).toEqual([]));
    expect((await http.get(`/requests/${lead}`)).body).toMatchObject({ level: 'village', onAgenda: false });

    const first = await http.get(`${committee}/meetings?pageSize=1`);
    expect([first.body.items.map((m: { id: string }) => m.id), first.body.next]).toEqual([['m2'], 'm2']);
    const second = await http.get(`${committee}/meetings?pageSize=1&cursor=${first.body.next}`);
    expect([second.body.items.map((m: { id: string }) => m.id), second.body.next]).toEqual([
      ['m1'],
      undefined,
    ]);
    expect((await http.get(`${committee}/meetings?cursor=nope`)).status).toBe(400);

    const decisions = await http.get(`/requests/${lead}/committee-decisions`);
    expect(decisions.body).toMatchObject({ id: lead, committeeId: 'committee-c01' });
    expect(
      decisions.body.decisions.map((d: { meetingId: string; decision: { kind: string } }) => [
        d.meetingId,
        d.decision.kind,
      ]),
    ).toEqual([
      ['m1', 'assignLead'],
      ['m2', 'sendDown'],
    ]);
    expect((await http.get('/requests/nobody/committee-decisions')).status).toBe(404);

    // The committee is a case like any other for the auditor: its timeline and replay.
    const timeline = await http.get('/audit/cases/committee-committee-c01/timeline', actors.auditor);
    expect(timeline.status).toBe(200);
    const actions = timeline.body.lines.map((l: { action: string }) => l.action);
    expect(actions).toEqual(expect.arrayContaining(['opened', 'arrive', 'meeting']));
    const replay = await http.get('/audit/cases/committee-committee-c01/replay', actors.auditor);
    expect(replay.body).toMatchObject({ deterministic: true });
  }, 120_000);
});

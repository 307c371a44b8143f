import { Actor } from '../../domain/actors';
import { AgendaState, arrive, caseRef, leave, openAgenda } from '../../domain/committee/agenda';
import { CommitteeDecision } from '../../domain/committee/decisions';
import { holdMeeting, MeetingInput } from '../../domain/committee/meeting';
import {
  decisionsOn,
  isOverdue,
  overdueItems,
  viewAgenda,
  waitingDays,
  waitingLongerThan,
} from '../../domain/committee/queries';
import { Refusal } from '../../domain/timeline';
import { actors, defaultPolicy } from '../support/fixtures';

const policy = defaultPolicy();
const day = 86_400_000;
const t0 = Date.parse('2026-11-27T01:00:00Z');
const secretariat: Actor = { id: 'sec-c01', role: 'committee', unit: 'committee-c01' };
const heldAt = '2026-12-01T02:00:00.000Z';
const afterMeeting = Date.parse('2026-12-01T06:00:00Z');

function request(
  id: string,
  reason: 'major' | 'escalated_on_breach' | 'escalated_by_hand' = 'escalated_on_breach',
) {
  return { case: caseRef('request', id), reason, title: `诉求 ${id}`, unit: 'township-t01' };
}

/** r-1 … r-5 arrive a day apart from t0. */
function agendaOfFive(): AgendaState {
  return ['r-1', 'r-2', 'r-3', 'r-4', 'r-5'].reduce(
    (agenda, id, i) => arrive(agenda, request(id, i === 0 ? 'major' : 'escalated_on_breach'), t0 + i * day),
    openAgenda('committee-c01', 'committee', t0),
  );
}

const lead: CommitteeDecision = {
  kind: 'assignLead',
  leadOfficial: 'deputy-1',
  leadUnit: 'housing-bureau',
  deadline: 'P10D',
  supervision: 'key',
};

function meeting(decisions: MeetingInput['decisions'], id = 'm1'): MeetingInput {
  return { id, heldAt, membersPresent: ['secretary-wang', 'deputy-1', 'deputy-2'], decisions };
}

function refusal(act: () => unknown): Refusal {
  try {
    act();
  } catch (error) {
    if (error instanceof Refusal) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('committee agenda', () => {
  test('When items arrive, then each is keyed by its case, and a second arrival of the same case changes nothing', () => {
    const agenda = agendaOfFive();
    expect(agenda.items.map((i) => [i.key, i.case.workflowId, i.reason, i.arrivedAt])).toEqual([
      ['request-r-1', 'request-r-1', 'major', '2026-11-27T01:00:00.000Z'],
      ['request-r-2', 'request-r-2', 'escalated_on_breach', '2026-11-28T01:00:00.000Z'],
      ['request-r-3', 'request-r-3', 'escalated_on_breach', '2026-11-29T01:00:00.000Z'],
      ['request-r-4', 'request-r-4', 'escalated_on_breach', '2026-11-30T01:00:00.000Z'],
      ['request-r-5', 'request-r-5', 'escalated_on_breach', '2026-12-01T01:00:00.000Z'],
    ]);
    expect(agenda.revision).toBe(5);
    expect(arrive(agenda, request('r-1', 'escalated_by_hand'), t0 + 9 * day)).toBe(agenda);
  });

  test("When a plan's problem arrives, then it is its own item beside the plan's other problems", () => {
    const plan = openAgenda('committee-c01', 'committee', t0);
    const p1 = arrive(plan, { ...request('x'), case: caseRef('enterprise', 'plan-1', 'p1') }, t0);
    const both = arrive(p1, { ...request('x'), case: caseRef('enterprise', 'plan-1', 'p2') }, t0);
    expect(both.items.map((i) => i.key)).toEqual(['plan-plan-1/p1', 'plan-plan-1/p2']);
    expect(both.items[0].case).toEqual({
      kind: 'enterprise',
      id: 'plan-1',
      workflowId: 'plan-plan-1',
      problem: 'p1',
    });
  });

  test('When a meeting decides four items one of each kind, then only the lead stays, with its deadline, and each case gets its order', () => {
    const { state, orders } = holdMeeting(
      agendaOfFive(),
      meeting([
        { item: 'request-r-1', decision: lead },
        {
          item: 'request-r-2',
          decision: { kind: 'sendDown', toLevel: 'township', instructions: '街道牵头协调' },
        },
        { item: 'request-r-3', decision: { kind: 'merge', into: 'request-r-1', note: '同一楼栋' } },
        {
          item: 'request-r-4',
          decision: { kind: 'close', outcome: '已纳入明年财政预算 in next year’s budget' },
        },
      ]),
      secretariat,
      { policy, now: afterMeeting },
    );
    expect(state.items.map((i) => i.key)).toEqual(['request-r-1', 'request-r-5']);
    expect(state.items[0].decision).toEqual({
      meetingId: 'm1',
      decidedAt: heldAt,
      decision: lead,
      dueAt: '2026-12-11T02:00:00.000Z',
    });
    expect(state.items[1].decision).toBeUndefined();
    expect(state.meetings).toHaveLength(1);
    expect(state.meetings[0]).toMatchObject({
      id: 'm1',
      heldAt,
      membersPresent: ['secretary-wang', 'deputy-1', 'deputy-2'],
      recordedBy: 'sec-c01',
      recordedAt: '2026-12-01T06:00:00.000Z',
    });
    expect(state.meetings[0].decisions.map((d) => [d.item, d.title, d.decision.kind])).toEqual([
      ['request-r-1', '诉求 r-1', 'assignLead'],
      ['request-r-2', '诉求 r-2', 'sendDown'],
      ['request-r-3', '诉求 r-3', 'merge'],
      ['request-r-4', '诉求 r-4', 'close'],
    ]);
    expect(orders.map((o) => [o.case.workflowId, o.meetingId, o.heldAt, o.decision])).toEqual([
      ['request-r-1', 'm1', heldAt, lead],
      ['request-r-2', 'm1', heldAt, { kind: 'sendDown', toLevel: 'township', instructions: '街道牵头协调' }],
      // The case knows its target by the request's id, not the agenda's key.
      ['request-r-3', 'm1', heldAt, { kind: 'merge', into: 'r-1', note: '同一楼栋' }],
      ['request-r-4', 'm1', heldAt, { kind: 'close', outcome: '已纳入明年财政预算 in next year’s budget' }],
    ]);
    expect(decisionsOn(state, 'request-r-3').map((d) => d.decision.kind)).toEqual(['merge']);
  });

  test.each<[string, Actor, MeetingInput, string, Refusal['code']]>([
    [
      'an item not on the agenda',
      secretariat,
      meeting([{ item: 'request-r-9', decision: lead }]),
      'item request-r-9 is not on the agenda',
      'invalid',
    ],
    [
      'two decisions on one item',
      secretariat,
      meeting([
        { item: 'request-r-1', decision: lead },
        { item: 'request-r-1', decision: { kind: 'close', outcome: 'done' } },
      ]),
      'item request-r-1 has more than one decision',
      'invalid',
    ],
    [
      'a merge into itself',
      secretariat,
      meeting([{ item: 'request-r-2', decision: { kind: 'merge', into: 'request-r-2' } }]),
      'item request-r-2: an item cannot be merged into itself',
      'invalid',
    ],
    [
      'a merge into an item not on the agenda',
      secretariat,
      meeting([{ item: 'request-r-2', decision: { kind: 'merge', into: 'request-r-9' } }]),
      'item request-r-2: merge target request-r-9 is not on the agenda',
      'invalid',
    ],
    [
      'a merge into an item that leaves at the same meeting',
      secretariat,
      meeting([
        { item: 'request-r-2', decision: { kind: 'merge', into: 'request-r-3' } },
        { item: 'request-r-3', decision: { kind: 'close', outcome: 'done' } },
      ]),
      'item request-r-2: merge target request-r-3 leaves the agenda at this meeting (close)',
      'invalid',
    ],
    [
      'sending down to the committee itself',
      secretariat,
      meeting([
        { item: 'request-r-2', decision: { kind: 'sendDown', toLevel: 'committee', instructions: 'x' } },
      ]),
      'item request-r-2: level committee is not below the committee (committee)',
      'invalid',
    ],
    [
      'sending down to a level not on the ladder',
      secretariat,
      meeting([
        { item: 'request-r-2', decision: { kind: 'sendDown', toLevel: 'province', instructions: 'x' } },
      ]),
      'item request-r-2: level province is not on the ladder (grid, village, township, committee)',
      'invalid',
    ],
    [
      'a deadline that is not a duration',
      secretariat,
      meeting([{ item: 'request-r-1', decision: { ...lead, deadline: 'ten days' } }]),
      'item request-r-1: deadline "ten days" is not a duration',
      'invalid',
    ],
    [
      'a unit leader recording it',
      actors.leader,
      meeting([{ item: 'request-r-1', decision: lead }]),
      'role unit_leader may not record a committee meeting',
      'forbidden',
    ],
    [
      'an auditor recording it',
      actors.auditor,
      meeting([{ item: 'request-r-1', decision: lead }]),
      'auditors have read-only access',
      'forbidden',
    ],
    [
      'a meeting held after now',
      secretariat,
      { ...meeting([{ item: 'request-r-1', decision: lead }]), heldAt: '2026-12-02T00:00:00Z' },
      'a meeting is recorded after it is held',
      'invalid',
    ],
    [
      'nobody present',
      secretariat,
      { ...meeting([{ item: 'request-r-1', decision: lead }]), membersPresent: [] },
      'a meeting needs the members present',
      'invalid',
    ],
    ['no decision', secretariat, meeting([]), 'a meeting records at least one decision', 'invalid'],
  ])(
    'When a meeting has %s, then it is refused whole and the agenda is unchanged',
    (_case, actor, input, message, code) => {
      const agenda = agendaOfFive();
      const before = structuredClone(agenda);
      const refused = refusal(() => holdMeeting(agenda, input, actor, { policy, now: afterMeeting }));
      expect(refused.message).toContain(message);
      expect(refused.code).toBe(code);
      expect(agenda).toEqual(before);
    },
  );

  test('When a meeting id was used before, then the second recording is refused', () => {
    const once = holdMeeting(
      agendaOfFive(),
      meeting([{ item: 'request-r-1', decision: lead }]),
      secretariat,
      {
        policy,
        now: afterMeeting,
      },
    ).state;
    const again = refusal(() =>
      holdMeeting(once, meeting([{ item: 'request-r-2', decision: lead }]), secretariat, {
        policy,
        now: afterMeeting,
      }),
    );
    expect(again).toMatchObject({ code: 'not_allowed_in_state', message: 'meeting m1 is already recorded' });
  });

  test("When a plan's problem is to be merged, then only requests merge", () => {
    const agenda = arrive(agendaOfFive(), { ...request('x'), case: caseRef('pairing', 'pr-1', 'p1') }, t0);
    const refused = refusal(() =>
      holdMeeting(
        agenda,
        meeting([{ item: 'pairing-pr-1/p1', decision: { kind: 'merge', into: 'request-r-1' } }]),
        secretariat,
        {
          policy,
          now: afterMeeting,
        },
      ),
    );
    expect(refused.message).toBe('item pairing-pr-1/p1: only requests merge, into another request');
  });

  test('When items have waited and a lead’s deadline has passed, then the queries find them, and a departure ends both', () => {
    const decided = holdMeeting(
      agendaOfFive(),
      meeting([{ item: 'request-r-3', decision: lead }]),
      secretariat,
      {
        policy,
        now: afterMeeting,
      },
    ).state;
    const now = Date.parse('2026-12-03T12:00:00Z');
    expect(waitingLongerThan(decided, 5, now).map((i) => i.key)).toEqual(['request-r-1', 'request-r-2']);
    expect(waitingLongerThan(decided, 4, now).map((i) => i.key)).toEqual([
      'request-r-1',
      'request-r-2',
      'request-r-3',
    ]);
    expect(waitingDays(decided.items[0], now)).toBe(6);
    expect(overdueItems(decided, now)).toEqual([]);
    const due = Date.parse('2026-12-11T02:00:00Z');
    expect(isOverdue(decided.items[2], due - 1)).toBe(false);
    expect(overdueItems(decided, due).map((i) => i.key)).toEqual(['request-r-3']);
    expect(viewAgenda(decided, due).map((i) => [i.key, i.waitingDays, i.overdue])).toEqual([
      ['request-r-1', 14, false],
      ['request-r-2', 13, false],
      ['request-r-3', 12, true],
      ['request-r-4', 11, false],
      ['request-r-5', 10, false],
    ]);
    const resolved = leave(decided, 'request-r-3', due);
    expect(overdueItems(resolved, due)).toEqual([]);
    expect(resolved.items).toHaveLength(4);
    expect(leave(resolved, 'request-r-3', due)).toBe(resolved);
    expect(decisionsOn(resolved, 'request-r-3').map((d) => d.dueAt)).toEqual(['2026-12-11T02:00:00.000Z']);
  });
});

import { Actor } from '../../domain/actors';
import { arrive, caseRef, leave, openAgenda } from '../../domain/committee/agenda';
import { holdMeeting } from '../../domain/committee/meeting';
import { agendaMove } from '../../domain/requests/agendaStay';
import { RequestCommand } from '../../domain/requests/commands';
import { requestSummary } from '../../domain/requests/summary';
import { CitizenRequestState } from '../../domain/requests/state';
import { decide, submitRequest } from '../../domain/requests/transitions';
import { Refusal } from '../../domain/timeline';
import { actors, defaultPolicy, submission } from '../support/fixtures';

const policy = defaultPolicy();
const t0 = Date.parse('2026-11-27T01:00:00Z');
const ctx = (now: number) => ({ policy, now });
const secretariat: Actor = { id: 'sec-c01', role: 'committee', unit: 'committee-c01' };
const deputy: Actor = { id: 'deputy-1', role: 'unit_leader', unit: 'housing-bureau' };

function act(state: CitizenRequestState, command: RequestCommand, now = t0) {
  return decide(state, command, ctx(now));
}

function major(): CitizenRequestState {
  return submitRequest(submission({ id: 'r-1', major: true }), ctx(t0)).state;
}

describe('a request’s stay on its committee’s agenda', () => {
  test('When a major request is filed, then it arrives on its committee’s agenda as a major matter, from the unit below the committee', () => {
    const filed = major();
    expect(agendaMove(filed, filed.timeline)).toEqual({
      move: 'arrive',
      committeeId: 'committee-c01',
      arrival: {
        case: caseRef('request', 'r-1'),
        reason: 'major',
        title: filed.submission.title,
        unit: 'township-t01',
      },
    });
  });

  test('When a request is escalated by hand, then it arrives as escalated by hand; a request below the committee tells it nothing', () => {
    const dispatched = act(submitRequest(submission(), ctx(t0)).state, {
      type: 'dispatch',
      actor: actors.secretary,
      assignee: 'member-1',
    }).state;
    expect(agendaMove(dispatched, dispatched.timeline)).toBeUndefined();
    const escalated = act(dispatched, { type: 'escalate', actor: actors.secretary, reason: '跨部门' }).state;
    expect(agendaMove(escalated, escalated.timeline.slice(-1))).toMatchObject({
      move: 'arrive',
      arrival: { reason: 'escalated_by_hand' },
    });
    // A later revision announces it again (arriving is idempotent), without the escalation's entry.
    const progressed = act(escalated, { type: 'accept', actor: actors.member }).state;
    expect(agendaMove(progressed, progressed.timeline.slice(-1))).toMatchObject({
      move: 'arrive',
      arrival: { reason: 'escalated_on_breach' },
    });
  });

  test('When a request on the agenda is resolved, closed or withdrawn, then it leaves, and lists no longer show it on the agenda', () => {
    const resolved = act(
      act(
        major(),
        {
          type: 'committeeDecision',
          actor: secretariat,
          meetingId: 'm1',
          heldAt: '2026-11-28T01:00:00Z',
          decision: {
            kind: 'assignLead',
            leadOfficial: 'deputy-1',
            leadUnit: 'housing-bureau',
            deadline: 'P10D',
            supervision: 'general',
          },
        },
        t0 + 2 * 86_400_000,
      ).state,
      { type: 'resolve', actor: deputy, note: 'done' },
      t0 + 3 * 86_400_000,
    ).state;
    expect(agendaMove(resolved, [])).toEqual({
      move: 'leave',
      committeeId: 'committee-c01',
      key: 'request-r-1',
    });
    expect(requestSummary(resolved, 'committee').onAgenda).toBe(false);
    expect(requestSummary(major(), 'committee').onAgenda).toBe(true);

    const withdrawn = act(major(), { type: 'withdraw', actor: actors.resident, reason: 'solved' }).state;
    expect(agendaMove(withdrawn, [])).toMatchObject({ move: 'leave', key: 'request-r-1' });
  });

  test('When a lead works under the committee’s deadline and asks for an extension, then the refusal says the committee’s deadline governs', () => {
    const assigned = act(
      major(),
      {
        type: 'committeeDecision',
        actor: secretariat,
        meetingId: 'm1',
        heldAt: '2026-11-28T01:00:00Z',
        decision: {
          kind: 'assignLead',
          leadOfficial: 'deputy-1',
          leadUnit: 'housing-bureau',
          deadline: 'P10D',
          supervision: 'key',
        },
      },
      t0 + 2 * 86_400_000,
    ).state;
    expect(() =>
      act(
        assigned,
        { type: 'requestExtension', actor: secretariat, duration: 'P3D', reason: 'parts' },
        t0 + 3 * 86_400_000,
      ),
    ).toThrow(
      new Refusal(
        'not_allowed_in_state',
        "the committee's deadline (committee meeting m1, 重点督办 Key supervision, lead deputy-1 of housing-bureau: P10D, due 2026-12-08T01:00:00.000Z) governs this request: only the committee moves it, at a meeting",
      ),
    );
  });
});

describe('the agenda as a case', () => {
  const item = {
    case: caseRef('request', 'r-1'),
    reason: 'major' as const,
    title: '诉求 r-1',
    unit: 'township-t01',
  };

  test('When items arrive, leave and a meeting decides, then each revision records its timeline entries, and a repeated arrival records nothing', () => {
    const arrived = arrive(openAgenda('committee-c01', 'committee', t0), item, t0);
    expect(arrive(arrived, item, t0 + 1)).toBe(arrived);
    const decided = holdMeeting(
      arrive(arrived, { ...item, case: caseRef('request', 'r-2'), title: '诉求 r-2' }, t0),
      {
        id: 'm1',
        heldAt: '2026-11-28T01:00:00Z',
        membersPresent: ['secretary-wang'],
        decisions: [{ item: 'request-r-2', decision: { kind: 'close', outcome: '已纳入计划' } }],
      },
      secretariat,
      ctx(t0 + 2 * 86_400_000),
    ).state;
    const left = leave(decided, 'request-r-1', t0 + 3 * 86_400_000);
    expect(left.timeline.map((e) => [e.revision, e.action, e.about, e.actor.id])).toEqual([
      [1, 'arrive', 'request-r-1', 'system'],
      [2, 'arrive', 'request-r-2', 'system'],
      [3, 'meeting', undefined, 'sec-c01'],
      [4, 'leave', 'request-r-1', 'system'],
    ]);
    expect(left.timeline[0].note).toBe('重大民生事项 Major livelihood matter: 诉求 r-1');
    expect(left.timeline[2].note).toBe('会议 meeting m1: request-r-2 研究办结 Closed by decision');
    expect(left.items).toEqual([]);
    expect(left.deadlines).toEqual([]);
  });
});

import { Actor } from '../../domain/actors';
import { decisionsUntil } from '../../domain/cases/clock';
import { arrive, caseRef, openAgenda } from '../../domain/committee/agenda';
import { CommitteeDecision } from '../../domain/committee/decisions';
import { CaseOrder, holdMeeting } from '../../domain/committee/meeting';
import { overdueItems } from '../../domain/committee/queries';
import { requestFacts } from '../../domain/kpi/facts';
import { mergeTarget, RequestCommand } from '../../domain/requests/commands';
import { requestSummary } from '../../domain/requests/summary';
import { CitizenRequestState, stageDeadline } from '../../domain/requests/state';
import { decide, onDeadline, requestClosing, submitRequest } from '../../domain/requests/transitions';
import { actors, defaultPolicy, submission } from '../support/fixtures';

const policy = defaultPolicy();
const t0 = Date.parse('2026-11-27T01:00:00Z');
const heldAt = '2026-12-01T02:00:00.000Z';
const afterMeeting = Date.parse('2026-12-01T06:00:00Z');
const ctx = (now: number) => ({ policy, now });
const secretariat: Actor = { id: 'sec-c01', role: 'committee', unit: 'committee-c01' };
const deputy: Actor = { id: 'deputy-1', role: 'unit_leader', unit: 'housing-bureau' };

const lead: CommitteeDecision = {
  kind: 'assignLead',
  leadOfficial: 'deputy-1',
  leadUnit: 'housing-bureau',
  deadline: 'P10D',
  supervision: 'key',
};

const sendDown: CommitteeDecision = { kind: 'sendDown', toLevel: 'village', instructions: '社区牵头' };

function major(id = 'r-1'): CitizenRequestState {
  return submitRequest(submission({ id, major: true }), ctx(t0)).state;
}

function order(decision: CommitteeDecision, meetingId = 'm1'): RequestCommand {
  return { type: 'committeeDecision', actor: secretariat, meetingId, heldAt, decision };
}

function fireDue(state: CitizenRequestState, until: number) {
  const decisions = decisionsUntil(state, until, (s, event, now) => onDeadline(s, event, ctx(now)));
  return { state: decisions.at(-1)?.state ?? state, notices: decisions.flatMap((d) => d.notices) };
}

function asCommand(o: CaseOrder): RequestCommand {
  return {
    type: 'committeeDecision',
    actor: secretariat,
    meetingId: o.meetingId,
    heldAt: o.heldAt,
    decision: o.decision,
  };
}

describe('a request following the committee’s decision', () => {
  test('When the committee assigns a lead, then the lead’s deadline replaces the stage’s and reminds them at the policy’s fractions', () => {
    const { state, notices } = decide(major(), order(lead), ctx(afterMeeting));
    expect(state).toMatchObject({ status: 'accepted', level: 3, onAgenda: true });
    expect(stageDeadline(state)).toBeUndefined();
    expect(state.deadlines).toEqual([
      expect.objectContaining({
        id: 'committee:m1',
        owner: 'deputy-1',
        level: 3,
        startsAt: heldAt,
        dueAt: '2026-12-11T02:00:00.000Z',
        rule: 'committee meeting m1, 重点督办 Key supervision, lead deputy-1 of housing-bureau: P10D',
      }),
    ]);
    expect(state.committee).toEqual({ meetingId: 'm1', decidedAt: heldAt, decision: lead, lapses: 0 });
    expect(state.timeline.at(-1)).toMatchObject({
      action: 'committee_assign_lead',
      actor: secretariat,
      from: 'submitted',
      to: 'accepted',
      level: 'committee',
    });
    expect(notices.map((n) => `${n.kind}:${n.recipient}`)).toEqual([
      'supervise:deputy-1',
      'supervise:housing-bureau',
    ]);

    const reminded = fireDue(state, Date.parse('2026-12-11T01:59:59Z'));
    expect(reminded.state.timeline.slice(-2).map((e) => [e.action, e.at, e.about, e.rule])).toEqual([
      [
        'reminder',
        '2026-12-06T02:00:00.000Z',
        'committee:m1',
        `reminder at 0.5 of ${state.deadlines[0].rule}`,
      ],
      [
        'reminder',
        '2026-12-10T02:00:00.000Z',
        'committee:m1',
        `reminder at 0.9 of ${state.deadlines[0].rule}`,
      ],
    ]);
    // Key supervision: the committee hears the reminders too.
    expect(reminded.notices.map((n) => `${n.kind}:${n.recipient}`)).toEqual([
      'reminder:deputy-1',
      'reminder:housing-bureau',
      'reminder:committee-c01',
      'reminder:deputy-1',
      'reminder:housing-bureau',
      'reminder:committee-c01',
    ]);
  });

  test('When the lead misses the committee’s deadline, then it is publicly noted, flagged on the request and the agenda, and the level stays', () => {
    const agenda = arrive(
      openAgenda('committee-c01', 'committee', t0),
      { case: caseRef('request', 'r-1'), reason: 'major', title: 't', unit: 'grid-g01' },
      t0,
    );
    const meeting = holdMeeting(
      agenda,
      {
        id: 'm1',
        heldAt,
        membersPresent: ['secretary-wang'],
        decisions: [{ item: 'request-r-1', decision: lead }],
      },
      secretariat,
      ctx(afterMeeting),
    );
    const assigned = decide(major(), asCommand(meeting.orders[0]), ctx(afterMeeting)).state;
    // The agenda and the case count the same deadline.
    expect(meeting.state.items[0].decision?.dueAt).toBe(assigned.deadlines[0].dueAt);

    const due = Date.parse(assigned.deadlines[0].dueAt);
    const lapsed = fireDue(assigned, due);
    expect(lapsed.state.timeline.at(-1)).toMatchObject({
      action: 'public_notice',
      about: 'committee:m1',
      level: 'committee',
    });
    // The lead unit and the committee hear of it too, with every unit below.
    expect(lapsed.notices.filter((n) => n.kind === 'public_notice').map((n) => n.recipient)).toEqual([
      'deputy-1',
      'housing-bureau',
      'committee-c01',
      'grid-g01',
      'village-v01',
      'township-t01',
    ]);
    expect(lapsed.state).toMatchObject({ level: 3, status: 'accepted', onAgenda: true });
    expect(lapsed.state.committee).toMatchObject({ lapses: 1, overdueSince: '2026-12-11T02:00:00.000Z' });
    // The lead still answers for it, with the committee level's own time to act.
    expect(lapsed.state.deadlines).toEqual([
      expect.objectContaining({ id: 'committee:m1', owner: 'deputy-1', level: 3 }),
    ]);
    expect(lapsed.state.deadlines[0].rule).toBe(
      'committee decision escalated to committee (ladder deadline): 5 working days',
    );
    expect(overdueItems(meeting.state, due).map((i) => i.key)).toEqual(['request-r-1']);

    // Lists filter overdue requests on the deadline their summary shows: the committee's, here.
    expect(requestSummary(lapsed.state, 'committee').deadline).toMatchObject({
      stage: 'committee decision',
      owner: 'deputy-1',
      dueAt: lapsed.state.deadlines[0].dueAt,
    });
    expect(requestSummary(assigned, 'committee').deadline?.dueAt).toBe('2026-12-11T02:00:00.000Z');

    const again = fireDue(lapsed.state, Date.parse(lapsed.state.deadlines[0].dueAt));
    expect(again.state.committee).toMatchObject({ lapses: 2, overdueSince: '2026-12-11T02:00:00.000Z' });

    const resolved = decide(
      lapsed.state,
      { type: 'resolve', actor: deputy, note: '已维修 repaired' },
      ctx(due + 3_600_000),
    ).state;
    expect(resolved).toMatchObject({ status: 'resolved', resolvedAtLevel: 3 });
    expect(resolved.deadlines.map((d) => d.id)).toEqual(['stage:returnVisit']);
    // The ledger counts the lapse as the unit's public notice, and the resolution as late.
    const counted = requestFacts(
      resolved.timeline,
      ['grid', 'village', 'township', 'committee'],
      resolved.submission,
    ).facts.map((f) => f.counter);
    expect(counted).toEqual(['filed', 'publicNotices', 'lapsed', 'resolved', 'resolvedLate']);
  });

  test('When a lead works under general supervision, then only the lead and unit are reminded, and no stage deadline returns beside the committee’s', () => {
    const assigned = decide(major(), order({ ...lead, supervision: 'general' }), ctx(afterMeeting)).state;
    const reminded = fireDue(assigned, Date.parse('2026-12-06T02:00:00Z'));
    expect(reminded.notices.map((n) => `${n.kind}:${n.recipient}`)).toEqual([
      'reminder:deputy-1',
      'reminder:housing-bureau',
    ]);
    const progressed = decide(
      reminded.state,
      { type: 'progress', actor: deputy, note: '已现场查看' },
      ctx(afterMeeting),
    ).state;
    const escalatedAgain = decide(
      progressed,
      { type: 'escalate', actor: deputy, reason: 'x' },
      ctx(afterMeeting),
    ).state;
    expect(escalatedAgain.deadlines.map((d) => d.id)).toEqual(['committee:m1']);
  });

  test('When the committee sends a request down, then it leaves the agenda with a fresh stage deadline there and is resolved at that level', () => {
    const escalated = [
      { type: 'dispatch', actor: actors.secretary, assignee: 'member-1' },
      { type: 'accept', actor: actors.member },
      { type: 'escalate', actor: actors.member, reason: '需要协调 needs coordination' },
    ].reduce(
      (s, c) => decide(s, c as RequestCommand, ctx(t0)).state,
      submitRequest(submission(), ctx(t0)).state,
    );
    expect(escalated).toMatchObject({ level: 3, onAgenda: true });

    const { state, notices } = decide(
      escalated,
      order({ kind: 'sendDown', toLevel: 'village', instructions: '社区牵头，物业配合' }),
      ctx(afterMeeting),
    );
    expect(state).toMatchObject({ level: 1, onAgenda: false, status: 'accepted' });
    expect(state.deadlines).toEqual([
      expect.objectContaining({
        id: 'stage:resolve',
        owner: 'village-v01',
        level: 1,
        dueAt: '2026-12-03T06:00:00.000Z',
      }),
    ]);
    expect(state.timeline.at(-1)).toMatchObject({
      action: 'committee_send_down',
      note: '会议 meeting m1: 社区牵头，物业配合',
      level: 'village',
      rule: 'policy 2026-11-default ladder village resolve: P2D',
    });
    expect(notices).toEqual([expect.objectContaining({ recipient: 'village-v01', kind: 'assigned' })]);

    const resolved = decide(
      state,
      { type: 'resolve', actor: actors.leader, note: '已协调解决' },
      ctx(afterMeeting + 3_600_000),
    ).state;
    expect(resolved).toMatchObject({ status: 'resolved', resolvedAtLevel: 1, level: 1 });
  });

  test('When the committee closes a request, then it is closed with the committee’s outcome and may still be reopened', () => {
    const { state, notices } = decide(
      major(),
      order({ kind: 'close', outcome: '纳入2027年改造计划 in the 2027 renovation plan' }),
      ctx(afterMeeting),
    );
    expect(state).toMatchObject({
      status: 'closed',
      outcome: 'committee_decision',
      resolution: '纳入2027年改造计划 in the 2027 renovation plan',
      deadlines: [],
      closedAt: '2026-12-01T06:00:00.000Z',
    });
    expect(requestClosing(state)).toEqual({ closedAt: '2026-12-01T06:00:00.000Z', reopenable: true });
    expect(notices).toEqual([expect.objectContaining({ recipient: 'resident-1', kind: 'outcome' })]);
    expect(state.timeline.at(-1)).toMatchObject({
      action: 'committee_close',
      from: 'submitted',
      to: 'closed',
    });
  });

  test('When the committee merges a request into another, then it takes the one merge path and names its target', () => {
    const command = order({ kind: 'merge', into: 'r-2', note: '同一楼栋' });
    const { state, notices } = decide(major(), command, ctx(afterMeeting));
    expect(state).toMatchObject({ status: 'merged', mergedInto: 'r-2', deadlines: [] });
    expect(state.timeline.at(-1)).toMatchObject({
      action: 'merge',
      note: '会议 meeting m1: 同一楼栋',
      to: 'merged',
    });
    expect(notices).toEqual([expect.objectContaining({ recipient: 'resident-1', kind: 'outcome' })]);
    expect(mergeTarget(command)).toBe('r-2');
    expect(mergeTarget({ type: 'merge', actor: actors.secretary, into: 'r-3' })).toBe('r-3');
    expect(mergeTarget(order(lead))).toBeUndefined();
  });

  test.each<[string, () => CitizenRequestState, RequestCommand, string]>([
    [
      'a unit leader decides',
      major,
      { ...order(lead), actor: actors.leader },
      'role unit_leader may not record a committee decision',
    ],
    [
      'the request is not on the agenda',
      () => submitRequest(submission(), ctx(t0)).state,
      order(lead),
      'the request is not on the committee agenda',
    ],
    [
      'the same meeting decides twice',
      () => decide(major(), order(lead), ctx(afterMeeting)).state,
      order(lead),
      'meeting m1 has already decided on this request',
    ],
    [
      'the same meeting’s order arrives again after it sent the request down',
      () => decide(major(), order(sendDown), ctx(afterMeeting)).state,
      order(sendDown),
      'meeting m1 has already decided on this request',
    ],
    [
      'it is sent to the committee itself',
      major,
      order({ kind: 'sendDown', toLevel: 'committee', instructions: 'x' }),
      'level committee is not a rung below committee',
    ],
    [
      'it merges into itself',
      major,
      order({ kind: 'merge', into: 'r-1' }),
      'a request cannot be merged into itself',
    ],
    [
      'the meeting is in the future',
      major,
      { ...order(lead), heldAt: '2026-12-09T00:00:00Z' } as RequestCommand,
      'is not the past moment of a meeting',
    ],
    [
      'the request is closed',
      () => decide(major(), order({ kind: 'close', outcome: 'done' }), ctx(afterMeeting)).state,
      order(lead, 'm2'),
      'cannot decide on a request that is closed',
    ],
  ])('When %s, then the decision is refused', (_case, start, command, message) => {
    expect(() => decide(start(), command, ctx(afterMeeting))).toThrow(message);
  });
});

import { decisionsUntil } from '../../domain/cases/clock';
import { arrive, caseRef, openAgenda } from '../../domain/committee/agenda';
import { CommitteeDecision } from '../../domain/committee/decisions';
import { holdMeeting } from '../../domain/committee/meeting';
import { commitmentAgendaMoves } from '../../domain/commitments/agendaStay';
import { CommitmentCommand } from '../../domain/commitments/commands';
import { CommitmentState } from '../../domain/commitments/state';
import { decide, onDeadline, openCommitment } from '../../domain/commitments/transitions';
import { Notice, Refusal } from '../../domain/timeline';
import { actors, defaultPolicy, planSubmission } from '../support/fixtures';

const policy = defaultPolicy();
const t0 = Date.parse('2026-12-01T02:00:00Z');
const day = 86_400_000;

function advance(state: CommitmentState, until: number, notices: Notice[] = []): CommitmentState {
  const decisions = decisionsUntil(state, until, (s, event, now) => onDeadline(s, event, { policy, now }));
  notices.push(...decisions.flatMap((d) => d.notices));
  return decisions.at(-1)?.state ?? state;
}

/** Problem p1 of a plan, left unsolved until it escalated to the committee (30 days, then 2 and 3 more). */
function escalatedToCommittee(): CommitmentState {
  return advance(openCommitment(planSubmission(), { policy, now: t0 }).state, t0 + 36 * day);
}

const decideAt = Date.parse('2027-01-08T02:00:00Z');
const heldAt = '2027-01-08T01:00:00.000Z';

/** The order a meeting of the committee gives the plan for p1, as the delivery activity sends it. */
function order(decision: CommitteeDecision, meetingId = 'm1'): CommitmentCommand {
  const item = caseRef('enterprise', 'plan-1', 'p1');
  const agenda = arrive(
    openAgenda('committee-c01', 'committee', t0),
    { case: item, reason: 'escalated_on_breach', title: 'p1', unit: 'township-t01' },
    t0,
  );
  const [given] = holdMeeting(
    agenda,
    {
      id: meetingId,
      heldAt,
      membersPresent: ['secretary-wang'],
      decisions: [{ item: 'plan-plan-1/p1', decision }],
    },
    actors.secretariat,
    { policy, now: decideAt },
  ).orders;
  return {
    type: 'committeeDecision',
    actor: actors.secretariat,
    problemId: given.case.problem!,
    meetingId,
    heldAt: given.heldAt,
    decision: given.decision,
  };
}

const lead: CommitteeDecision = {
  kind: 'assignLead',
  leadOfficial: 'deputy-1',
  leadUnit: 'industry-bureau',
  deadline: 'P10D',
  supervision: 'general',
};

describe('a plan’s problem on the committee’s agenda', () => {
  test('When a problem escalates to the committee, then it arrives on the agenda as an item of its own; a problem below tells the committee nothing', () => {
    const state = escalatedToCommittee();
    expect(state.problems[0]).toMatchObject({ id: 'p1', level: 3, status: 'open' });
    expect(commitmentAgendaMoves(state, [])).toEqual([
      {
        move: 'arrive',
        committeeId: 'committee-c01',
        arrival: {
          case: caseRef('enterprise', 'plan-1', 'p1'),
          reason: 'escalated_on_breach',
          title: '用地手续 land procedures',
          unit: 'township-t01',
        },
      },
    ]);
    expect(commitmentAgendaMoves(openCommitment(planSubmission(), { policy, now: t0 }).state, [])).toEqual(
      [],
    );
  });

  test('When the committee assigns a lead, then the lead answers for the problem under the committee’s deadline, is told, keeps it past a lapse, and the same meeting cannot decide twice', () => {
    const { state, notices } = decide(escalatedToCommittee(), order(lead), { policy, now: decideAt });
    expect(state.deadlines.find((d) => d.id === 'problem:p1')).toMatchObject({
      owner: 'deputy-1',
      level: 3,
      dueAt: '2027-01-18T01:00:00.000Z',
    });
    expect(notices.map((n) => `${n.kind}:${n.recipient}`)).toEqual([
      'supervise:deputy-1',
      'supervise:industry-bureau',
    ]);
    expect(state.timeline.at(-1)).toMatchObject({
      action: 'committee_assign_lead',
      about: 'p1',
      note: '会议 meeting m1',
    });
    expect(() => decide(state, order(lead), { policy, now: decideAt })).toThrow(
      new Refusal('not_allowed_in_state', 'meeting m1 has already decided on problem p1'),
    );
    const lapsed: Notice[] = [];
    const after = advance(state, Date.parse('2027-01-18T02:00:00Z'), lapsed);
    expect(
      lapsed
        .filter((n) => n.kind === 'public_notice' && n.message.includes('problem p1'))
        .map((n) => n.recipient),
    ).toContain('deputy-1');
    expect(after.deadlines.find((d) => d.id === 'problem:p1')?.owner).toBe('deputy-1');
  });

  test('When the committee sends a problem down, then it has a fresh deadline at that level and no longer concerns the agenda', () => {
    const { state, notices } = decide(
      escalatedToCommittee(),
      order({ kind: 'sendDown', toLevel: 'village', instructions: '社区协调用地' }),
      { policy, now: decideAt },
    );
    expect(state.problems[0]).toMatchObject({ level: 1, status: 'open' });
    expect(state.deadlines.find((d) => d.id === 'problem:p1')).toMatchObject({
      owner: 'village-v01',
      level: 1,
    });
    expect(notices.map((n) => `${n.kind}:${n.recipient}`)).toEqual(['assigned:village-v01']);
    expect(commitmentAgendaMoves(state, state.timeline.slice(-1))).toEqual([]);
  });

  test('When the committee closes a problem, then it is withdrawn with the outcome (not counted as solved) and leaves the agenda', () => {
    const { state } = decide(escalatedToCommittee(), order({ kind: 'close', outcome: '纳入全县用地统筹' }), {
      policy,
      now: decideAt,
    });
    expect(state.problems[0]).toMatchObject({ status: 'withdrawn', outcome: '纳入全县用地统筹' });
    expect(state.deadlines.some((d) => d.id === 'problem:p1')).toBe(false);
    expect(commitmentAgendaMoves(state, state.timeline.slice(-1))).toEqual([
      { move: 'leave', committeeId: 'committee-c01', key: 'plan-plan-1/p1' },
    ]);
  });

  test('When a problem below the committee gets a committee decision, then it is refused', () => {
    const below = advance(openCommitment(planSubmission(), { policy, now: t0 }).state, t0 + day);
    expect(() => decide(below, order(lead), { policy, now: decideAt })).toThrow(
      'problem p1 is not on the committee agenda',
    );
  });
});

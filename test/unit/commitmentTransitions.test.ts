import { decisionsUntil } from '../../domain/cases/clock';
import { CommitmentCommand } from '../../domain/commitments/commands';
import { CommitmentState } from '../../domain/commitments/state';
import { decide, onDeadline, openCommitment } from '../../domain/commitments/transitions';
import { Notice } from '../../domain/timeline';
import { actors, defaultPolicy, planSubmission } from '../support/fixtures';

const policy = defaultPolicy();
const t0 = Date.parse('2026-12-01T02:00:00Z');
const day = 86_400_000;
const lead = { id: 'lead-1', role: 'assistance_team' as const, unit: 'industry-bureau' };

/** Steps the clock from one due moment to the next, as the workflow's timers do, acting on the way. */
function advance(state: CommitmentState, until: number, notices: Notice[] = []): CommitmentState {
  const decisions = decisionsUntil(state, until, (s, event, now) => onDeadline(s, event, { policy, now }));
  notices.push(...decisions.flatMap((d) => d.notices));
  return decisions.at(-1)?.state ?? state;
}

const closedEarlyProblems = (state: CommitmentState) =>
  state.problems.filter((p) => p.status !== 'open').map((p) => [p.id, p.status, p.outcome]);

const act = (state: CommitmentState, command: CommitmentCommand, now: number) =>
  decide(state, command, { policy, now }).state;

describe('commitment transitions', () => {
  test('When a plan opens, then year 1 has a letter and a visit due counted from the opening, an anniversary on the start date, all owned by the lead', () => {
    const { state } = openCommitment(planSubmission(), { policy, now: t0 });
    expect(state).toMatchObject({
      status: 'active',
      year: 1,
      startsAt: '2026-11-30T16:00:00.000Z',
      endsAt: '2029-11-30T16:00:00.000Z',
    });
    expect(state.deadlines.map((d) => [d.id, d.owner, d.dueAt])).toEqual([
      ['letter:1', 'lead-1', '2026-12-31T02:00:00.000Z'],
      ['visit', 'lead-1', '2027-01-01T02:00:00.000Z'],
      ['assessment:1', 'lead-1', '2027-11-30T16:00:00.000Z'],
      ['problem:p1', 'lead-1', '2026-12-31T02:00:00.000Z'],
    ]);
    expect(state.problems).toEqual([
      expect.objectContaining({ id: 'p1', status: 'open', level: 0, year: 1 }),
    ]);
  });

  test('When the letter is not signed, then the lead is reminded, the village supervises, and a late signature is recorded as late', () => {
    const notices: Notice[] = [];
    let state = advance(openCommitment(planSubmission(), { policy, now: t0 }).state, t0 + 31 * day, notices);
    expect(
      notices.filter((n) => n.message.includes('letter year 1')).map((n) => `${n.kind}:${n.recipient}`),
    ).toEqual([
      'reminder:lead-1',
      'reminder:lead-1',
      'urge:lead-1',
      'supervise:village-v01',
      'reminder:village-v01',
    ]);
    expect(state.deadlines.find((d) => d.id === 'letter:1')).toMatchObject({
      level: 1,
      owner: 'village-v01',
    });
    state = act(
      state,
      { type: 'signLetter', actor: lead, year: 1, targets: ['land approved'], fundsTargetYuan: 1_000_000 },
      t0 + 32 * day,
    );
    expect(state.letters[0]).toMatchObject({ signedBy: 'lead-1', fundsTargetYuan: 1_000_000 });
    expect(state.deadlines.map((d) => d.id)).not.toContain('letter:1');
    expect(state.timeline[state.timeline.length - 1].rule).toContain('late');
  });

  test('When a year ends, then the assessment scores what was recorded and the next year begins', () => {
    let state = openCommitment(planSubmission(), { policy, now: t0 }).state;
    state = act(
      state,
      { type: 'signLetter', actor: lead, year: 1, targets: ['t'], fundsTargetYuan: 100_000 },
      t0 + day,
    );
    for (let month = 1; month <= 12; month += 1) {
      state = advance(state, t0 + month * 28 * day);
      state = act(state, { type: 'recordVisit', actor: lead, note: `visit ${month}` }, t0 + month * 28 * day);
    }
    state = act(
      state,
      { type: 'resolveProblem', actor: lead, problemId: 'p1', outcome: 'land approved' },
      t0 + 20 * day,
    );
    state = act(
      state,
      { type: 'recordFunding', actor: lead, amountYuan: 60_000.5, source: 'bank loan', date: '2027-03-01' },
      t0 + 100 * day,
    );
    state = advance(state, Date.parse('2027-11-30T16:00:00Z'));
    expect(state.year).toBe(2);
    const [assessment] = state.assessments;
    expect(assessment.figures).toEqual({
      letterSignedOnTime: true,
      visitsExpected: 12,
      visitsKept: 12,
      problemsHandled: 1,
      problemsSolved: 1,
      fundsYuan: 60_000.5,
      fundsTargetYuan: 100_000,
    });
    // 20 letter + 30 visits + 30 problems + 20 × 0.6 funds = 92.
    expect(assessment).toMatchObject({ year: 1, final: false, score: 92, rating: 'excellent' });
    expect(state.deadlines.map((d) => d.id).sort()).toEqual(['assessment:2', 'letter:2', 'visit']);
  });

  test('When the third anniversary comes, then the final assessment closes the plan', () => {
    let state = openCommitment(planSubmission(), { policy, now: t0 }).state;
    state = advance(state, Date.parse('2029-12-01T00:00:00Z'));
    expect(state).toMatchObject({ status: 'closed', year: 3, deadlines: [] });
    expect(state.assessments.map((a) => [a.year, a.final, a.rating])).toEqual([
      [1, false, 'poor'],
      [2, false, 'poor'],
      [3, true, 'poor'],
    ]);
  });

  test('When the lead is handed over, then the history keeps both and level-0 deadlines follow the new lead', () => {
    const opened = openCommitment(planSubmission(), { policy, now: t0 }).state;
    expect(() =>
      decide(
        opened,
        { type: 'handover', actor: lead, role: 'lead', from: 'lead-1', to: 'lead-2', reason: 'transfer' },
        { policy, now: t0 },
      ),
    ).toThrow('only a supervisor');
    const { state, notices } = decide(
      opened,
      {
        type: 'handover',
        actor: actors.leader,
        role: 'lead',
        from: 'lead-1',
        to: 'lead-2',
        reason: 'transferred to the county',
      },
      { policy, now: t0 + day },
    );
    expect(state.holders.filter((h) => h.role === 'lead')).toEqual([
      {
        role: 'lead',
        person: 'lead-1',
        from: opened.startsAt,
        to: '2026-12-02T02:00:00.000Z',
        reason: 'transferred to the county',
      },
      { role: 'lead', person: 'lead-2', from: '2026-12-02T02:00:00.000Z' },
    ]);
    expect(state.deadlines.every((d) => d.owner === 'lead-2')).toBe(true);
    expect(notices.map((n) => `${n.kind}:${n.recipient}`)).toEqual(['handover:lead-2', 'handover:lead-1']);
  });

  test('When a plan is suspended, then obligations stop until it resumes; closing early gives a final assessment', () => {
    const opened = openCommitment(planSubmission(), { policy, now: t0 }).state;
    const suspended = act(
      opened,
      { type: 'suspend', actor: actors.leader, reason: 'enterprise restructuring' },
      t0 + day,
    );
    expect(suspended.deadlines.map((d) => d.id)).toEqual(['assessment:1']);
    expect(closedEarlyProblems(suspended)).toEqual([]);
    expect(() => act(suspended, { type: 'recordVisit', actor: lead, note: 'x' }, t0 + day)).toThrow(
      'cannot record a visit on a commitment that is suspended',
    );
    const resumed = act(suspended, { type: 'resume', actor: actors.leader, reason: 'back' }, t0 + 10 * day);
    expect(resumed.deadlines.map((d) => d.id).sort()).toEqual([
      'assessment:1',
      'letter:1',
      'problem:p1',
      'visit',
    ]);
    expect(resumed.letters).toEqual([
      expect.objectContaining({ year: 1, dueAt: '2027-01-10T02:00:00.000Z' }),
    ]);
    const closed = act(
      resumed,
      { type: 'close', actor: actors.leader, reason: 'enterprise moved away' },
      t0 + 20 * day,
    );
    expect(closed).toMatchObject({ status: 'closed', closedReason: 'enterprise moved away', deadlines: [] });
    expect(closed.assessments[0]).toMatchObject({ year: 1, final: true });
    expect(closedEarlyProblems(closed)).toEqual([
      ['p1', 'withdrawn', 'commitment closed early: enterprise moved away'],
    ]);
  });

  test('When records are wrong, then they are refused with the reason', () => {
    const opened = openCommitment(planSubmission(), { policy, now: t0 }).state;
    expect(() => act(opened, { type: 'signLetter', actor: lead, year: 2, targets: [] }, t0)).toThrow(
      'no responsibility letter is due for year 2',
    );
    expect(() =>
      act(opened, { type: 'recordFunding', actor: lead, amountYuan: 5, source: 's', date: '2030-01-01' }, t0),
    ).toThrow('must lie between the plan start and today');
    expect(() => act(opened, { type: 'recordVisit', actor: actors.otherMember, note: 'x' }, t0)).toThrow(
      'only the team',
    );
    expect(() => act(opened, { type: 'promiseDeed', actor: lead, title: 'x' }, t0)).toThrow(
      'deeds belong to pairings and pledges',
    );
  });

  test('When a problem is not solved, then it climbs the ladder as its own case, and progress and resolution are recorded about it', () => {
    const notices: Notice[] = [];
    let state = advance(openCommitment(planSubmission(), { policy, now: t0 }).state, t0 + 31 * day, notices);
    expect(state.problems[0]).toMatchObject({ id: 'p1', level: 1 });
    expect(
      notices.filter((n) => n.message.includes('problem p1')).map((n) => `${n.kind}:${n.recipient}`),
    ).toEqual([
      'reminder:lead-1',
      'reminder:lead-1',
      'urge:lead-1',
      'supervise:village-v01',
      'reminder:village-v01',
    ]);
    state = act(
      state,
      { type: 'progressProblem', actor: lead, problemId: 'p1', note: 'met the land bureau' },
      t0 + 32 * day,
    );
    state = act(
      state,
      { type: 'resolveProblem', actor: lead, problemId: 'p1', outcome: 'certificate issued' },
      t0 + 33 * day,
    );
    expect(state.problems[0]).toMatchObject({
      status: 'resolved',
      outcome: 'certificate issued',
      notes: [expect.objectContaining({ note: 'met the land bureau' })],
    });
    expect(state.deadlines.map((d) => d.id)).not.toContain('problem:p1');
    expect(state.timeline.filter((e) => e.about === 'p1').map((e) => e.action)).toEqual([
      'reminder',
      'reminder',
      'escalate_on_breach',
      'reminder',
      'problem_progress',
      'problem_resolved',
    ]);
    expect(() =>
      act(state, { type: 'resolveProblem', actor: lead, problemId: 'p1', outcome: 'again' }, t0 + 34 * day),
    ).toThrow('it is resolved');
  });

  test('When a pledge year ends, then each promised deed counts done or not done', () => {
    let state = openCommitment(
      planSubmission({
        kind: 'pledge',
        termYears: 1,
        enterprise: undefined,
        initialProblems: [],
        promisedDeeds: ['fix the well', 'teach a class', 'clean the lane'],
      }),
      { policy, now: t0 },
    ).state;
    expect(state.deadlines.map((d) => d.id)).toEqual(['assessment:1']);
    state = act(state, { type: 'completeDeed', actor: lead, deedId: 'd1' }, t0 + day);
    state = act(state, { type: 'completeDeed', actor: lead, deedId: 'd2' }, t0 + 2 * day);
    state = advance(state, t0 + 400 * day);
    expect(state.status).toBe('closed');
    expect(state.assessments[0]).toMatchObject({
      final: true,
      score: 67,
      rating: 'fair',
      figures: { deedsDone: 2, deedsExpected: 3 },
    });
  });
});

import { decisionsUntil } from '../../domain/cases/clock';
import { RequestCommand } from '../../domain/requests/commands';
import { CitizenRequestState, stageDeadline } from '../../domain/requests/state';
import { decide, onDeadline, submitRequest } from '../../domain/requests/transitions';
import { actors, defaultPolicy, submission } from '../support/fixtures';

const policy = defaultPolicy();
const t0 = Date.parse('2026-11-27T01:00:00Z');
const hour = 3_600_000;
const ctx = (now = t0) => ({ policy, now });

function run(
  commands: RequestCommand[],
  start = submitRequest(submission(), ctx()).state,
): CitizenRequestState {
  return commands.reduce((state, command) => decide(state, command, ctx()).state, start);
}

/** Steps the clock from one due moment to the next, as the workflow's timers do. */
function fireDue(state: CitizenRequestState, until: number) {
  const decisions = decisionsUntil(state, until, (s, event, now) => onDeadline(s, event, ctx(now)));
  return { state: decisions.at(-1)?.state ?? state, notices: decisions.flatMap((d) => d.notices) };
}

const dispatch: RequestCommand = { type: 'dispatch', actor: actors.secretary, assignee: 'member-1' };
const accept: RequestCommand = { type: 'accept', actor: actors.member };
const resolve: RequestCommand = { type: 'resolve', actor: actors.member, note: 'replaced the bulb' };

describe('citizen request transitions', () => {
  test('When a request is filed, then the grid branch must dispatch it by the policy deadline', () => {
    const { state, notices } = submitRequest(submission(), ctx());
    expect(state).toMatchObject({ status: 'submitted', level: 0, revision: 1 });
    expect(stageDeadline(state)).toMatchObject({
      purpose: 'dispatch',
      owner: 'grid-g01',
      dueAt: '2026-11-27T05:00:00.000Z',
    });
    expect(stageDeadline(state)?.rule).toContain('requestDeadlines[4] (default) dispatch: PT4H');
    expect(notices).toEqual([expect.objectContaining({ recipient: 'grid-g01', kind: 'assigned' })]);
  });

  test('When category and urgency differ, then the matching rule sets the resolve deadline', () => {
    const emergency = run(
      [dispatch, accept],
      submitRequest(submission({ category: 'emergency' }), ctx()).state,
    );
    expect(stageDeadline(emergency)).toMatchObject({ purpose: 'resolve', dueAt: '2026-11-27T03:00:00.000Z' });
    const water = run([dispatch, accept], submitRequest(submission({ category: 'utilities' }), ctx()).state);
    expect(stageDeadline(water)?.dueAt).toBe('2026-11-28T01:00:00.000Z');
    const complex = run([dispatch, accept], submitRequest(submission({ category: 'complex' }), ctx()).state);
    expect(stageDeadline(complex)?.dueAt).toBe('2026-12-12T01:00:00.000Z');
  });

  test('When a request starts at the township, then its first deadlines follow its rule there and the member dispatched there answers for it', () => {
    const filed = submitRequest(submission({ category: 'utilities', startLevel: 2 }), ctx()).state;
    expect(filed.level).toBe(2);
    expect(stageDeadline(filed)).toMatchObject({ owner: 'township-t01', dueAt: '2026-11-27T03:00:00.000Z' });
    const accepted = run([dispatch, accept], filed);
    expect(stageDeadline(accepted)).toMatchObject({ owner: 'member-1', dueAt: '2026-11-28T01:00:00.000Z' });
    const escalated = fireDue(accepted, Date.parse('2026-11-28T01:00:01Z')).state;
    expect(escalated.level).toBe(3);
    expect(stageDeadline(escalated)?.rule).toContain('escalated to committee (ladder deadline)');
  });

  test('When a township routes a request whose place matched no grid, then it drops to that grid with a fresh dispatch deadline and the timeline says who routed it where', () => {
    const township = { id: 'leader-t01', role: 'unit_leader', unit: 'township-t01' } as const;
    const queued = submitRequest(
      submission({
        gridId: '',
        addressUnmatched: true,
        startLevel: 2,
        jurisdiction: ['township-t01', 'township-t01', 'township-t01', 'committee-c01'],
      }),
      ctx(),
    ).state;
    const route = (gridId: string, jurisdiction: string[]) =>
      decide(
        queued,
        { type: 'route', actor: township, gridId, jurisdiction, note: '核实地址' },
        ctx(t0 + 60_000),
      );
    const routed = route('g01', ['grid-g01', 'village-v01', 'township-t01', 'committee-c01']);
    expect(routed.state).toMatchObject({ status: 'submitted', level: 0 });
    expect(routed.state.submission).toMatchObject({
      gridId: 'g01',
      jurisdiction: ['grid-g01', 'village-v01', 'township-t01', 'committee-c01'],
    });
    expect(routed.state.submission.addressUnmatched).toBeUndefined();
    expect(routed.state.submission.startLevel).toBeUndefined();
    expect(stageDeadline(routed.state)).toMatchObject({ owner: 'grid-g01', level: 0 });
    expect(Date.parse(stageDeadline(routed.state)!.dueAt)).toBeGreaterThan(
      Date.parse(stageDeadline(queued)!.dueAt),
    );
    expect(routed.state.timeline.at(-1)).toMatchObject({
      action: 'route',
      actor: township,
      note: '分拨至 routed to grid-g01 (grid g01): 核实地址',
    });
    expect(routed.notices).toEqual([expect.objectContaining({ recipient: 'grid-g01', kind: 'assigned' })]);
    expect(() => route('g07', ['grid-g07', 'village-v04', 'township-t02', 'committee-c01'])).toThrow(
      'grid g07 is not within township-t01, which holds the request',
    );
    expect(() =>
      decide(
        routed.state,
        {
          type: 'route',
          actor: township,
          gridId: 'g02',
          jurisdiction: ['grid-g02', 'village-v01', 'township-t01', 'committee-c01'],
        },
        ctx(),
      ),
    ).toThrow('only a request whose place matched no grid is routed to one');
  });

  test('When a start level is above the ladder, then the filing is refused', () => {
    expect(() => submitRequest(submission({ startLevel: 4 }), ctx())).toThrow(/above the ladder/);
  });

  test('When the full lifecycle runs, then each step is recorded with its actor and the case closes satisfied', () => {
    const state = run([
      dispatch,
      accept,
      { type: 'progress', actor: actors.member, note: 'ordered a bulb' },
      resolve,
      { type: 'feedback', actor: actors.resident, satisfied: true, note: 'thanks' },
    ]);
    expect(state).toMatchObject({
      status: 'closed',
      outcome: 'satisfied',
      resolvedAtLevel: 0,
      deadlines: [],
    });
    expect(state.timeline.map((e) => [e.action, e.actor.id, e.to])).toEqual([
      ['submit', 'resident-1', undefined],
      ['dispatch', 'sec-1', 'dispatched'],
      ['accept', 'member-1', 'accepted'],
      ['progress', 'member-1', 'in_progress'],
      ['resolve', 'member-1', 'resolved'],
      ['feedback_satisfied', 'resident-1', 'closed'],
    ]);
  });

  test('When an action is not allowed now, then it is refused naming the current state and nothing changes', () => {
    const state = submitRequest(submission(), ctx()).state;
    expect(() => decide(state, accept, ctx())).toThrow('cannot accept a request that is submitted');
    expect(() => decide(state, { type: 'feedback', actor: actors.resident, satisfied: true }, ctx())).toThrow(
      'is submitted',
    );
    expect(state.status).toBe('submitted');
  });

  test('When someone other than the assignee accepts, or an auditor writes, then it is forbidden', () => {
    const dispatched = run([dispatch]);
    expect(() => decide(dispatched, { type: 'accept', actor: actors.otherMember }, ctx())).toThrow(
      'only the assignee member-1 may accept',
    );
    expect(() => decide(dispatched, { type: 'withdraw', actor: actors.auditor, reason: 'x' }, ctx())).toThrow(
      'read-only',
    );
    expect(() => decide(run([]), { type: 'dispatch', actor: actors.member, assignee: 'x' }, ctx())).toThrow(
      'role grid_member may not dispatch',
    );
  });

  test('When the assignee returns a request (退单), then it goes back to the dispatcher with a fresh deadline', () => {
    const state = run([dispatch, { type: 'return', actor: actors.member, reason: 'wrong grid' }]);
    expect(state).toMatchObject({ status: 'submitted', assignee: undefined });
    expect(stageDeadline(state)?.purpose).toBe('dispatch');
    expect(state.timeline[state.timeline.length - 1]).toMatchObject({ action: 'return', note: 'wrong grid' });
  });

  test('When an extension is asked and approved, then the deadline moves and the resident is told', () => {
    const accepted = run([dispatch, accept]);
    const asked = decide(
      accepted,
      { type: 'requestExtension', actor: actors.member, duration: 'P3D', reason: 'parts on order' },
      ctx(),
    ).state;
    expect(() =>
      decide(
        asked,
        { type: 'requestExtension', actor: actors.member, duration: 'P1D', reason: 'again' },
        ctx(),
      ),
    ).toThrow('already waiting');
    const approved = decide(
      asked,
      { type: 'decideExtension', actor: actors.leader, approve: true, note: 'ok' },
      ctx(),
    );
    expect(
      Date.parse(stageDeadline(approved.state)!.dueAt) - Date.parse(stageDeadline(accepted)!.dueAt),
    ).toBe(72 * hour);
    expect(approved.notices.map((n) => n.recipient)).toEqual(['member-1', 'resident-1']);
    const refused = decide(
      asked,
      { type: 'decideExtension', actor: actors.leader, approve: false, note: 'no' },
      ctx(),
    ).state;
    expect(stageDeadline(refused)!.dueAt).toBe(stageDeadline(accepted)!.dueAt);
  });

  test('When an extension is asked after the deadline, then it is refused', () => {
    const accepted = run([dispatch, accept]);
    const late = Date.parse(stageDeadline(accepted)!.dueAt) + 1;
    expect(() =>
      decide(
        accepted,
        { type: 'requestExtension', actor: actors.member, duration: 'P1D', reason: 'late' },
        ctx(late),
      ),
    ).toThrow('before the deadline');
  });

  test('When nobody dispatches, then reminders go out and the request climbs the ladder to the committee, then is publicly notified', () => {
    // Dispatch due 05:00 on 27 Nov, then village +2 days, township +3 days: on the agenda at 05:00 on 3 Dec.
    const fired = fireDue(submitRequest(submission(), ctx()).state, Date.parse('2026-12-03T05:00:00Z'));
    const state = fired.state;
    expect(fired.notices.map((n) => `${n.kind}:${n.recipient}`)).toEqual([
      'reminder:grid-g01',
      'reminder:grid-g01',
      'urge:grid-g01',
      'supervise:village-v01',
      'reminder:village-v01',
      'reminder:village-v01',
      'urge:village-v01',
      'supervise:township-t01',
      'reminder:township-t01',
      'reminder:township-t01',
      'urge:township-t01',
      'agenda:committee-c01',
    ]);
    expect(state).toMatchObject({ level: 3, onAgenda: true, status: 'submitted' });
    const atTop = fireDue(state, Date.parse(stageDeadline(state)!.dueAt));
    expect(atTop.notices.filter((n) => n.kind === 'public_notice').map((n) => n.recipient)).toEqual([
      'committee-c01',
      'grid-g01',
      'village-v01',
      'township-t01',
    ]);
    expect(atTop.state.level).toBe(3);
  });

  test('When a request is major, then it starts on the committee agenda', () => {
    const { state, notices } = submitRequest(submission({ major: true }), ctx());
    expect(state).toMatchObject({ level: 3, onAgenda: true });
    expect(stageDeadline(state)?.owner).toBe('committee-c01');
    expect(notices[0]).toMatchObject({ kind: 'agenda', recipient: 'committee-c01' });
  });

  test('When a handler escalates manually, then it goes straight to the committee', () => {
    const state = run([
      dispatch,
      accept,
      { type: 'escalate', actor: actors.member, reason: 'needs funding' },
    ]);
    expect(state).toMatchObject({ level: 3, onAgenda: true, status: 'accepted' });
    expect(stageDeadline(state)?.owner).toBe('committee-c01');
  });

  test('When the resident is unsatisfied, then the request reopens at the level that resolved it', () => {
    const escalated = fireDue(run([dispatch, accept]), Date.parse('2026-12-04T01:00:00Z')).state;
    expect(escalated.level).toBe(1);
    const resolved = decide(escalated, resolve, ctx()).state;
    const reopened = decide(
      resolved,
      { type: 'feedback', actor: actors.resident, satisfied: false, note: 'still dark' },
      ctx(),
    ).state;
    expect(reopened).toMatchObject({ status: 'reopened', level: 1 });
    expect(stageDeadline(reopened)).toMatchObject({ purpose: 'resolve', owner: 'village-v01' });
  });

  test('When nobody answers the return visit, then the request closes as no feedback', () => {
    const resolved = run([dispatch, accept, resolve]);
    const closed = fireDue(resolved, Date.parse(stageDeadline(resolved)!.dueAt)).state;
    expect(closed).toMatchObject({ status: 'closed', outcome: 'no_feedback' });
  });

  test('When a request is merged or withdrawn, then nothing is due any more', () => {
    expect(run([{ type: 'merge', actor: actors.secretary, into: 'r-2' }])).toMatchObject({
      status: 'merged',
      mergedInto: 'r-2',
      deadlines: [],
    });
    expect(
      run([dispatch, { type: 'withdraw', actor: actors.resident, reason: 'fixed it myself' }]),
    ).toMatchObject({ status: 'withdrawn', deadlines: [] });
    expect(() => run([{ type: 'merge', actor: actors.secretary, into: 'r-1' }])).toThrow('into itself');
  });
});

import { availableActions } from '../../domain/requests/availableActions';
import { RequestCommand } from '../../domain/requests/commands';
import { CitizenRequestState } from '../../domain/requests/state';
import { decide, submitRequest } from '../../domain/requests/transitions';
import { actors, defaultPolicy, submission } from '../support/fixtures';

const policy = defaultPolicy();
const t0 = Date.parse('2026-11-27T01:00:00Z');
const ctx = { policy, now: t0 };
const filed = submitRequest(submission(), ctx).state;
const run = (commands: RequestCommand[], start: CitizenRequestState = filed) =>
  commands.reduce((state, command) => decide(state, command, ctx).state, start);

const dispatch: RequestCommand = { type: 'dispatch', actor: actors.secretary, assignee: 'member-1' };
const accept: RequestCommand = { type: 'accept', actor: actors.member };
const resolve: RequestCommand = { type: 'resolve', actor: actors.member, note: '换了灯泡 replaced the bulb' };
const outOfScope = { id: 'sec-6', role: 'branch_secretary', unit: 'grid-g06' } as const;

describe('the actions a caller may take on a request now', () => {
  test('When a request is new, then its secretary may dispatch, reject, merge, escalate or withdraw it, the resident may withdraw it and the member may only escalate it', () => {
    expect(availableActions(filed, actors.secretary, ctx)).toEqual([
      'dispatch',
      'escalate',
      'withdraw',
      'reject',
      'merge',
    ]);
    expect(availableActions(filed, actors.resident, ctx)).toEqual(['withdraw']);
    expect(availableActions(filed, actors.member, ctx)).toEqual(['escalate']);
    expect(availableActions(filed, actors.auditor, ctx)).toEqual([]);
  });

  test('When it is dispatched, then only its assignee may accept or return it', () => {
    const dispatched = run([dispatch]);
    expect(availableActions(dispatched, actors.member, ctx)).toEqual([
      'accept',
      'return',
      'extend',
      'escalate',
    ]);
    expect(availableActions(dispatched, actors.otherMember, ctx)).toEqual(['escalate']);
    expect(availableActions(dispatched, actors.secretary, ctx)).toEqual([
      'extend',
      'escalate',
      'withdraw',
      'merge',
    ]);
  });

  test('When the assignee has accepted it, then they may record progress, ask for more time, resolve or escalate it', () => {
    expect(availableActions(run([dispatch, accept]), actors.member, ctx)).toEqual([
      'progress',
      'extend',
      'resolve',
      'escalate',
    ]);
  });

  test('When an extension is pending, then the level above decides it and nobody asks again', () => {
    const asked = run([
      dispatch,
      accept,
      {
        type: 'requestExtension',
        actor: actors.member,
        duration: 'PT4H',
        reason: '等零件 waiting for parts',
      },
    ]);
    expect(availableActions(asked, actors.member, ctx)).not.toContain('extend');
    expect(availableActions(asked, actors.leader, ctx)).toContain('extend/decision');
    expect(availableActions(asked, actors.secretary, ctx)).not.toContain('extend/decision');
  });

  test('When it is resolved, then the resident may give feedback once, and an unsatisfied answer reopens it for the assignee to resolve', () => {
    const resolved = run([dispatch, accept, resolve]);
    expect(availableActions(resolved, actors.resident, ctx)).toEqual(['feedback']);
    expect(availableActions(resolved, actors.secretary, ctx)).toEqual(['feedback', 'reopen']);
    const reopened = run(
      [{ type: 'feedback', actor: actors.resident, satisfied: false, note: '还是不亮' }],
      resolved,
    );
    expect(reopened.status).toBe('reopened');
    expect(availableActions(reopened, actors.resident, ctx)).toEqual(['withdraw']);
    expect(availableActions(reopened, actors.member, ctx)).toEqual([
      'progress',
      'extend',
      'resolve',
      'escalate',
    ]);
  });

  test('When the caller’s unit is outside the request’s jurisdiction, then no action is offered', () => {
    expect(availableActions(filed, outOfScope, ctx)).toEqual([]);
  });

  test('When the deadline has passed, then an extension is no longer offered', () => {
    const accepted = run([dispatch, accept]);
    const late = { policy, now: Date.parse(accepted.deadlines[0].dueAt) + 1 };
    expect(availableActions(accepted, actors.member, late)).toEqual(['progress', 'resolve', 'escalate']);
  });
});

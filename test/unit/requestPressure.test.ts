import { decisionsUntil } from '../../domain/cases/clock';
import { RequestCommand } from '../../domain/requests/commands';
import { pressureOf } from '../../domain/requests/pressure';
import { CitizenRequestState, stageDeadline } from '../../domain/requests/state';
import { decide, onDeadline, submitRequest } from '../../domain/requests/transitions';
import { actors, defaultPolicy, submission } from '../support/fixtures';

const policy = defaultPolicy();
const t0 = Date.parse('2026-11-27T01:00:00Z');
const filed = submitRequest(submission(), { policy, now: t0 }).state;

/** Steps the clock from one due moment to the next, as the workflow's timers do. */
function fireUntil(state: CitizenRequestState, until: number): CitizenRequestState {
  return (
    decisionsUntil(state, until, (s, event, now) => onDeadline(s, event, { policy, now })).at(-1)?.state ??
    state
  );
}
const dueOf = (state: CitizenRequestState) => Date.parse(stageDeadline(state)!.dueAt);
const firstReminder = (state: CitizenRequestState) => Date.parse(stageDeadline(state)!.reminders[0].at);

describe('the pressure step of the deadline a request answers to now', () => {
  test('When nothing was sent yet, then there is no pressure', () => {
    expect(pressureOf(filed)).toBeUndefined();
  });

  test('When a reminder was sent, then it is reminded (提醒)', () => {
    expect(pressureOf(fireUntil(filed, firstReminder(filed)))).toBe('reminded');
  });

  test('When the deadline lapsed below the top, then it is urged and supervised (催办·督办), even after the new level’s reminders', () => {
    const lapsed = fireUntil(filed, dueOf(filed));
    expect(lapsed.level).toBe(1);
    expect(pressureOf(lapsed)).toBe('supervised');
    expect(pressureOf(fireUntil(lapsed, firstReminder(lapsed)))).toBe('supervised');
  });

  test('When it lapsed at the top, then it is publicly notified (通报)', () => {
    let state = filed;
    while (state.level < policy.ladder.length - 1) state = fireUntil(state, dueOf(state));
    expect(pressureOf(state)).toBe('supervised');
    expect(pressureOf(fireUntil(state, dueOf(state)))).toBe('publicly_notified');
  });

  test('When the request moves to its next stage, then the new deadline starts without pressure', () => {
    const lapsed = fireUntil(filed, dueOf(filed));
    const dispatch: RequestCommand = { type: 'dispatch', actor: actors.leader, assignee: 'member-1' };
    const dispatched = decide(lapsed, dispatch, { policy, now: dueOf(filed) + 1000 }).state;
    expect(pressureOf(dispatched)).toBeUndefined();
  });
});

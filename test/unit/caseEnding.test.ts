import { endsAt } from '../../domain/cases/ending';
import {
  commitmentClosing,
  decide as decideCommitment,
  openCommitment,
} from '../../domain/commitments/transitions';
import { RequestCommand } from '../../domain/requests/commands';
import { CitizenRequestState } from '../../domain/requests/state';
import { decide, requestClosing, submitRequest } from '../../domain/requests/transitions';
import { actors, defaultPolicy, planSubmission, submission } from '../support/fixtures';

const policy = defaultPolicy();
const t0 = Date.parse('2026-12-01T02:00:00Z');
const day = 86_400_000;
const lead = { id: 'lead-1', role: 'assistance_team' as const, unit: 'industry-bureau' };

/** A request filed at t0 and closed satisfied a day later; each command a minute after the last. */
function closedRequest(closedAtOnEntry: boolean): CitizenRequestState {
  const commands: RequestCommand[] = [
    { type: 'dispatch', actor: actors.secretary, assignee: 'member-1' },
    { type: 'accept', actor: actors.member },
    { type: 'resolve', actor: actors.member, note: 'fixed' },
    { type: 'feedback', actor: actors.resident, satisfied: true },
  ];
  return commands.reduce(
    (state, command, i) =>
      decide(state, command, { policy, now: t0 + day + i * 60_000, closedAtOnEntry }).state,
    submitRequest(submission(), { policy, now: t0 }).state,
  );
}

describe('when a case ends (domain/cases/ending.ts)', () => {
  test('When a case closes, then it ends after the reopen window if it may be reopened, at once otherwise, and never while open', () => {
    const closedAt = '2026-12-02T02:00:00.000Z';
    expect(endsAt({ closedAt, reopenable: true }, policy)).toBe(Date.parse(closedAt) + 30 * day);
    expect(endsAt({ closedAt, reopenable: false }, policy)).toBe(Date.parse(closedAt));
    expect(endsAt(undefined, policy)).toBeUndefined();
  });

  test('When a duplicate is absorbed into a closed request, then its closing and its end stay where they were', () => {
    const closed = closedRequest(true);
    expect(closed.status).toBe('closed');
    const end = endsAt(requestClosing(closed), policy);
    const absorbed = decide(
      closed,
      { type: 'absorbDuplicate', actor: actors.secretary, duplicateId: 'r2', requesterId: 'resident-2' },
      { policy, now: t0 + 20 * day, closedAtOnEntry: true },
    ).state;
    expect(absorbed.coRequesters).toEqual(['resident-2']);
    expect(absorbed.closedAt).toBe(closed.closedAt);
    expect(endsAt(requestClosing(absorbed), policy)).toBe(end);
  });

  test('When runs recorded before the rule replay, then a duplicate absorbed into a closed request restamps its closing as it did', () => {
    const closed = closedRequest(false);
    const absorbed = decide(
      closed,
      { type: 'absorbDuplicate', actor: actors.secretary, duplicateId: 'r2', requesterId: 'resident-2' },
      { policy, now: t0 + 20 * day },
    ).state;
    expect(absorbed.closedAt).toBe(new Date(t0 + 20 * day).toISOString());
  });

  test('When a withdrawn request is final, then it ends at once, at its withdrawal', () => {
    const withdrawn = decide(
      submitRequest(submission(), { policy, now: t0 }).state,
      { type: 'withdraw', actor: actors.resident, reason: 'solved' },
      { policy, now: t0 + day, closedAtOnEntry: true },
    ).state;
    expect(endsAt(requestClosing(withdrawn), policy)).toBe(t0 + day);
  });

  test('When the final assessment of a closed commitment is commented on, then its end does not move', () => {
    const opened = openCommitment(planSubmission({ startDate: '2026-12-01' }), { policy, now: t0 }).state;
    const closed = decideCommitment(
      opened,
      { type: 'close', actor: actors.leader, reason: 'enterprise moved away' },
      { policy, now: t0 + 10 * day },
    ).state;
    expect(closed).toMatchObject({ status: 'closed', closedAt: new Date(t0 + 10 * day).toISOString() });
    const end = endsAt(commitmentClosing(closed), policy);
    expect(end).toBe(t0 + 40 * day);
    const commented = decideCommitment(
      closed,
      { type: 'commentAssessment', actor: lead, year: 1, text: '资金缺口 funding gap' },
      { policy, now: t0 + 25 * day },
    ).state;
    expect(commented.assessments[0].comment).toMatchObject({ text: '资金缺口 funding gap' });
    expect(endsAt(commitmentClosing(commented), policy)).toBe(end);
  });
});

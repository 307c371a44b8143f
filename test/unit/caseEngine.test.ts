import { decisionsUntil } from '../../domain/cases/clock';
import { deadlineSettings } from '../../domain/cases/deadlineSteps';
import { applyChange, CaseRules, CaseState, decideDeadline, RuleContext } from '../../domain/cases/engine';
import { setDeadline } from '../../domain/deadlines/deadline';
import { requestStateFrom, StoredRequestState } from '../../domain/requests/state';
import { decide, submitRequest } from '../../domain/requests/transitions';
import { actors, defaultPolicy, jurisdiction, submission } from '../support/fixtures';

const policy = defaultPolicy();
const t0 = Date.parse('2026-12-01T02:00:00Z');
const hour = 3_600_000;

/**
 * A kind of case that exists only here: an item waiting for a unit's answer. It writes nothing
 * but what differs (who answers at a rung), and gets revisions, closing, reminders and escalation
 * from the engine, as the next real kind will.
 */
type ItemState = CaseState<'waiting' | 'answered'>;
const itemRules: CaseRules<ItemState> = {
  isFinal: (status) => status === 'answered',
  ownerAt: (state, _deadline, level) => state.submission.jurisdiction[level],
};

function openItem(ctx: RuleContext): ItemState {
  const answer = setDeadline(
    {
      id: 'answer',
      purpose: 'answer',
      owner: jurisdiction[0],
      level: 0,
      from: ctx.now,
      spec: 'PT10H',
      rule: 'test',
    },
    deadlineSettings(ctx.policy),
  );
  const empty: ItemState = {
    submission: { title: 'an item', jurisdiction },
    status: 'waiting',
    revision: 0,
    updatedAt: new Date(ctx.now).toISOString(),
    deadlines: [],
    timeline: [],
  };
  return applyChange(
    empty,
    { action: 'open', actor: actors.secretary, patch: { deadlines: [answer] } },
    ctx,
    itemRules,
  ).state;
}

describe('the case engine (domain/cases/engine.ts)', () => {
  test('When a new kind declares only who answers at each rung, then the engine reminds, escalates and tells the rung above', () => {
    const item = openItem({ policy, now: t0 });
    const decisions = decisionsUntil(item, t0 + 10 * hour, (state, event, now) =>
      decideDeadline(state, event, { policy, now }, itemRules),
    );
    expect(decisions.map((d) => d.state.timeline.at(-1)!.action)).toEqual([
      ...policy.reminderFractions.map(() => 'reminder'),
      'escalate_on_breach',
    ]);
    const escalated = decisions.at(-1)!.state;
    expect(escalated.deadlines[0]).toMatchObject({ id: 'answer', level: 1, owner: jurisdiction[1] });
    expect(escalated.revision).toBe(item.revision + decisions.length);
    expect(decisions.at(-1)!.notices.map((n) => n.recipient)).toContain(jurisdiction[1]);
  });

  test('When a case becomes final, then its closing is stamped once, kept through later changes, and cleared when it reopens', () => {
    const item = openItem({ policy, now: t0 });
    const change = (state: ItemState, status: ItemState['status'] | undefined, now: number) =>
      applyChange(state, { action: 'x', actor: actors.secretary, status }, { policy, now }, itemRules).state;
    const answered = change(item, 'answered', t0 + hour);
    expect(answered.closedAt).toBe(new Date(t0 + hour).toISOString());
    expect(change(answered, undefined, t0 + 2 * hour).closedAt).toBe(answered.closedAt);
    expect(change(answered, 'waiting', t0 + 3 * hour).closedAt).toBeUndefined();
  });
});

describe('requests stored before they held a list of deadlines', () => {
  test('When a carried or stored request has the old single deadline, then it loads with that deadline as its only one', () => {
    const filed = submitRequest(submission(), { policy, now: t0 }).state;
    const { deadlines, ...rest } = filed;
    const old: StoredRequestState = { ...rest, deadline: deadlines[0] };
    expect(requestStateFrom(old)).toEqual(filed);
    expect(requestStateFrom(filed)).toBe(filed);

    const closed = decide(
      filed,
      { type: 'reject', actor: actors.secretary, reason: 'not ours' },
      { policy, now: t0 },
    ).state;
    const { deadlines: none, ...closedRest } = closed;
    expect(none).toEqual([]);
    expect(requestStateFrom({ ...closedRest })).toEqual(closed);
  });
});

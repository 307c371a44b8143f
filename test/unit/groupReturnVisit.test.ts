import { decisionsUntil } from '../../domain/cases/clock';
import { Actor } from '../../domain/actors';
import { statusCounts, sumCounts } from '../../domain/kpi/counts';
import { requestFacts } from '../../domain/kpi/facts';
import { countsByDay } from '../../domain/kpi/ledger';
import { kpiRates } from '../../domain/kpi/rates';
import { RequestCommand } from '../../domain/requests/commands';
import { currentAnswers } from '../../domain/requests/returnVisit';
import { CitizenRequestState, stageDeadline } from '../../domain/requests/state';
import { Context, decide, onDeadline, submitRequest } from '../../domain/requests/transitions';
import { Decision, Notice, Refusal } from '../../domain/timeline';
import { actors, defaultPolicy, submission } from '../support/fixtures';

const policy = defaultPolicy();
const ladder = policy.ladder.map((level) => level.id);
const t0 = Date.parse('2026-11-27T01:00:00Z');
const minute = 60_000;
/** As new runs decide: every requester of a merged group answers the return visit. */
const ctx = (now = t0, groupReturnVisit = true): Context => ({ policy, now, groupReturnVisit });

const resident = (id: string): Actor => ({ id, role: 'resident', unit: 'g01' });
const operator: Actor = { id: 'op-1', role: 'hotline_operator', unit: 'hotline' };
const feedback = (actor: Actor, satisfied: boolean, more: { note?: string; requester?: string } = {}) =>
  ({ type: 'feedback', actor, satisfied, ...more }) as RequestCommand;

function act(state: CitizenRequestState, command: RequestCommand, c = ctx()): Decision<CitizenRequestState> {
  return decide(state, command, c);
}

/** A primary filed by resident-1, two duplicates from resident-2 and resident-3 merged in, then handled and resolved. */
function resolvedGroup(c = ctx()): Decision<CitizenRequestState> {
  let state = submitRequest(submission(), c).state;
  for (const [duplicateId, requesterId] of [
    ['r-2', 'resident-2'],
    ['r-3', 'resident-3'],
  ])
    state = act(
      state,
      { type: 'absorbDuplicate', actor: actors.secretary, duplicateId, requesterId },
      c,
    ).state;
  state = act(state, { type: 'dispatch', actor: actors.secretary, assignee: 'member-1' }, c).state;
  state = act(state, { type: 'accept', actor: actors.member }, c).state;
  return act(state, { type: 'resolve', actor: actors.member, note: 'bulb replaced' }, c);
}

function answers(state: CitizenRequestState, ...commands: RequestCommand[]) {
  return commands.reduce<Decision<CitizenRequestState>>((d, command) => act(d.state, command), {
    state,
    notices: [],
  });
}

const told = (notices: Notice[], kind: Notice['kind']) =>
  notices.filter((n) => n.kind === kind).map((n) => n.recipient);

function counts(state: CitizenRequestState) {
  const facts = requestFacts(state.timeline, ladder, state.submission).facts;
  return sumCounts(countsByDay(facts).values());
}

function refusal(fn: () => unknown): Refusal {
  try {
    fn();
  } catch (err) {
    if (err instanceof Refusal) return err;
    throw err;
  }
  throw new Error('expected a refusal');
}

describe('a merged group’s return visit (回访)', () => {
  test('When a group of three is resolved, then every requester is asked for feedback', () => {
    expect(told(resolvedGroup().notices, 'return_visit')).toEqual(['resident-1', 'resident-2', 'resident-3']);
  });

  test('When two answer satisfied and the third unsatisfied, then the request waits, then reopens at once and each answer counts', () => {
    const resolved = resolvedGroup().state;
    const waiting = answers(
      resolved,
      feedback(resident('resident-2'), true, { note: 'light works' }),
      feedback(resident('resident-1'), true),
    ).state;
    expect(waiting.status).toBe('resolved');
    expect(currentAnswers(waiting)).toEqual([
      expect.objectContaining({
        requester: 'resident-2',
        satisfied: true,
        note: 'light works',
        recordedBy: 'resident-2',
      }),
      expect.objectContaining({ requester: 'resident-1', satisfied: true, recordedBy: 'resident-1' }),
    ]);

    const { state, notices } = act(
      waiting,
      feedback(resident('resident-3'), false, { note: 'still dark upstairs' }),
    );
    expect(state).toMatchObject({ status: 'reopened', outcome: undefined });
    expect(state.timeline.slice(-3).map((e) => [e.action, e.about, e.to])).toEqual([
      ['feedback_satisfied', 'requester:resident-2', undefined],
      ['feedback_satisfied', 'requester:resident-1', undefined],
      ['feedback_unsatisfied', 'requester:resident-3', 'reopened'],
    ]);
    expect(told(notices, 'outcome')).toEqual(['resident-1', 'resident-2', 'resident-3']);
    expect(told(notices, 'assigned')).toEqual(['member-1']);

    const c = counts(state);
    expect(c).toMatchObject({
      satisfied: 2,
      unsatisfied: 1,
      reopened: 1,
      resolutionsReopened: 1,
      answersLeavingOpen: 2,
    });
    expect(statusCounts(c).closed).toBe(0);
    expect(kpiRates(c).satisfaction).toBeCloseTo(2 / 3);

    expect(refusal(() => act(state, feedback(resident('resident-1'), true))).message).toMatch(
      /^the return visit is over: the request was reopened \(feedback_unsatisfied\) at /,
    );
  });

  test('When every requester answers satisfied, then the request closes satisfied once and each answer counts', () => {
    const { state, notices } = answers(
      resolvedGroup().state,
      feedback(resident('resident-3'), true),
      feedback(resident('resident-2'), true),
      feedback(resident('resident-1'), true),
    );
    expect(state).toMatchObject({ status: 'closed', outcome: 'satisfied' });
    expect(told(notices, 'outcome')).toEqual(['resident-1', 'resident-2', 'resident-3']);
    const c = counts(state);
    expect(c).toMatchObject({ satisfied: 3, unsatisfied: 0, noFeedback: 0, answersLeavingOpen: 2 });
    expect(statusCounts(c).closed).toBe(1);
    expect(kpiRates(c).satisfaction).toBe(1);
    expect(refusal(() => act(state, feedback(resident('resident-2'), false))).message).toMatch(
      /^the return visit is over: the request was closed \(satisfied\) at /,
    );
  });

  test('When the deadline lapses with one answer, then the request closes, the answer counted and each silent requester counted as no feedback', () => {
    const answered = act(resolvedGroup().state, feedback(resident('resident-2'), true)).state;
    const due = Date.parse(stageDeadline(answered)!.dueAt);
    const decisions = decisionsUntil(answered, due, (s, event, now) => onDeadline(s, event, ctx(now)));
    const state = decisions.at(-1)!.state;
    expect(state).toMatchObject({ status: 'closed', outcome: 'no_feedback' });
    // The return visit's reminders go to the unit in between.
    const visit = state.timeline.filter((e) => e.action !== 'reminder');
    expect(visit.slice(-3).map((e) => [e.action, e.about, e.to])).toEqual([
      ['feedback_satisfied', 'requester:resident-2', undefined],
      ['no_feedback', 'requester:resident-1', undefined],
      ['close_no_feedback', 'requester:resident-3', 'closed'],
    ]);
    expect(
      told(
        decisions.flatMap((d) => d.notices),
        'outcome',
      ),
    ).toEqual(['resident-1', 'resident-2', 'resident-3']);
    const c = counts(state);
    expect(c).toMatchObject({ satisfied: 1, unsatisfied: 0, noFeedback: 2, answersLeavingOpen: 2 });
    expect(statusCounts(c).closed).toBe(1);
    expect(kpiRates(c).satisfaction).toBe(1);
  });

  test('When a requester answers twice, or someone answers for another, then it is refused naming why', () => {
    const answered = act(resolvedGroup().state, feedback(resident('resident-2'), true)).state;
    expect(refusal(() => act(answered, feedback(resident('resident-2'), false))).message).toMatch(
      /^resident-2 already answered this return visit \(satisfied at .*\): each requester answers once per resolution$/,
    );
    expect(
      refusal(() => act(answered, feedback(resident('resident-3'), true, { requester: 'resident-1' }))),
    ).toMatchObject({
      code: 'forbidden',
      message: 'a resident answers the return visit for themself only',
    });
    expect(refusal(() => act(answered, feedback(resident('resident-9'), true)))).toMatchObject({
      code: 'forbidden',
    });
  });

  test('When staff record an answer in a group, then they must name the requester, whose answer it becomes', () => {
    const resolved = resolvedGroup().state;
    expect(refusal(() => act(resolved, feedback(operator, true)))).toMatchObject({
      code: 'invalid',
      message:
        'this request has 3 requesters (resident-1, resident-2, resident-3): name whose answer this is in requester',
    });
    expect(refusal(() => act(resolved, feedback(operator, true, { requester: 'resident-9' })))).toMatchObject(
      {
        code: 'invalid',
        message: 'resident-9 is not a requester of this request',
      },
    );
    const state = act(
      resolved,
      feedback(operator, true, { requester: 'resident-3', note: 'by phone' }),
    ).state;
    expect(currentAnswers(state)).toEqual([
      expect.objectContaining({ requester: 'resident-3', recordedBy: 'op-1', note: 'by phone' }),
    ]);
    expect(state.timeline.at(-1)).toMatchObject({
      action: 'feedback_satisfied',
      actor: operator,
      about: 'requester:resident-3',
    });
  });

  test('When a duplicate joins a group awaiting its return visit, then its requester is asked too and awaited', () => {
    const resolved = act(resolvedGroup().state, feedback(resident('resident-2'), true)).state;
    const joined = act(resolved, {
      type: 'absorbDuplicate',
      actor: actors.secretary,
      duplicateId: 'r-4',
      requesterId: 'resident-4',
    });
    expect(told(joined.notices, 'return_visit')).toEqual(['resident-4']);
    const { state } = answers(
      joined.state,
      feedback(resident('resident-1'), true),
      feedback(resident('resident-3'), true),
    );
    expect(state.status).toBe('resolved');
    expect(act(state, feedback(resident('resident-4'), true)).state.status).toBe('closed');
  });

  test('When a request has one requester, then its return visit records the entries it always did', () => {
    const alone = (groupReturnVisit: boolean) => {
      const c = (now = t0) => ctx(now, groupReturnVisit);
      let state = submitRequest(submission(), c()).state;
      for (const command of [
        { type: 'dispatch', actor: actors.secretary, assignee: 'member-1' },
        { type: 'accept', actor: actors.member },
        { type: 'resolve', actor: actors.member, note: 'fixed' },
      ] as RequestCommand[])
        state = act(state, command, c()).state;
      const satisfied = act(state, feedback(actors.resident, true, { note: 'thanks' }), c(t0 + minute)).state;
      const unsatisfied = act(state, feedback(operator, false), c(t0 + minute)).state;
      const due = Date.parse(stageDeadline(state)!.dueAt);
      const lapsed = decisionsUntil(state, due, (s, event, now) => onDeadline(s, event, c(now))).at(
        -1,
      )!.state;
      return [satisfied, unsatisfied, lapsed].map((s) => s.timeline);
    };
    expect(alone(true)).toEqual(alone(false));
  });

  test('When a run recorded before the group’s return visit replays, then a co-requester’s answer still closes the request', () => {
    const before = (now = t0) => ctx(now, false);
    const { state } = act(resolvedGroup(before()).state, feedback(resident('resident-2'), true), before());
    expect(state).toMatchObject({ status: 'closed', outcome: 'satisfied' });
    expect(state.answers).toBeUndefined();
  });
});

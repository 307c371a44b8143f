import { foldFacts, requestFacts, startOfFacts } from '../../domain/kpi/facts';
import { overdueNow } from '../../domain/kpi/overdue';
import { RequestCommand } from '../../domain/requests/commands';
import { statusCounts, sumCounts } from '../../domain/kpi/counts';
import { countsByDay } from '../../domain/kpi/ledger';
import { kpiRates } from '../../domain/kpi/rates';
import { ladder, play, stories, AS_OF, h } from './kpiFixture';
import { TimelineEntry } from '../../domain/timeline';
import { actors } from '../support/fixtures';

const story = (id: string) => stories.find((s) => s.id === id)!;
const factsOf = (state: ReturnType<typeof play>) =>
  requestFacts(state.timeline, ladder, state.submission).facts;

describe('what one request contributes', () => {
  test('When the accept deadline lapses before acceptance, then the response is late on the lapse’s day and the acceptance late on its own', () => {
    // r-04: filed and dispatched 1 Dec; accept due h25 (2 Dec 10:00) lapses; accepted h30, resolved h40, satisfied h41 (3 Dec).
    expect(factsOf(play(story('r-04')))).toEqual([
      {
        day: '2026-12-01',
        counter: 'filed',
        by: { filedByCategory: 'general', filedByChannel: 'hotline', filedBySubject: 'general' },
      },
      { day: '2026-12-01', counter: 'dispatched' },
      { day: '2026-12-02', counter: 'escalated', level: 1 },
      { day: '2026-12-02', counter: 'lapsed' },
      { day: '2026-12-02', counter: 'responsesDue' },
      { day: '2026-12-02', counter: 'accepted' },
      { day: '2026-12-02', counter: 'acceptedLate' },
      { day: '2026-12-03', counter: 'resolved', level: 1, by: { resolvedBySubject: 'general' } },
      { day: '2026-12-03', counter: 'satisfied', by: { satisfiedBySubject: 'general' } },
    ]);
  });

  test('When a request was filed under a leaf, then its filing, resolution and visit count under the leaf, its deadlines under its SLA class', () => {
    const { timeline } = play(story('r-04'));
    const classification = {
      code: 'water_outage',
      path: ['urban_rural', 'water_supply', 'water_outage'],
      labels: [],
      treeVersion: 't1',
    };
    const facts = requestFacts(timeline, ladder, {
      category: 'utilities',
      channel: 'app',
      classification,
    }).facts;
    expect(facts.filter((f) => f.by)).toEqual([
      {
        day: '2026-12-01',
        counter: 'filed',
        by: { filedByCategory: 'utilities', filedByChannel: 'app', filedBySubject: 'water_outage' },
      },
      { day: '2026-12-03', counter: 'resolved', level: 1, by: { resolvedBySubject: 'water_outage' } },
      { day: '2026-12-03', counter: 'satisfied', by: { satisfiedBySubject: 'water_outage' } },
    ]);
  });

  test('When an approved extension moves the accept deadline and the acceptance beats it, then the response is on time', () => {
    // r-18: accept due h27, extended by a day to h51, accepted h40 (3 Dec).
    const facts = factsOf(play(story('r-18')));
    expect(facts.filter((f) => f.day === '2026-12-03').map((f) => f.counter)).toEqual([
      'accepted',
      'responsesDue',
      'respondedOnTime',
      'resolved',
      'satisfied',
    ]);
    expect(facts.map((f) => f.counter)).not.toContain('lapsed');
  });

  test('When a major request lapses at the committee, then it is publicly notified and counted as a lapse, not an escalation', () => {
    // Filed at the committee 1 Dec 09:00; dispatch due 5 working days later, 8 Dec 09:00: 通报.
    const state = play({ id: 'r-40', grid: 'g01', filedAt: 0, major: true, steps: [] });
    expect(factsOf(state)).toEqual([
      {
        day: '2026-12-01',
        counter: 'filed',
        by: { filedByCategory: 'general', filedByChannel: 'hotline', filedBySubject: 'general' },
      },
      { day: '2026-12-08', counter: 'publicNotices' },
      { day: '2026-12-08', counter: 'lapsed' },
      { day: '2026-12-08', counter: 'responsesDue' },
    ]);
    expect(
      overdueNow(state, requestFacts(state.timeline, ladder, state.submission).cursor, AS_OF),
    ).toMatchObject({
      stage: 'dispatch',
      holder: 'committee-c01',
      level: 3,
    });
  });

  test('When an entry names a level the ladder does not have, then folding refuses rather than miscount', () => {
    const state = play(story('r-15'));
    expect(() => requestFacts(state.timeline, ['grid', 'village', 'township'], state.submission)).toThrow(
      'is at level committee, not on the ladder grid > village > township',
    );
  });

  test('When entries are missing between the cursor and a piece, then folding refuses rather than start over mid-story', () => {
    const { timeline, submission } = play(story('r-01'));
    expect(() => foldFacts(startOfFacts, timeline.slice(2), ladder, submission)).toThrow(
      'kpi: entries 1–2 are missing; fold the whole timeline',
    );
  });

  test('When a merged group’s return visit ends at its deadline, then each answer and each silence counts, the group enters closed once, and folding in pieces agrees', () => {
    const system = { id: 'system', role: 'system', unit: 'system' } as const;
    const at = '2026-12-05T02:00:00.000Z';
    const entries: TimelineEntry[] = [
      {
        at,
        revision: 10,
        actor: actors.resident,
        action: 'feedback_satisfied',
        about: 'requester:resident-1',
      },
      { at, revision: 11, actor: system, action: 'no_feedback', about: 'requester:resident-2' },
      {
        at,
        revision: 12,
        actor: system,
        action: 'close_no_feedback',
        about: 'requester:resident-3',
        from: 'resolved',
        to: 'closed',
      },
    ];
    const visiting = { ...startOfFacts, revision: 9, status: 'resolved' as const, responseJudged: true };
    const filing = { category: 'general', channel: 'hotline' as const };
    const whole = foldFacts(visiting, entries, ladder, filing);
    expect(whole.facts.map((f) => f.counter)).toEqual([
      'satisfied',
      'answersLeavingOpen',
      'noFeedback',
      'answersLeavingOpen',
      'noFeedback',
    ]);
    const first = foldFacts(visiting, entries.slice(0, 2), ladder, filing);
    const rest = foldFacts(first.cursor, entries, ladder, filing);
    expect([...first.facts, ...rest.facts]).toEqual(whole.facts);
    const counts = sumCounts([...countsByDay(whole.facts).values()]);
    expect(statusCounts(counts).closed).toBe(1);
    expect(kpiRates(counts).satisfaction).toBe(1);
  });

  test('When the committee closes a request by decision, then it counts as closed by the committee and not as a resolution, a visit or a response', () => {
    // Major: filed at the committee 1 Dec 09:00, on its agenda; the meeting at h2 closes it.
    const secretariat = { id: 'sec-c01', role: 'committee', unit: 'committee-c01' } as const;
    const closing: RequestCommand = {
      type: 'committeeDecision',
      actor: secretariat,
      meetingId: 'm1',
      heldAt: new Date(h(2)).toISOString(),
      decision: { kind: 'close', outcome: '纳入明年预算 funded in next year’s budget' },
    };
    const state = play({ id: 'r-41', grid: 'g01', filedAt: 0, major: true, steps: [[3, closing]] });
    expect(state).toMatchObject({ status: 'closed', outcome: 'committee_decision' });
    expect(factsOf(state)).toEqual([
      {
        day: '2026-12-01',
        counter: 'filed',
        by: { filedByCategory: 'general', filedByChannel: 'hotline', filedBySubject: 'general' },
      },
      { day: '2026-12-01', counter: 'closedByCommittee' },
    ]);
    const counts = sumCounts([...countsByDay(factsOf(state)).values()]);
    expect(kpiRates(counts)).toEqual({
      response: null,
      resolution: null,
      satisfaction: null,
      gridShare: null,
    });
    expect(statusCounts(counts)).toMatchObject({ submitted: 1, closed: 1, resolved: 0 });
  });
});

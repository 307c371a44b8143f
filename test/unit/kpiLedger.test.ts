import { addCounts, emptyCounts, KpiCounts, statusCounts } from '../../domain/kpi/counts';
import { foldFacts, requestFacts, startOfFacts } from '../../domain/kpi/facts';
import { periodCounts, unitDayCounts } from '../../domain/kpi/ledger';
import { overdueByUnit, overdueNow } from '../../domain/kpi/overdue';
import { rankUnits } from '../../domain/kpi/ranking';
import { kpiRates } from '../../domain/kpi/rates';
import { AS_OF, chains, ladder, play, stories } from './kpiFixture';

/**
 * The hand-computed fixture: every expected number below was counted from the story lines in
 * kpiFixture.ts, request by request, before the test was run.
 */
const played = stories.map((story) => ({ story, state: play(story) }));
const ledger = unitDayCounts(
  played.map(({ story, state }) => ({
    jurisdiction: chains[story.grid],
    facts: requestFacts(state.timeline, ladder, state.submission).facts,
  })),
);
const december = (unit: string) => periodCounts(ledger, unit, '2026-12-01', '2026-12-31');
const counts = (fields: Partial<KpiCounts>): KpiCounts => ({ ...emptyCounts(), ...fields });

// g01: r-01 … r-12
const g01 = counts({
  filed: 12, // r-01 … r-12
  dispatched: 12, // one each for r-01…r-04, r-07…r-09, r-12 (8); two each for r-05, r-06 (returned once)
  dispatchedLate: 2, // r-03 (due h4, dispatched h6), r-06 (second dispatch due h6, done h8)
  accepted: 9, // r-01 … r-09
  acceptedLate: 1, // r-04 (accept due h25, accepted h30)
  responsesDue: 9, // r-01 … r-09 judged; r-10, r-11, r-12 left before acceptance and before any lapse
  respondedOnTime: 6, // r-01, r-02, r-05, r-07, r-08, r-09 (r-03, r-04, r-06 lapsed first)
  returned: 2, // r-05, r-06
  extensionsApproved: 1, // r-07
  extensionsRefused: 1, // r-08
  escalated: 4, // r-03, r-04, r-06, r-08: each once, to the village
  lapsed: 4, // the same four breaches
  resolved: 10, // r-01 … r-08 once, r-09 twice
  resolvedLate: 1, // r-08 (resolve due h170 refused an extension, resolved h180)
  resolutionsReopened: 2, // r-08 (unsatisfied), r-09's first resolution (reopened by a supervisor)
  reopened: 2,
  satisfied: 8, // r-01, r-03, r-04, r-05, r-06, r-07, r-09 twice
  unsatisfied: 1, // r-08
  noFeedback: 1, // r-02
  withdrawn: 1, // r-10
  merged: 1, // r-12
  filedByCategory: { general: 11, roads: 1 }, // roads: r-05
  filedBySubject: { general: 11, roads: 1 }, // unclassified: by category
  resolvedBySubject: { general: 9, roads: 1 }, // roads: r-05
  satisfiedBySubject: { general: 7, roads: 1 }, // roads: r-05
  unsatisfiedBySubject: { general: 1 },
  filedByChannel: { hotline: 11, app: 1 }, // app: r-02
  rejected: 1, // r-11
  escalatedTo: { '1': 4 },
  resolvedAt: { '0': 6, '1': 4 }, // grid: r-01, r-02, r-05, r-07, r-09 ×2; village: r-03, r-04, r-06, r-08
});

// g02: r-13 … r-22
const g02 = counts({
  filed: 10,
  dispatched: 9, // all but r-22 (merged while submitted)
  dispatchedLate: 1, // r-16 (dispatched h60 after lapses at h6 and h54)
  accepted: 8, // r-13 … r-18, r-20, r-21
  acceptedLate: 0, // r-16 was accepted within the township's accept deadline; r-18 within its extension
  responsesDue: 9, // the eight accepted and r-19 (accept lapsed h27 before it was withdrawn)
  respondedOnTime: 7, // all accepted but r-16
  extensionsApproved: 1, // r-18
  escalated: 5, // r-15 (to the committee by hand), r-16 twice, r-19, r-20
  lapsed: 4, // r-16 twice, r-19, r-20 (the manual escalation is no lapse)
  resolved: 7, // r-13 … r-16, r-18 once, r-17 twice
  resolutionsReopened: 1, // r-17's first
  reopened: 1,
  satisfied: 5, // r-13, r-15, r-16, r-17, r-18
  unsatisfied: 1, // r-17
  noFeedback: 1, // r-14
  withdrawn: 1, // r-19
  merged: 1, // r-22
  escalatedTo: { '1': 3, '2': 1, '3': 1 }, // village: r-16, r-19, r-20; township: r-16; committee: r-15
  resolvedAt: { '0': 5, '2': 1, '3': 1 }, // grid: r-13, r-14, r-17 ×2, r-18; township: r-16; committee: r-15
  started: 1, // r-21 (progress at h160)
  filedByCategory: { general: 9, roads: 1 }, // roads: r-14
  filedBySubject: { general: 9, roads: 1 },
  resolvedBySubject: { general: 6, roads: 1 }, // roads: r-14, closed without feedback
  satisfiedBySubject: { general: 5 },
  unsatisfiedBySubject: { general: 1 },
  filedByChannel: { hotline: 9, web: 1 }, // web: r-14
});

// g03: r-23 … r-33
const g03 = counts({
  filed: 11,
  dispatched: 11, // r-31 three times; r-26 and r-29 never
  accepted: 9, // r-23 … r-25, r-27, r-28, r-30 … r-33
  acceptedLate: 2, // r-28 (due h25, at h26), r-33 (extended to h27, at h28)
  responsesDue: 10, // the nine accepted and r-26 (dispatch lapsed h104)
  respondedOnTime: 7, // all accepted but r-28, r-33
  returned: 2, // r-31 twice
  extensionsApproved: 1, // r-33
  escalated: 5, // r-26 twice, r-28, r-32, r-33 (r-27 was filed at the committee: no escalation)
  lapsed: 5,
  resolved: 10, // r-23, r-24, r-27, r-31, r-32, r-33 once; r-25, r-28 twice
  resolvedLate: 1, // r-32
  resolutionsReopened: 2, // r-25 (unsatisfied), r-28 (supervisor)
  reopened: 2,
  satisfied: 7, // r-23, r-24, r-27, r-28 twice, r-31, r-33
  unsatisfied: 1, // r-25
  noFeedback: 1, // r-25's second resolution
  withdrawn: 1, // r-30
  rejected: 1, // r-29
  escalatedTo: { '1': 4, '2': 1 }, // village: r-26, r-28, r-32, r-33; township: r-26
  resolvedAt: { '0': 5, '1': 4, '3': 1 }, // grid: r-23, r-24, r-25 ×2, r-31; village: r-28 ×2, r-32, r-33; committee: r-27
  filedByCategory: { general: 11 },
  filedBySubject: { general: 11 },
  resolvedBySubject: { general: 10 },
  satisfiedBySubject: { general: 7 },
  unsatisfiedBySubject: { general: 1 },
  filedByChannel: { hotline: 10, visit: 1 }, // visit: r-29
});

// v01 = g01 + g02, added by hand
const v01 = counts({
  filed: 22,
  dispatched: 21,
  dispatchedLate: 3,
  accepted: 17,
  acceptedLate: 1,
  responsesDue: 18,
  respondedOnTime: 13,
  returned: 2,
  extensionsApproved: 2,
  extensionsRefused: 1,
  escalated: 9,
  lapsed: 8,
  resolved: 17,
  resolvedLate: 1,
  resolutionsReopened: 3,
  reopened: 3,
  satisfied: 13,
  unsatisfied: 2,
  noFeedback: 2,
  withdrawn: 2,
  merged: 2,
  rejected: 1,
  escalatedTo: { '1': 7, '2': 1, '3': 1 },
  resolvedAt: { '0': 11, '1': 4, '2': 1, '3': 1 },
  started: 1,
  filedByCategory: { general: 20, roads: 2 },
  filedBySubject: { general: 20, roads: 2 },
  resolvedBySubject: { general: 15, roads: 2 },
  satisfiedBySubject: { general: 12, roads: 1 },
  unsatisfiedBySubject: { general: 2 },
  filedByChannel: { hotline: 20, app: 1, web: 1 },
});

// t01 and c01 = all three grids
const all = counts({
  filed: 33,
  dispatched: 32,
  dispatchedLate: 3,
  accepted: 26,
  acceptedLate: 3,
  responsesDue: 28,
  respondedOnTime: 20,
  returned: 4,
  extensionsApproved: 3,
  extensionsRefused: 1,
  escalated: 14,
  lapsed: 13,
  resolved: 27,
  resolvedLate: 2,
  resolutionsReopened: 5,
  reopened: 5,
  satisfied: 20,
  unsatisfied: 3,
  noFeedback: 3,
  withdrawn: 3,
  merged: 2,
  rejected: 2,
  escalatedTo: { '1': 11, '2': 2, '3': 1 },
  resolvedAt: { '0': 16, '1': 8, '2': 1, '3': 2 },
  started: 1,
  filedByCategory: { general: 31, roads: 2 },
  filedBySubject: { general: 31, roads: 2 },
  resolvedBySubject: { general: 25, roads: 2 },
  satisfiedBySubject: { general: 19, roads: 1 },
  unsatisfiedBySubject: { general: 3 },
  filedByChannel: { hotline: 30, app: 1, web: 1, visit: 1 },
});

const settings = {
  weights: { response: 0.2, resolution: 0.35, satisfaction: 0.35, gridShare: 0.1 },
  penaltyPerLapse: 0.5,
};

describe('KPI ledger on a hand-computed fixture of 33 requests', () => {
  test('When the fixture is counted per grid for December, then each grid has its hand-counted figures', () => {
    expect(stories).toHaveLength(33);
    expect(december('grid-g01')).toEqual(g01);
    expect(december('grid-g02')).toEqual(g02);
    expect(december('grid-g03')).toEqual(g03);
  });

  test('When grids roll up, then each unit counts everything below it', () => {
    expect(december('village-v01')).toEqual(v01);
    expect(december('village-v02')).toEqual(g03); // its only grid
    expect(december('township-t01')).toEqual(all);
    expect(december('committee-c01')).toEqual(all);
  });

  test('When the rates are read per unit, then each is the hand-computed ratio', () => {
    expect(kpiRates(december('grid-g01'))).toEqual({
      response: 6 / 9,
      resolution: (10 - 2) / 10,
      satisfaction: 8 / 9,
      gridShare: 6 / 10,
    });
    expect(kpiRates(december('grid-g02'))).toEqual({
      response: 7 / 9,
      resolution: (7 - 1) / 7,
      satisfaction: 5 / 6,
      gridShare: 5 / 7,
    });
    expect(kpiRates(december('village-v01'))).toEqual({
      response: 13 / 18,
      resolution: (17 - 3) / 17,
      satisfaction: 13 / 15,
      gridShare: 11 / 17,
    });
    expect(kpiRates(december('township-t01'))).toEqual({
      response: 20 / 28,
      resolution: (27 - 5) / 27,
      satisfaction: 20 / 23,
      gridShare: 16 / 27,
    });
  });

  test('When one day is read, then only that day’s facts count, a reopening on the day of the resolution it undoes', () => {
    // 2 Dec: r-01, r-02, r-05 resolved at the grid; r-03, r-06 at the village; r-01, r-03, r-05, r-06
    // satisfied; r-04's accept deadline lapsed (h25: escalated, response judged late), accepted late at h30.
    expect(periodCounts(ledger, 'grid-g01', '2026-12-02', '2026-12-02')).toEqual(
      counts({
        resolved: 5,
        resolvedAt: { '0': 3, '1': 2 },
        resolvedBySubject: { general: 4, roads: 1 }, // roads: r-05
        satisfied: 4,
        satisfiedBySubject: { general: 3, roads: 1 },
        escalated: 1,
        escalatedTo: { '1': 1 },
        lapsed: 1,
        responsesDue: 1,
        accepted: 1,
        acceptedLate: 1,
      }),
    );
    // 8 Dec: r-08's resolve deadline lapsed (h170) and it was resolved late (h180) at the village; the
    // unsatisfied visit on 9 Dec (h185) counts its reopening back on 8 Dec, so that day solved nothing.
    const dec8 = periodCounts(ledger, 'grid-g01', '2026-12-08', '2026-12-08');
    expect(dec8).toEqual(
      counts({
        escalated: 1,
        escalatedTo: { '1': 1 },
        lapsed: 1,
        resolved: 1,
        resolvedAt: { '1': 1 },
        resolvedBySubject: { general: 1 },
        resolvedLate: 1,
        resolutionsReopened: 1,
      }),
    );
    expect(kpiRates(dec8)).toEqual({ response: null, resolution: 0, satisfaction: null, gridShare: 0 });
    // 9 Dec: r-07 resolved at the grid (h190) and satisfied (h195); r-08 unsatisfied and reopened (h185).
    expect(periodCounts(ledger, 'grid-g01', '2026-12-09', '2026-12-09')).toEqual(
      counts({
        resolved: 1,
        resolvedAt: { '0': 1 },
        resolvedBySubject: { general: 1 },
        satisfied: 1,
        satisfiedBySubject: { general: 1 },
        unsatisfied: 1,
        unsatisfiedBySubject: { general: 1 },
        reopened: 1,
      }),
    );
  });

  test('When days are summed, then they add up to the period', () => {
    const early = periodCounts(ledger, 'township-t01', '2026-12-01', '2026-12-06');
    const late = periodCounts(ledger, 'township-t01', '2026-12-07', '2026-12-31');
    expect(addCounts(early, late)).toEqual(all);
    // Only r-21 was filed from 7 Dec on (h150); r-26 on 5 Dec (h100), the rest on 1 and 2 Dec.
    expect([early.filed, late.filed]).toEqual([32, 1]);
  });

  test('When a ledger is read by status, category, channel and level, then each breakdown is the hand count and adds up to its total', () => {
    const township = december('township-t01');
    // Requests entering each status in December: the flows, counted from the counters above.
    expect(statusCounts(township)).toEqual({
      submitted: 33,
      dispatched: 32,
      accepted: 26,
      in_progress: 1, // r-21
      resolved: 27,
      closed: 23, // 20 satisfied + 3 closed without feedback
      reopened: 5,
      withdrawn: 3,
      merged: 2,
      rejected: 2,
    });
    const total = (tally: Record<string, number>) => Object.values(tally).reduce((a, b) => a + b, 0);
    expect(total(township.filedByCategory)).toBe(township.filed);
    expect(total(township.filedByChannel)).toBe(township.filed);
    expect(total(township.filedBySubject)).toBe(township.filed);
    expect(total(township.resolvedBySubject)).toBe(township.resolved);
    expect(total(township.satisfiedBySubject)).toBe(township.satisfied);
    expect(total(township.unsatisfiedBySubject)).toBe(township.unsatisfied);
    expect(total(township.resolvedAt)).toBe(township.resolved);
    expect(total(township.escalatedTo)).toBe(township.escalated);
    // r-21 was filed by the hotline on 7 Dec (h150) and its work started on 8 Dec (h160).
    expect(periodCounts(ledger, 'grid-g02', '2026-12-07', '2026-12-07')).toMatchObject({
      filed: 1,
      started: 0,
      filedByCategory: { general: 1 },
      filedByChannel: { hotline: 1 },
    });
    expect(periodCounts(ledger, 'grid-g02', '2026-12-08', '2026-12-08')).toMatchObject({
      started: 1,
      filedByChannel: {},
    });
  });

  test('When a timeline is folded in pieces, retried or not, then the facts are those of folding it whole', () => {
    for (const { state } of played) {
      const whole = requestFacts(state.timeline, ladder, state.submission);
      for (let cut = 0; cut <= state.timeline.length; cut += 1) {
        const first = foldFacts(startOfFacts, state.timeline.slice(0, cut), ladder, state.submission);
        const retried = foldFacts(first.cursor, state.timeline.slice(0, cut), ladder, state.submission);
        const rest = foldFacts(
          retried.cursor,
          state.timeline.slice(Math.max(cut - 1, 0)),
          ladder,
          state.submission,
        );
        expect(retried.facts).toEqual([]);
        expect([...first.facts, ...rest.facts]).toEqual(whole.facts);
        expect(rest.cursor).toEqual(whole.cursor);
      }
    }
  });

  test('When open requests are looked at on 9 Dec, then the two past their deadlines are overdue, held by the rung they reached', () => {
    const overdue = played.flatMap(({ state }) => {
      const item = overdueNow(state, requestFacts(state.timeline, ladder, state.submission).cursor, AS_OF);
      return item ? [item] : [];
    });
    // r-20: resolve due h173 lapsed, now at the village (due h221); r-26: dispatch lapsed twice, now at the township (due h224).
    // Not overdue: r-08 reopened (due h233), r-21 in progress (due h320), r-32 waiting for its return visit.
    expect(overdue).toEqual([
      {
        requestId: 'r-20',
        stage: 'resolve',
        holder: 'village-v01',
        level: 1,
        dueAt: '2026-12-10T06:00:00.000Z',
        units: chains.g02,
      },
      {
        requestId: 'r-26',
        stage: 'dispatch',
        holder: 'township-t01',
        level: 2,
        dueAt: '2026-12-10T09:00:00.000Z',
        units: chains.g03,
      },
    ]);
    const byUnit = overdueByUnit(overdue);
    expect(byUnit.get('grid-g01')).toBeUndefined();
    expect(byUnit.get('village-v01')?.map((i) => i.requestId)).toEqual(['r-20']);
    expect(byUnit.get('township-t01')?.map((i) => i.requestId)).toEqual(['r-20', 'r-26']);
  });

  test('When the villages and the grids are ranked for December, then the order follows the hand-computed scores', () => {
    const villages = rankUnits(
      ['village-v02', 'village-v01'].map((unit) => ({ unit, counts: december(unit) })),
      settings,
    );
    // v01: 100 × (0.2·13/18 + 0.35·14/17 + 0.35·13/15 + 0.1·11/17) − 0.5 × 8 lapses ≈ 76.07
    // v02: 100 × (0.2·0.7 + 0.35·0.8 + 0.35·0.875 + 0.1·0.5) − 0.5 × 5 lapses = 75.125
    expect(villages.map((v) => [v.unit, v.position])).toEqual([
      ['village-v01', 1],
      ['village-v02', 2],
    ]);
    expect(villages[0].score).toBeCloseTo(
      100 * (0.2 * (13 / 18) + 0.35 * (14 / 17) + 0.35 * (13 / 15) + 0.1 * (11 / 17)) - 4,
      5,
    );
    expect(villages[1].score).toBe(75.125);
    // g01 ≈ 78.44 − 2 = 76.44; g02 ≈ 81.87 − 2 = 79.87; g03 = 77.625 − 2.5 = 75.125.
    const grids = rankUnits(
      ['grid-g01', 'grid-g02', 'grid-g03'].map((unit) => ({ unit, counts: december(unit) })),
      settings,
    );
    expect(grids.map((g) => g.unit)).toEqual(['grid-g02', 'grid-g01', 'grid-g03']);
    expect(grids[0].score).toBeCloseTo(
      100 * (0.2 * (7 / 9) + 0.35 * (6 / 7) + 0.35 * (5 / 6) + 0.1 * (5 / 7)) - 2,
      5,
    );
  });
});

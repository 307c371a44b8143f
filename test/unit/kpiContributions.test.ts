import { requestFacts } from '../../domain/kpi/facts';
import { unitDayCounts } from '../../domain/kpi/ledger';
import { KpiContributionDoc } from '../../activities/db/kpiModel';
import { KpiTotalDoc, totalKeys } from '../../activities/db/kpiTotalsModel';
import { fullCounts, sparseCounts } from '../../activities/kpi/contributions';
import { addCounts, emptyCounts } from '../../domain/kpi/counts';
import { contributionDocs } from '../../activities/kpi/projection';
import { periodSlices, sumContributions } from '../../activities/kpi/ledger';
import { chains, ladder, play, stories } from './kpiFixture';

/**
 * The ledger's stored contributions against the recount (`unitDayCounts`), on the 33-request
 * hand-computed fixture: what the projection writes, summed as a ledger reads it, must equal it.
 */
const played = stories.map((story) => {
  const state = play(story);
  return { state: { ...state, submission: { ...state.submission, jurisdiction: chains[story.grid] } } };
});
const oracle = unitDayCounts(
  played.map(({ state }) => ({
    jurisdiction: state.submission.jurisdiction,
    facts: requestFacts(state.timeline, ladder, state.submission).facts,
  })),
);

/** What a store holds after these writes, each replacing a document only when newer (upsertIfNewer). */
function stored(writes: KpiContributionDoc[][]): KpiContributionDoc[] {
  const byId = new Map<string, KpiContributionDoc>();
  for (const doc of writes.flat())
    if ((byId.get(doc._id)?.revision ?? 0) < doc.revision) byId.set(doc._id, doc);
  return [...byId.values()];
}

/** What the projection writes per revision: the days that revision's entry touched, from the timeline up to it. */
const perRevision = (state: (typeof played)[number]['state']) =>
  state.timeline.map((entry, i) =>
    contributionDocs(state, state.timeline.slice(0, i + 1)).filter((doc) => doc.revision >= entry.revision),
  );

const whole = played.flatMap(({ state }) => contributionDocs(state, state.timeline));

describe('ledger contributions', () => {
  test('When every request’s contributions are summed per unit and day, then they equal the recount', () => {
    const byUnitDay = new Map<string, KpiContributionDoc[]>();
    for (const doc of whole)
      for (const unit of doc.units)
        byUnitDay.set(`${unit}|${doc.day}`, [...(byUnitDay.get(`${unit}|${doc.day}`) ?? []), doc]);
    const recounted = [...oracle].flatMap(([unit, days]) =>
      [...days].map(([day, counts]) => [`${unit}|${day}`, counts] as const),
    );
    expect(recounted.length).toBeGreaterThan(30);
    expect([...byUnitDay.keys()].sort()).toEqual(recounted.map(([key]) => key).sort());
    for (const [key, counts] of recounted)
      expect(sumContributions(byUnitDay.get(key)!, ladder)).toEqual(counts);
  });

  test('When a request is projected revision by revision, in order or reversed, then the store ends as one whole projection', () => {
    for (const { state } of played) {
      const writes = perRevision(state);
      const expected = contributionDocs(state, state.timeline);
      expect(stored(writes)).toEqual(expect.arrayContaining(expected));
      expect(stored(writes)).toHaveLength(expected.length);
      expect(stored([...writes].reverse())).toEqual(expect.arrayContaining(expected));
      expect(stored([...writes, ...writes])).toHaveLength(expected.length);
    }
  });

  test('When a request is reopened on a later day, then the reopening rewrites the day of the resolution it undoes', () => {
    const reopenedLater = played.find(({ state }) => {
      const resolve = state.timeline.find((e) => e.action === 'resolve');
      const reopen = state.timeline.find((e) => e.action === 'feedback_unsatisfied' || e.action === 'reopen');
      return resolve && reopen && resolve.at.slice(0, 10) !== reopen.at.slice(0, 10);
    });
    expect(reopenedLater).toBeDefined();
    const { state } = reopenedLater!;
    const reopen = state.timeline.find((e) => e.action === 'feedback_unsatisfied' || e.action === 'reopen')!;
    const rewritten = perRevision(state)[reopen.revision - 1];
    const undone = rewritten.find((doc) => doc.counts.resolutionsReopened);
    expect(undone).toBeDefined();
    expect(undone!.revision).toBe(reopen.revision);
    expect(undone!.counts.resolved).toBeGreaterThan(0);
  });

  test('When levels are stored by id, then a ledger counts them by the reading ladder’s rungs', () => {
    const docs = [
      { counts: { resolved: 2, resolvedAt: { grid: 1, township: 1 } } },
      { counts: { escalated: 1, escalatedTo: { village: 1 } } },
    ];
    const counts = sumContributions(docs, ['grid', 'village', 'township', 'committee']);
    expect(counts.resolvedAt).toEqual({ '0': 1, '2': 1 });
    expect(counts.escalatedTo).toEqual({ '1': 1 });
    expect(sumContributions(docs, ['grid', 'county']).resolvedAt).toEqual({ '0': 1, township: 1 });
  });
});

describe('ledger day totals', () => {
  test('When totals are rolled up chain by chain, a grid’s from its contributions and each unit’s from its children’s, then every unit’s day equals the recount', () => {
    const totals = new Map<string, KpiTotalDoc>();
    const add = (
      keys: Omit<KpiTotalDoc, 'revision' | 'counts'>,
      below: Pick<KpiTotalDoc, 'revision' | 'counts'>,
    ) => {
      const held = totals.get(keys._id);
      totals.set(keys._id, {
        ...keys,
        revision: (held?.revision ?? 0) + below.revision,
        counts: sparseCounts(addCounts(fullCounts(held?.counts ?? {}), fullCounts(below.counts))),
      });
    };
    for (const doc of whole) add(totalKeys(doc.units, 0, doc.day), doc);
    for (let level = 1; level < ladder.length; level++)
      for (const child of [...totals.values()].filter((t) => t.level === level - 1)) {
        const units = played.find(({ state }) => state.submission.jurisdiction[level - 1] === child.unit)!
          .state.submission.jurisdiction;
        const parent = totalKeys(units, level, child.day);
        // A child names its parent by the parent's own id: one lookup finds a chain's children.
        expect(child.parentKey).toBe(parent._id);
        add(parent, child);
      }
    const recounted = [...oracle].flatMap(([unit, days]) =>
      [...days].map(([day, counts]) => [`${unit}|${day}`, counts] as const),
    );
    expect(
      Object.fromEntries([...totals.values()].map((t) => [t.dayKey, sumContributions([t], ladder)])),
    ).toEqual(Object.fromEntries(recounted));
    // The top's revision is the sum of every contribution's beneath it, what a newer sum is told by.
    const top = [...totals.values()].filter((t) => t.level === ladder.length - 1);
    expect(top.reduce((n, t) => n + t.revision, 0)).toBe(whole.reduce((n, doc) => n + doc.revision, 0));
  });

  test('When filings are summed, then their categories and channels keep their names, only levels become rungs', () => {
    const counts = sumContributions(
      [
        { counts: { filed: 1, filedByCategory: { township: 1 }, filedByChannel: { web: 1 } } },
        { counts: { filed: 1, filedByCategory: { roads: 1 }, filedByChannel: { web: 1 } } },
      ],
      ladder,
    );
    expect(counts).toEqual({
      ...emptyCounts(),
      filed: 2,
      filedByCategory: { township: 1, roads: 1 },
      filedByChannel: { web: 2 },
    });
  });
});

describe('ledger contributions of old entries', () => {
  test('When a resolution was recorded without its level, then it still counts, under no level', () => {
    const { state } = played[0];
    const timeline = state.timeline.map(({ level: _level, ...entry }) => entry);
    const docs = contributionDocs(state, timeline);
    const resolved = docs.find((doc) => doc.counts.resolved)!;
    expect(resolved.counts.resolvedAt).toEqual({ '': resolved.counts.resolved });
  });
});

describe('ledger periods', () => {
  test('When a period covers whole months, then each is read by its month, a week or less of one day by day, more by its month', () => {
    expect(periodSlices('2026-11-29', '2027-02-28')).toEqual([
      { day: '2026-11-29' },
      { day: '2026-11-30' },
      { month: '2026-12' },
      { month: '2027-01' },
      { month: '2027-02' },
    ]);
    expect(periodSlices('2026-11-01', '2026-11-28')).toEqual([
      { month: '2026-11', from: '2026-11-01', to: '2026-11-28' },
    ]);
    expect(periodSlices('2026-11-20', '2026-12-03')).toEqual([
      { month: '2026-11', from: '2026-11-20', to: '2026-11-30' },
      { day: '2026-12-01' },
      { day: '2026-12-02' },
      { day: '2026-12-03' },
    ]);
    expect(periodSlices('2026-12-03', '2026-12-03')).toEqual([{ day: '2026-12-03' }]);
    expect(periodSlices('2026-12-04', '2026-12-03')).toEqual([]);
  });
});

import { emptyCounts, KpiCounts } from '../../domain/kpi/counts';
import { compositeScore, rankUnits } from '../../domain/kpi/ranking';
import { gridShare, kpiRates, resolutionRate, responseRate, satisfactionRate } from '../../domain/kpi/rates';
import { defaultKpiSettings, kpiSettings } from '../../domain/kpi/settings';
import { parsePolicy } from '../../domain/policy/policy';
import { defaultPolicy } from '../support/fixtures';

const counts = (fields: Partial<KpiCounts>): KpiCounts => ({ ...emptyCounts(), ...fields });
const settings = {
  weights: { response: 0.2, resolution: 0.35, satisfaction: 0.35, gridShare: 0.1 },
  penaltyPerLapse: 0.5,
};

describe('the three rates and the grid share', () => {
  test('When nothing was counted, then every rate is null, not 0 or NaN', () => {
    expect(kpiRates(emptyCounts())).toEqual({
      response: null,
      resolution: null,
      satisfaction: null,
      gridShare: null,
    });
  });

  test('When every resolution was reopened, then the resolution rate is 0 and the grid share still counts them', () => {
    const c = counts({ resolved: 2, resolutionsReopened: 2, resolvedAt: { '0': 1, '2': 1 } });
    expect(resolutionRate(c)).toBe(0);
    expect(gridShare(c)).toBe(0.5);
  });

  test('When return visits went unanswered, then they are in neither term of the satisfaction rate', () => {
    expect(satisfactionRate(counts({ satisfied: 3, unsatisfied: 1, noFeedback: 10 }))).toBe(0.75);
    expect(satisfactionRate(counts({ noFeedback: 4 }))).toBeNull();
  });

  test('When a merged group of three answered satisfied, satisfied and unsatisfied, then each answer is in the rate', () => {
    expect(satisfactionRate(counts({ satisfied: 2, unsatisfied: 1, answersLeavingOpen: 2 }))).toBeCloseTo(
      2 / 3,
    );
  });

  test('When nothing was resolved at the grid, then the grid share is 0; when nothing was resolved, null', () => {
    expect(gridShare(counts({ resolved: 3, resolvedAt: { '1': 3 } }))).toBe(0);
    expect(gridShare(counts({ resolvedAt: {} }))).toBeNull();
  });

  test('When responses were judged, then the response rate is the share on time', () => {
    expect(responseRate(counts({ responsesDue: 4, respondedOnTime: 3 }))).toBe(0.75);
    expect(responseRate(counts({ dispatched: 5, accepted: 0 }))).toBeNull();
  });
});

describe('the composite score', () => {
  test('When a rate is null, then the others are weighed alone, scaled back to 100', () => {
    // Response 1, resolution 0.5, no visits answered: (0.2·1 + 0.35·0.5 + 0.1·1) / 0.65.
    const rates = { response: 1, resolution: 0.5, satisfaction: null, gridShare: 1 };
    expect(compositeScore(rates, 0, settings)).toBeCloseTo((100 * 0.475) / 0.65, 5);
  });

  test('When deadlines lapsed, then each costs its points, below zero if need be', () => {
    const rates = { response: 0, resolution: 0, satisfaction: 0, gridShare: 0 };
    expect(compositeScore(rates, 3, settings)).toBe(-1.5);
  });

  test('When no rate is defined, then there is no score, whatever lapsed', () => {
    const rates = { response: null, resolution: null, satisfaction: null, gridShare: null };
    expect(compositeScore(rates, 4, settings)).toBeNull();
  });
});

describe('the ranking of one level', () => {
  // 1 of 3 and 2 of 6 resolved: the same score reached by different sums.
  const third = (filed: number, resolved: number) =>
    counts({ filed, resolved, resolutionsReopened: (resolved * 2) / 3, resolvedAt: { '0': resolved } });

  test('When scores tie, then more requests filed ranks first, then the unit id, whatever the input order', () => {
    const units = [
      { unit: 'village-v03', counts: third(5, 3) },
      { unit: 'village-v02', counts: third(9, 6) },
      { unit: 'village-v01', counts: third(5, 3) },
      { unit: 'village-v04', counts: counts({ filed: 1, resolved: 1, resolvedAt: { '0': 1 } }) },
    ];
    const expected = [
      ['village-v04', 1],
      ['village-v02', 2],
      ['village-v01', 3],
      ['village-v03', 4],
    ];
    expect(rankUnits(units, settings).map((u) => [u.unit, u.position])).toEqual(expected);
    expect(rankUnits([...units].reverse(), settings).map((u) => [u.unit, u.position])).toEqual(expected);
    // (0.35·1/3 + 0.1·1) / 0.45: resolution and grid share only.
    expect(rankUnits(units, settings)[1].score).toBe(
      Math.round(((100 * (0.35 / 3 + 0.1)) / 0.45) * 1e6) / 1e6,
    );
  });

  test('When a unit had nothing to count, then it is listed last, unranked, even if lapses fell on it', () => {
    const ranked = rankUnits(
      [
        { unit: 'grid-g02', counts: counts({ filed: 2, lapsed: 1 }) },
        { unit: 'grid-g01', counts: emptyCounts() },
        { unit: 'grid-g03', counts: counts({ filed: 1, responsesDue: 1 }) },
      ],
      settings,
    );
    expect(ranked.map((u) => [u.unit, u.position, u.score])).toEqual([
      ['grid-g03', 1, 0],
      ['grid-g01', null, null],
      ['grid-g02', null, null],
    ]);
  });
});

describe('the kpi section of the policy', () => {
  test('When the default policy is read, then its weights sum to 1 and are the defaults', () => {
    const policy = defaultPolicy();
    expect(kpiSettings(policy)).toEqual(defaultKpiSettings);
    const { weights } = kpiSettings(policy);
    expect(weights.response + weights.resolution + weights.satisfaction + weights.gridShare).toBeCloseTo(
      1,
      12,
    );
  });

  test('When a policy has no kpi section, then the defaults apply; when its weights do not sum to 1, it is refused', () => {
    const { kpi: _kpi, ...without } = defaultPolicy();
    expect(kpiSettings(parsePolicy(without))).toEqual(defaultKpiSettings);
    const weights = { response: 0.5, resolution: 0.5, satisfaction: 0.5, gridShare: 0 };
    expect(() => parsePolicy({ ...without, kpi: { weights } })).toThrow(
      'policy: kpi.weights the weights must sum to 1',
    );
  });
});

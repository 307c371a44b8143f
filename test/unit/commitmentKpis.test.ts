import { CommitmentFacts, commitmentKpis } from '../../domain/kpi/commitments';
import { Assessment } from '../../domain/commitments/state';
import { defaultPolicy } from '../support/fixtures';

const policy = defaultPolicy();
/** Beijing days as instants: midnight there is 16:00 UTC the day before. */
const beijing = (day: string, time = '00:00') => new Date(`${day}T${time}:00+08:00`).toISOString();
/** November 2026 in Beijing. */
const november = {
  start: Date.parse(beijing('2026-11-01')),
  end: Date.parse(beijing('2026-12-01')),
  fromDay: '2026-11-01',
  toDay: '2026-11-30',
};
const now = Date.parse(beijing('2026-11-20', '12:00'));

const plan = (overrides: Partial<CommitmentFacts> = {}): CommitmentFacts => ({
  submission: { termYears: 3 },
  startsAt: beijing('2025-11-10'),
  endsAt: beijing('2028-11-10'),
  letters: [],
  visits: [],
  problems: [],
  funds: [],
  assessments: [],
  ...overrides,
});
const assessment = (computedAt: string, score: number, rating: Assessment['rating']): Assessment => ({
  year: 1,
  final: false,
  computedAt,
  score,
  rating,
  figures: { problemsHandled: 0, problemsSolved: 0, fundsYuan: 0 },
  reasons: [],
});
const fund = (date: string, year: number, amountYuan: number) => ({
  id: `f-${date}-${amountYuan}`,
  amountYuan,
  source: 's',
  date,
  year,
  recordedBy: 'cadre-1',
});

describe('a unit’s commitment figures', () => {
  test('When letters fall due in the period, then those due later are left out unless signed, and the rate is on time over due', () => {
    const figures = commitmentKpis(
      [
        plan({
          letters: [
            // Year 1 fell due before the period: not counted.
            { year: 1, dueAt: beijing('2025-12-10'), signedAt: beijing('2025-12-01'), targets: [] },
            { year: 2, dueAt: beijing('2026-11-10'), signedAt: beijing('2026-11-09'), targets: [] },
          ],
        }),
        plan({
          letters: [{ year: 2, dueAt: beijing('2026-11-12'), signedAt: beijing('2026-11-13'), targets: [] }],
        }),
        plan({ letters: [{ year: 2, dueAt: beijing('2026-11-15'), targets: [] }] }),
        // Due after now, unsigned: not yet due. Signed early: counted, on time.
        plan({ letters: [{ year: 2, dueAt: beijing('2026-11-25'), targets: [] }] }),
        plan({
          letters: [{ year: 2, dueAt: beijing('2026-11-26'), signedAt: beijing('2026-11-19'), targets: [] }],
        }),
      ],
      november,
      now,
      policy,
    );
    expect(figures.letters).toEqual({ due: 4, signedOnTime: 2, signedLate: 1, unsigned: 1, rate: 0.5 });
    expect(figures.commitments).toBe(5);
  });

  test('When commitments ended, closed or start outside the period, then they and their records are left out', () => {
    const visit = { at: beijing('2026-11-05'), by: 'cadre-1', year: 1, note: 'v' };
    const figures = commitmentKpis(
      [
        plan({ visits: [visit] }),
        plan({ startsAt: beijing('2023-10-01'), endsAt: beijing('2026-10-01'), visits: [visit] }),
        plan({ closedAt: beijing('2026-10-31', '23:59'), visits: [visit] }),
        plan({ startsAt: beijing('2026-12-01'), endsAt: beijing('2029-12-01') }),
        // Closed within the period: its records still count.
        plan({ closedAt: beijing('2026-11-01'), visits: [visit, { ...visit, at: beijing('2026-10-31') }] }),
      ],
      november,
      now,
      policy,
    );
    expect(figures.commitments).toBe(2);
    expect(figures.visits.kept).toBe(2);
  });

  test('When funds are recorded, then the period’s sum is by date and the target is the running plan year’s, in whole fen', () => {
    const figures = commitmentKpis(
      [
        // Plan year 2 runs from 2026-11-10: its target ¥1,000,000, ¥0.10 + ¥0.20 + ¥300,000 toward it.
        plan({
          letters: [
            { year: 1, dueAt: beijing('2025-12-10'), targets: [], fundsTargetYuan: 50 },
            { year: 2, dueAt: beijing('2026-12-10'), targets: [], fundsTargetYuan: 1_000_000 },
          ],
          funds: [
            fund('2026-11-05', 1, 999),
            fund('2026-11-11', 2, 0.1),
            fund('2026-11-12', 2, 0.2),
            fund('2026-11-30', 2, 300_000),
            fund('2026-12-01', 2, 7),
          ],
        }),
        // No target: its funds count in the period's sum only.
        plan({ funds: [fund('2026-11-02', 1, 5)] }),
      ],
      november,
      now,
      policy,
    );
    expect(figures.funds).toEqual({
      securedYuan: 301_004.3,
      targetYuan: 1_000_000,
      towardTargetYuan: 300_000.3,
      rate: 0.3000003,
    });
  });

  test('When problems are opened and solved and years assessed, then each counts in the period it happened', () => {
    const problem = (openedAt: string, status: 'open' | 'resolved', resolvedAt?: string) => ({
      id: openedAt,
      title: 't',
      area: 'funds',
      year: 1,
      openedAt,
      openedBy: 'cadre-1',
      status,
      level: 0,
      notes: [],
      resolvedAt,
    });
    const figures = commitmentKpis(
      [
        plan({
          problems: [
            problem(beijing('2026-10-20'), 'resolved', beijing('2026-11-03')),
            problem(beijing('2026-11-04'), 'open'),
            problem(beijing('2026-11-05'), 'resolved', beijing('2026-12-01')),
          ],
          assessments: [
            assessment(beijing('2026-11-10'), 81, 'good'),
            assessment(beijing('2025-11-10'), 40, 'poor'),
          ],
        }),
        plan({ assessments: [assessment(beijing('2026-11-30', '23:59'), 92, 'excellent')] }),
      ],
      november,
      now,
      policy,
    );
    expect(figures.problems).toEqual({ opened: 2, solved: 1 });
    expect(figures.assessments).toEqual({
      count: 2,
      byRating: { excellent: 1, good: 1, fair: 0, poor: 0 },
      meanScore: 86.5,
    });
  });

  test('When nothing was there to count, then the rates and the mean score are null, never 0', () => {
    const figures = commitmentKpis([], november, now, policy);
    expect(figures.letters.rate).toBeNull();
    expect(figures.funds.rate).toBeNull();
    expect(figures.assessments.meanScore).toBeNull();
  });
});

import { Registry } from 'prom-client';
import { CaseCount } from '../../api/metrics/caseCounts';
import { caseGauges } from '../../api/metrics/caseGauges';

const submitted = (open: number): CaseCount => ({
  kind: 'request',
  state: 'submitted',
  level: 'grid',
  open,
  overdue: 1,
});

async function gauge(registry: Registry, name: string) {
  return (await registry.getSingleMetric(name)!.get()).values;
}

describe('open and overdue case gauges', () => {
  test('When scraped twice within the maximum age, then the store is counted once and both scrapes show the same counts', async () => {
    const registry = new Registry();
    let counted = 0;
    caseGauges(registry, async () => [submitted(++counted)], { maxAgeMs: 60_000, waitMs: 1_000 });
    await registry.metrics();
    await registry.metrics();
    expect(counted).toBe(1);
    expect(await gauge(registry, 'lianxin_open_cases')).toEqual([
      { labels: { kind: 'request', state: 'submitted', level: 'grid' }, value: 1 },
    ]);
    expect(await gauge(registry, 'lianxin_overdue_cases')).toEqual([
      { labels: { kind: 'request', state: 'submitted', level: 'grid' }, value: 1 },
    ]);
  });

  test('When a recount takes longer than a scrape may wait, then the scrape answers in time with the last counts and their age', async () => {
    const registry = new Registry();
    let calls = 0;
    const count = () =>
      ++calls === 1 ? Promise.resolve([submitted(5)]) : new Promise<CaseCount[]>(() => undefined);
    caseGauges(registry, count, { maxAgeMs: 0, waitMs: 50 });
    await registry.metrics();
    const started = Date.now();
    const text = await registry.metrics();
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(text).toContain('lianxin_open_cases{kind="request",state="submitted",level="grid"} 5');
    expect(text).toMatch(/lianxin_case_counts_age_seconds \d/);
  });
});

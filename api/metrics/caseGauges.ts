import { Gauge, Registry } from 'prom-client';
import { CaseCount } from './caseCounts';

export interface CaseGaugeOptions {
  /** Counts younger than this, or than ten times their recount took, are served again rather than recounted */
  maxAgeMs: number;
  /** A scrape waits this long for a recount, then serves the last counts (their age says how old) */
  waitMs: number;
}

/**
 * Open and overdue cases as gauges, counted when scraped and kept for `maxAgeMs`: Prometheus and a
 * dashboard's refreshes scrape far more often than the counts change, and every recount costs the
 * store a pass over the open cases (counted in PostgreSQL: 0.26–0.45 s for 30,000; read through
 * FerretDB elsewhere: 11–13 s). Recounting at most every ten recounts' time keeps that under a
 * tenth of the store's time however many cases are open. A store that is down or slow delays no scrape past `waitMs`.
 */
export function caseGauges(
  registry: Registry,
  count: () => Promise<CaseCount[]>,
  { maxAgeMs, waitMs }: CaseGaugeOptions,
): void {
  let last: { at: number; tookMs: number; counts: CaseCount[] } | undefined;
  let recount: Promise<void> | undefined;
  const start = () => {
    const started = Date.now();
    recount ??= count()
      .then((counts) => void (last = { at: Date.now(), tookMs: Date.now() - started, counts }))
      .catch(() => undefined) // the age gauge shows the counts going stale
      .finally(() => (recount = undefined));
    return recount;
  };
  const current = async (): Promise<typeof last> => {
    if (!last || Date.now() - last.at >= Math.max(maxAgeMs, 10 * last.tookMs)) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([start(), new Promise((resolve) => (timer = setTimeout(resolve, waitMs)))]);
      clearTimeout(timer);
    }
    return last;
  };
  const labelNames = ['kind', 'state', 'level'] as const;
  const fill = (
    gauge: Gauge<(typeof labelNames)[number]>,
    counts: CaseCount[] | undefined,
    pick: (c: CaseCount) => number,
  ) => {
    gauge.reset();
    for (const c of counts ?? []) gauge.set({ kind: c.kind, state: c.state, level: c.level }, pick(c));
  };
  new Gauge({
    name: 'lianxin_open_cases',
    help: 'Cases not yet final, by kind (request, enterprise, pairing, pledge), state and level, from the read models',
    labelNames,
    registers: [registry],
    async collect() {
      fill(this, (await current())?.counts, (c) => c.open);
    },
  });
  new Gauge({
    name: 'lianxin_overdue_cases',
    help: 'Open cases whose current deadline has passed, by kind, state and level: a breach the worker has not yet escalated',
    labelNames,
    registers: [registry],
    async collect() {
      fill(this, (await current())?.counts, (c) => c.overdue);
    },
  });
  new Gauge({
    name: 'lianxin_case_counts_age_seconds',
    help: 'Age of the open and overdue counts served',
    registers: [registry],
    async collect() {
      const counts = await current();
      this.set(counts ? (Date.now() - counts.at) / 1000 : NaN);
    },
  });
  new Gauge({
    name: 'lianxin_case_counts_duration_seconds',
    help: 'How long the last recount of open and overdue cases took',
    registers: [registry],
    async collect() {
      const counts = await current();
      if (counts) this.set(counts.tookMs / 1000);
    },
  });
}

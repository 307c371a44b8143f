import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { KpiContributionDoc, ledgerKeys } from '../../activities/db/kpiModel';
import { KpiTotalDoc, totalKeys } from '../../activities/db/kpiTotalsModel';
import { readLedger, sumContributions } from '../../activities/kpi/ledger';
import { markChanged } from '../../activities/kpi/totals';
import { createLogger } from '../../common/log';
import { refreshLedgerTotals } from '../../worker/ledgerTotals';
import { emptyCounts, statusCounts } from '../../domain/kpi/counts';
import { requestFacts } from '../../domain/kpi/facts';
import { periodCounts, unitDayCounts, UnitDayCounts } from '../../domain/kpi/ledger';
import { kpiRates } from '../../domain/kpi/rates';
import { CitizenRequestState } from '../../domain/requests/state';
import { reconcileReadModels, ReconcileOptions } from '../../reconcile/reconciler';
import { allCases, readCases } from '../../reconcile/truth';
import { bundleWorkflows } from '../../worker/bundle';
import { actors, repoRoot } from '../support/fixtures';
import { useE2eSystem } from '../support/e2eSystem';
import { eventually } from '../support/eventually';

/**
 * The ledger's per-request, per-day contributions and per-unit day totals on the real dev server
 * and FerretDB over PostgreSQL, against the recount of every case's whole timeline as Temporal
 * holds it; then deleted, altered and emptied, and restored by reconciliation. On the short policy an emergency
 * escalates within seconds; the other deadlines are an hour away, so nothing else moves unasked.
 * Every step lands on the same Beijing day: a reopening counting against an earlier day is covered
 * by the unit tests (test/unit/kpiContributions.test.ts), as the dev server's clock cannot be moved.
 */
const policyFile = join(repoRoot, 'test', 'e2e', 'policy.short.json');
const e2e = useE2eSystem(policyFile);
const { http } = e2e;
const ladder: string[] = JSON.parse(readFileSync(policyFile, 'utf8')).ladder.map((l: { id: string }) => l.id);
let workflowCode: WorkflowBundleWithSourceMap;

beforeAll(async () => {
  workflowCode = await bundleWorkflows();
}, 60_000);

const sources = () => ({
  temporal: e2e.system.temporal,
  archiveDir: e2e.system.archiveDir,
  keys: e2e.system.keys,
});
const reconcile = (options: ReconcileOptions = {}) =>
  reconcileReadModels(
    { models: e2e.system.models, sources: sources(), workflowCode: async () => workflowCode },
    options,
  );

async function file(category: 'general' | 'emergency'): Promise<string> {
  const created = await http.post(
    '/requests',
    {
      channel: 'hotline',
      category,
      title: `ledger ${category}`,
      description: 'kpi aggregates test',
      requester: { id: 'resident-1', name: '张三', phone: '13800000000' },
      gridId: 'g01',
    },
    actors.resident,
  );
  expect(created.status).toBe(201);
  return created.body.id;
}

async function act(
  id: string,
  action: string,
  body: unknown,
  actor: { id: string; role: string; unit: string },
) {
  const res = await http.post(`/requests/${id}/${action}`, body, actor);
  if (res.status >= 300) throw new Error(`${action}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { status: string };
}

/** Every request as Temporal holds it now, refolded as reconciliation does. */
async function truths(): Promise<CitizenRequestState[]> {
  const states: CitizenRequestState[] = [];
  for await (const reading of readCases(sources(), workflowCode, allCases(sources())))
    if ('truth' in reading && reading.truth.readModel === 'request') states.push(reading.truth.state);
  return states;
}

const recount = (states: CitizenRequestState[]): UnitDayCounts =>
  unitDayCounts(
    states.map((state) => ({
      jurisdiction: state.submission.jurisdiction,
      facts: requestFacts(state.timeline, ladder, state.submission).facts,
    })),
  );

const storedDocs = async () =>
  JSON.parse(
    JSON.stringify(
      await e2e.system.models.KpiContribution.find({}).sort({ _id: 1 }).lean<KpiContributionDoc[]>(),
    ),
  ) as KpiContributionDoc[];

/** The stored contributions summed per unit and day, as the recount keys them. */
function summed(docs: KpiContributionDoc[]) {
  const byUnitDay = new Map<string, KpiContributionDoc[]>();
  for (const doc of docs)
    for (const unit of new Set(doc.units)) {
      const key = `${unit}|${doc.day}`;
      byUnitDay.set(key, [...(byUnitDay.get(key) ?? []), doc]);
    }
  return Object.fromEntries([...byUnitDay].map(([key, group]) => [key, sumContributions(group, ladder)]));
}

/** The stored day totals, per unit and day as the recount keys them (one chain per unit here). */
async function storedTotals() {
  const totals = await e2e.system.models.KpiTotal.find({}).lean<KpiTotalDoc[]>();
  return Object.fromEntries(totals.map((doc) => [doc.dayKey, sumContributions([doc], ladder)]));
}

const flat = (ledger: UnitDayCounts) =>
  Object.fromEntries(
    [...ledger].flatMap(([unit, days]) => [...days].map(([day, c]) => [`${unit}|${day}`, c])),
  );

/** Waits until a request's timeline holds an action the system takes by itself. */
async function recorded(id: string, action: string): Promise<void> {
  await eventually(
    async () => {
      const history = await http.get(`/requests/${id}/history`);
      expect(history.body.entries.map((e: { action: string }) => e.action)).toContain(action);
    },
    { timeoutMs: 30_000 },
  );
}

let ids: Record<string, string>;
let before: KpiContributionDoc[];
let oracle: UnitDayCounts;
let jurisdiction: string[];
let period: { from: string; to: string };
const county = () => ({ level: jurisdiction.length - 1, unit: jurisdiction.at(-1)!, ...period });

/** Waits until the stored contributions equal the recount of every case, and returns the recount. */
const settle = () =>
  eventually(
    async () => {
      const recounted = recount(await truths());
      expect(summed(await storedDocs())).toEqual(flat(recounted));
      return recounted;
    },
    { timeoutMs: 60_000, intervalMs: 1_000 },
  );

describe('KPI aggregates', () => {
  test('When requests are returned, escalated, reopened, withdrawn and closed, then the stored aggregates equal the recount of their timelines', async () => {
    ids = {
      closed: await file('general'),
      returned: await file('general'),
      escalated: await file('emergency'),
      withdrawn: await file('general'),
    };
    await act(ids.closed, 'dispatch', { assignee: 'member-1' }, actors.secretary);
    await act(ids.closed, 'accept', {}, actors.member);
    await act(ids.closed, 'resolve', { note: 'fixed' }, actors.member);
    await act(ids.closed, 'feedback', { satisfied: true }, actors.resident);

    await act(ids.returned, 'dispatch', { assignee: 'member-1' }, actors.secretary);
    await act(ids.returned, 'return', { reason: 'wrong grid' }, actors.member);
    await act(ids.returned, 'dispatch', { assignee: 'member-2' }, actors.secretary);
    await act(ids.returned, 'accept', {}, actors.otherMember);
    await act(ids.returned, 'resolve', { note: 'first try' }, actors.otherMember);
    await act(ids.returned, 'feedback', { satisfied: false, note: 'still broken' }, actors.resident);
    await act(ids.returned, 'resolve', { note: 'second try' }, actors.otherMember);

    await act(ids.withdrawn, 'withdraw', { reason: 'solved myself' }, actors.resident);

    await recorded(ids.escalated, 'escalate_on_breach');
    await act(ids.escalated, 'withdraw', { reason: 'no longer needed' }, actors.resident);
    // The second resolution's return visit goes unanswered: the last step any of them takes.
    await recorded(ids.returned, 'close_no_feedback');

    const settled = await settle();
    jurisdiction = (await truths())[0].submission.jurisdiction;
    const days = [...settled.get(jurisdiction[0])!.keys()].sort();
    period = { from: days[0], to: days.at(-1)! };
    for (const [level, unit] of jurisdiction.entries()) {
      // Each read sums the marked days again, bottom-up to its own level, before reading its totals.
      const ledger = await readLedger(e2e.system.models, ladder, { level, unit, ...period });
      const expected = periodCounts(settled, unit, period.from, period.to);
      expect(ledger.counts).toEqual(expected);
      expect(ledger.rates).toEqual(kpiRates(expected));
      expect(ledger.byStatus).toEqual(statusCounts(expected));
    }
    expect(await storedTotals()).toEqual(flat(settled));
    expect(await e2e.system.models.KpiMark.countDocuments()).toBe(0);
    // Nothing changed since: a read sums the unit's day totals alone, one a day.
    expect(await readLedger(e2e.system.models, ladder, county())).toMatchObject({
      read: days.length,
      recomputed: 0,
      counts: periodCounts(settled, jurisdiction.at(-1)!, period.from, period.to),
    });
    // The same as part of its month, read by month and kept to the period, and as the whole month.
    const month = period.from.slice(0, 7);
    for (const [from, to] of [
      [`${month}-01`, period.to],
      [`${month}-01`, `${month}-31`],
    ]) {
      const ledger = await readLedger(e2e.system.models, ladder, {
        level: 0,
        unit: jurisdiction[0],
        from,
        to,
      });
      expect(ledger.counts).toEqual(periodCounts(settled, jurisdiction[0], from, to));
    }
    const village = periodCounts(settled, jurisdiction[1], period.from, period.to);
    expect(statusCounts(village)).toMatchObject({ submitted: 4, withdrawn: 2, reopened: 1 });
    expect(village.filedByChannel).toEqual({ hotline: 4 });
    expect(village.filedByCategory).toEqual({ general: 3, emergency: 1 });
    expect(village).toMatchObject({
      filed: 4,
      returned: 1,
      withdrawn: 2,
      resolutionsReopened: 1,
      satisfied: 1,
    });
    expect(village.escalated).toBeGreaterThanOrEqual(1);
  }, 180_000);

  test('When a case changes after a read, then the next read equals the recount, summing again only the days it changed', async () => {
    const clean = await readLedger(e2e.system.models, ladder, county());
    expect(clean.recomputed).toBe(0);
    ids.late = await file('general');
    await act(ids.late, 'dispatch', { assignee: 'member-1' }, actors.secretary);
    oracle = await settle();

    const changed = await readLedger(e2e.system.models, ladder, county());
    expect(changed.counts).toEqual(periodCounts(oracle, county().unit, period.from, period.to));
    expect(changed.counts.filed).toBe(clean.counts.filed + 1);
    expect(changed.counts.dispatched).toBe(clean.counts.dispatched + 1);
    // One day changed, in one chain: its total at each level of the jurisdiction.
    expect(changed.recomputed).toBe(jurisdiction.length);
    expect(await storedTotals()).toEqual(flat(oracle));
    expect(await readLedger(e2e.system.models, ladder, county())).toMatchObject({
      recomputed: 0,
      counts: changed.counts,
    });
    before = await storedDocs();
  }, 120_000);

  test('When the worker sums marked days in the background, then the next read finds them fresh', async () => {
    const background = refreshLedgerTotals(e2e.system.models, createLogger({ level: 'silent' }), 200);
    try {
      ids.background = await file('general');
      oracle = await settle();
      await eventually(async () => expect(await e2e.system.models.KpiMark.countDocuments()).toBe(0), {
        timeoutMs: 30_000,
      });
    } finally {
      await background.stop();
    }
    expect(await storedTotals()).toEqual(flat(oracle));
    expect(await readLedger(e2e.system.models, ladder, county())).toMatchObject({
      recomputed: 0,
      read: 1,
      counts: periodCounts(oracle, county().unit, period.from, period.to),
    });
    before = await storedDocs();
  }, 120_000);

  test('When contributions are deleted, altered and added, then a reconciliation restores them and the totals', async () => {
    const { KpiContribution, KpiMark } = e2e.system.models;
    const [deleted, altered] = before;
    await KpiContribution.deleteOne({ _id: deleted._id });
    await KpiContribution.updateOne({ _id: altered._id }, { $set: { 'counts.filed': 99 } });
    const stray = {
      ...before[2],
      _id: `${before[2].requestId}|2020-01-01`,
      day: '2020-01-01',
      ...ledgerKeys(before[2].units, '2020-01-01'),
    };
    await KpiContribution.create(stray);
    // As if a projection had written it: marked, and summed by the next read.
    await markChanged(KpiMark, [stray]);
    const strayDay = { ...county(), from: '2020-01-01', to: '2020-01-01' };
    const counted = await readLedger(e2e.system.models, ladder, strayDay);
    expect(counted.counts).toEqual(sumContributions([stray], ladder));

    const summary = await reconcile();
    expect(summary).toMatchObject({ failed: 0, unread: 0 });
    expect(summary.documents).toEqual(expect.objectContaining({ kpi_contributions: 3 }));
    expect(summary.totalsRefreshed).toBeGreaterThan(0);
    expect(await storedDocs()).toEqual(before);
    expect((await readLedger(e2e.system.models, ladder, strayDay)).counts).toEqual(emptyCounts());
    expect(await storedTotals()).toEqual(flat(oracle));
    expect((await reconcile()).documents).toEqual({});
  }, 120_000);

  test('When the read models are rebuilt, then the contributions and the totals are recomputed as they were', async () => {
    const summary = await reconcile({ rebuild: true });
    expect(summary).toMatchObject({ failed: 0, unread: 0 });
    expect(summary.totalsRefreshed).toBeGreaterThan(0);
    expect(await storedDocs()).toEqual(before);
    expect(await storedTotals()).toEqual(flat(oracle));
    expect(await readLedger(e2e.system.models, ladder, county())).toMatchObject({
      recomputed: 0,
      counts: periodCounts(oracle, county().unit, period.from, period.to),
    });
  }, 120_000);

  test('When a ledger slice is looked up, then PostgreSQL finds it through the GIN indexes', async () => {
    const { KpiContribution } = e2e.system.models;
    // PostgreSQL scans a table this small whatever its indexes: give it a county's worth of other units.
    const others = Array.from({ length: 3_000 }, (_, i) => ({
      ...before[0],
      _id: `synthetic-${i}|${before[0].day}`,
      requestId: `synthetic-${i}`,
      ...ledgerKeys([`grid-x${i % 300}`, `village-x${i % 30}`], before[0].day),
    }));
    await KpiContribution.insertMany(others, { lean: true });
    for (const filter of [
      { dayKey1: before[0].dayKey1 },
      { monthKey0: before[0].monthKey0 },
      { requestId: before[0].requestId },
    ]) {
      const plan = JSON.stringify(
        (await KpiContribution.db.db!.command({ explain: { find: 'kpi_contributions', filter } }))
          .queryPlanner,
      );
      expect(plan).not.toContain('"Seq Scan"');
      const indexes = [...plan.matchAll(/"Index Name":"([^"]+)"/g)].map((m) => m[1]);
      expect(indexes.length).toBeGreaterThan(0);
      expect(indexes.every((name) => name.startsWith('lianxin_gin_'))).toBe(true);
    }
  }, 60_000);

  test('When a unit’s totals, a chain’s children or a unit’s marks are looked up, then PostgreSQL finds them through the GIN indexes', async () => {
    const { KpiTotal, KpiMark } = e2e.system.models;
    const day = before[0].day;
    const grids = Array.from({ length: 3_000 }, (_, i) => [
      `grid-x${i}`,
      `village-x${i % 300}`,
      'township-x',
    ]);
    await KpiTotal.insertMany(
      grids.map((units) => ({ ...totalKeys(units, 0, day), revision: 1, counts: { filed: 1 } })),
      { lean: true },
    );
    await KpiMark.insertMany(
      grids.map((units, i) => {
        const { dayKey, monthKey } = totalKeys(units, 0, day);
        return { _id: `synthetic-${i}|${day}|1|0`, units, level: 0, day, dayKey, monthKey };
      }),
      { lean: true },
    );
    const total = totalKeys(grids[0], 0, day);
    for (const [collection, filter] of [
      ['kpi_totals', { monthKey: total.monthKey }],
      ['kpi_totals', { dayKey: total.dayKey }],
      ['kpi_totals', { parentKey: total.parentKey }],
      ['kpi_marks', { monthKey: total.monthKey }],
      ['kpi_marks', { dayKey: total.dayKey }],
    ] as const) {
      const plan = JSON.stringify(
        (await KpiTotal.db.db!.command({ explain: { find: collection, filter } })).queryPlanner,
      );
      expect(plan).not.toContain('"Seq Scan"');
      const indexes = [...plan.matchAll(/"Index Name":"([^"]+)"/g)].map((m) => m[1]);
      expect(indexes.length).toBeGreaterThan(0);
    }
  }, 60_000);
});

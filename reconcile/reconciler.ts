import type { WorkflowBundleOption } from '@temporalio/worker';
import { Models } from '../activities/db/models';
import { recomputeAllTotals, refreshAll } from '../activities/kpi/totals';
import { HistorySources } from '../audit/source';
import { caseRepairer, driftedDocs, ReadModelName, readModelCollections } from './caseRepair';
import { collection } from './collection';
import { raiseLowCounts, SliceTally } from './sliceCounts';
import { allCases, CaseReading, CaseSource, readCases } from './truth';

export interface ReconcileOptions {
  /** Empty the read models first and write every case again: counts come out exact. Lists are incomplete until it ends. */
  rebuild?: boolean;
  /** Cases checked and repaired at once (each a few reads; the store's pool bounds it too). */
  concurrency?: number;
  /** Histories fetched ahead of the replay. */
  prefetch?: number;
  /** Called after each case, e.g. to heartbeat. */
  onCase?(progress: ReconcileSummary): void;
  /** Stops the run between cases (an activity's cancellation). */
  signal?: AbortSignal;
  /** The cases to read; every case in Temporal and the archive unless given. */
  cases?: AsyncIterable<CaseSource>;
}

export interface KindTally {
  checked: number;
  drifted: number;
  repaired: number;
  failed: number;
}

export interface ReconcileSummary {
  mode: 'reconcile' | 'rebuild';
  checked: number;
  drifted: number;
  repaired: number;
  /** Cases whose repair or rebuild failed; they are tried again on the next run. */
  failed: number;
  /** Cases whose truth could not be read (history gone, not replayable). */
  unread: number;
  /** Cases just started, which have committed nothing yet: their first projection is on its way. */
  pending: number;
  byKind: Record<string, KindTally>;
  /** Drifted documents by collection (slices: counts raised). */
  documents: Partial<Record<ReadModelName | 'slices', number>>;
  /** Ledger day totals summed again from what the cases' projections marked (`activities/kpi/totals.ts`). */
  totalsRefreshed: number;
  /** The first few cases that failed or could not be read, and why. */
  problems: { caseId: string; reason: string }[];
  elapsedMs: number;
  casesPerSecond: number;
}

export interface ReconcileDeps {
  models: Models;
  sources: HistorySources;
  /** The workflow code the histories are replayed through: the code the worker runs. */
  workflowCode(): Promise<WorkflowBundleOption>;
}

const shownProblems = 20;

/**
 * Compares every case's read models with its state in Temporal and repairs any drift; or, with
 * `rebuild`, writes them all again from nothing. Each case is independent and every write is
 * idempotent, so a run may stop anywhere and run again. Slice counts are checked last, against
 * a tally of what every case read says landed; then the ledger's day totals are summed again
 * wherever the rebuild or the repairs changed contributions.
 */
export async function reconcileReadModels(
  deps: ReconcileDeps,
  options: ReconcileOptions = {},
): Promise<ReconcileSummary> {
  const started = Date.now();
  const { models, sources } = deps;
  const summary: ReconcileSummary = {
    mode: options.rebuild ? 'rebuild' : 'reconcile',
    checked: 0,
    drifted: 0,
    repaired: 0,
    failed: 0,
    unread: 0,
    pending: 0,
    byKind: {},
    documents: {},
    totalsRefreshed: 0,
    problems: [],
    elapsedMs: 0,
    casesPerSecond: 0,
  };
  const repairer = caseRepairer(models);
  const tally = new SliceTally();
  const kind = (workflowType: string) =>
    (summary.byKind[workflowType] ??= { checked: 0, drifted: 0, repaired: 0, failed: 0 });
  const problem = (caseId: string, reason: string) =>
    summary.problems.length < shownProblems && summary.problems.push({ caseId, reason });

  async function handle(reading: CaseReading): Promise<void> {
    if ('unread' in reading) {
      if (reading.unread.pending) summary.pending += 1;
      else {
        summary.unread += 1;
        problem(reading.unread.caseId, reading.unread.reason);
      }
      return;
    }
    const { truth } = reading;
    const tallied = kind(truth.workflowType);
    summary.checked += 1;
    tallied.checked += 1;
    tally.add(truth);
    try {
      if (options.rebuild) {
        await repairer.rebuild(truth);
        summary.repaired += 1;
        tallied.repaired += 1;
        return;
      }
      const drift = await repairer.check(truth);
      if (!driftedDocs(drift)) return;
      summary.drifted += 1;
      tallied.drifted += 1;
      for (const [name, d] of Object.entries(drift))
        summary.documents[name as ReadModelName] =
          (summary.documents[name as ReadModelName] ?? 0) + driftedDocs({ [name]: d });
      await repairer.repair(truth, drift);
      summary.repaired += 1;
      tallied.repaired += 1;
    } catch (err) {
      summary.failed += 1;
      tallied.failed += 1;
      problem(truth.caseId, `repair failed: ${(err as Error).message}`);
    }
  }

  if (options.rebuild) await emptyReadModels(models);
  const running = new Set<Promise<void>>();
  const concurrency = options.concurrency ?? 4;
  for await (const reading of readCases(
    sources,
    await deps.workflowCode(),
    options.cases ?? allCases(sources),
    options.prefetch,
  )) {
    options.signal?.throwIfAborted();
    const done: Promise<void> = handle(reading).then(() => {
      running.delete(done);
      options.onCase?.(finish(summary, started));
    });
    running.add(done);
    if (running.size >= concurrency) await Promise.race(running);
  }
  await Promise.all(running);
  const raised = await raiseLowCounts(models.Slice, tally);
  if (raised) summary.documents.slices = raised;
  // A rebuild sums every total again from the contributions; repairs marked the days they changed.
  summary.totalsRefreshed = options.rebuild
    ? await recomputeAllTotals(models)
    : (await refreshAll(models)).recomputed;
  return finish(summary, started);
}

function finish(summary: ReconcileSummary, started: number): ReconcileSummary {
  summary.elapsedMs = Date.now() - started;
  summary.casesPerSecond = summary.elapsedMs
    ? Math.round((summary.checked / summary.elapsedMs) * 10_000) / 10
    : 0;
  return summary;
}

/**
 * Every read model Temporal can rebuild, emptied document by document (see Collection.empty).
 * Webhook receipts and the action log are not read models and stay.
 */
async function emptyReadModels(models: Models): Promise<void> {
  for (const readModel of [...Object.values(readModelCollections(models)), collection(models.Slice)])
    await readModel.empty();
}

import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { defaultPayloadConverter } from '@temporalio/common';
import type { WorkflowBundleOption } from '@temporalio/worker';
import { KeyedNotice } from '../common/notifications';
import { ReadModel, ReadModelStates } from '../common/projection';
import { caseKinds } from '../common/caseKinds';
import { readModelOf } from '../activities/readModels';
import { isArchiveFile, readArchive } from '../audit/archive';
import { CaseHistory, CaseRef, fetchCaseHistory, listCases } from '../audit/history';
import { CaseState, replayCases } from '../audit/replay';
import { HistorySources } from '../audit/source';
import { caseNotices } from '../audit/timeline';
import { Channel } from './channel';

/** What Temporal's record says a case's read models must hold: its newest state, timeline included, and every notice it sent. */
export type CaseTruth = {
  [M in ReadModel]: {
    caseId: string;
    workflowType: string;
    readModel: M;
    state: ReadModelStates[M];
    notices: KeyedNotice[];
  };
}[ReadModel];

/** A case whose truth could not be read: its history is gone or no longer replays; or it has committed nothing yet (`pending`). */
export interface Unread {
  caseId: string;
  workflowType: string;
  reason: string;
  pending?: boolean;
}

export type CaseReading = { truth: CaseTruth } | { unread: Unread };

/**
 * Every case's truth, read from its histories. An ended case's last run records the state its
 * workflow returned, which is its last committed state: it is read there. Any other case is
 * refolded by the workflow code itself (audit/replay.ts): no worker is needed, and the live
 * worker's cache and task slots are left to live work. The history is fetched anyway for the
 * notices, which no query returns; replaying it on one replay worker costs about what a query
 * costs the worker whenever the case is not in its cache (it fetches and replays the same
 * history), without evicting the cases it holds. Histories are fetched `prefetch` at a time.
 */
export async function* readCases(
  sources: HistorySources,
  workflowCode: WorkflowBundleOption,
  cases: AsyncIterable<CaseSource>,
  prefetch = 8,
): AsyncGenerator<CaseReading> {
  const out = new Channel<CaseReading>(prefetch);
  const toReplay = new Channel<CaseHistory>(prefetch);
  const replaying = new Map<string, CaseHistory>();
  const sort = async () => {
    try {
      for await (const result of ahead(cases, prefetch, load(sources))) {
        if (out.isClosed) break;
        const ended = 'history' in result ? endedState(result.history) : undefined;
        if ('unread' in result) await out.push(result);
        else if (ended) await out.push({ truth: truthOf(result.history, ended) });
        else {
          replaying.set(result.history.caseId, result.history);
          await toReplay.push(result.history);
        }
      }
    } finally {
      toReplay.close();
    }
  };
  const replay = async () => {
    for await (const report of replayCases(workflowCode, toReplay)) {
      const history = replaying.get(report.caseId);
      replaying.delete(report.caseId);
      if (!history) continue; // a case that failed in an early run is reported once, at that run
      const { caseId, workflowType } = report;
      const last = report.commits.at(-1);
      if (!report.deterministic)
        await out.push({
          unread: { caseId, workflowType, reason: `does not replay: ${report.failure!.message}` },
        });
      else if (!last)
        await out.push({
          unread: { caseId, workflowType, reason: 'has committed nothing yet', pending: true },
        });
      else await out.push({ truth: truthOf(history, { ...last.state, timeline: report.timeline }) });
    }
  };
  // Both stages end the output together; the first failure is rethrown to the reader.
  let failure: unknown;
  const stages = Promise.all([sort(), replay()])
    .catch((err) => (failure = err))
    .finally(() => out.close());
  try {
    yield* out;
  } finally {
    // The reader stopped early (or all is done): let both stages and the replay worker end.
    out.close();
    toReplay.close();
  }
  await stages;
  if (failure) throw failure;
}

function truthOf(history: CaseHistory, state: CaseState): CaseTruth {
  const readModel: ReadModel = caseKinds.find((k) => k.workflowType === history.workflowType)!.readModel;
  // An ended run's result is in the shape its code wrote, perhaps an older one.
  const model = readModelOf(readModel);
  return {
    caseId: history.caseId,
    workflowType: history.workflowType,
    readModel,
    state: model.load(state as ReadModelStates[ReadModel]),
    notices: caseNotices(history),
  } as CaseTruth;
}

/** The state an ended case's workflow returned (its newest); undefined while it runs, or when it ended otherwise (terminated, failed). */
function endedState(history: CaseHistory): CaseState | undefined {
  const last = history.runs.at(-1)?.history.events?.at(-1);
  const result = last?.workflowExecutionCompletedEventAttributes?.result?.payloads?.[0];
  return result ? defaultPayloadConverter.fromPayload<CaseState>(result) : undefined;
}

/** Where a case's history is read: Temporal (by its latest run), or the archive once retention removed it there. */
export type CaseSource = { temporal: CaseRef } | { archived: { caseId: string; path: string } };

function load(sources: HistorySources) {
  return async (source: CaseSource): Promise<{ history: CaseHistory } | { unread: Unread }> => {
    try {
      if ('temporal' in source)
        return { history: await fetchCaseHistory(sources.temporal, source.temporal.caseId, source.temporal) };
      return { history: (await readArchive(source.archived.path, sources.keys)).history };
    } catch (err) {
      const [caseId, workflowType] =
        'temporal' in source
          ? [source.temporal.caseId, source.temporal.workflowType]
          : [source.archived.caseId, 'archived'];
      return { unread: { caseId, workflowType, reason: `history not read: ${(err as Error).message}` } };
    }
  };
}

/**
 * Every case Temporal holds, then every archived case it no longer holds (the archive keeps
 * closed cases past Temporal's retention; their read models must survive a rebuild too).
 */
export async function* allCases(sources: HistorySources): AsyncGenerator<CaseSource> {
  const inTemporal = new Set<string>();
  for await (const ref of listCases(sources.temporal)) {
    inTemporal.add(ref.caseId);
    yield { temporal: ref };
  }
  const files = await readdir(sources.archiveDir).catch((err: NodeJS.ErrnoException) =>
    err.code === 'ENOENT' ? [] : Promise.reject(err),
  );
  for (const name of files.filter(isArchiveFile)) {
    const caseId = decodeURIComponent(name.replace(/\.json(\.gz)?$/, ''));
    if (!inTemporal.has(caseId)) yield { archived: { caseId, path: join(sources.archiveDir, name) } };
  }
}

/**
 * The cases that may have moved since `since`: every open case, and every case started or closed
 * since then. A closed case's read models are final once written, so a nightly run needs no more;
 * archived cases, closed long before, are left to a full run.
 */
export async function* changedCases(sources: HistorySources, since: Date): AsyncGenerator<CaseSource> {
  for await (const ref of listCases(sources.temporal, since)) yield { temporal: ref };
}

/** Maps a stream through an async function with up to `depth` calls in flight, keeping the order. */
export async function* ahead<T, R>(
  source: AsyncIterable<T>,
  depth: number,
  fn: (item: T) => Promise<R>,
): AsyncGenerator<R> {
  const inFlight: Promise<R>[] = [];
  for await (const item of source) {
    inFlight.push(fn(item));
    if (inFlight.length >= depth) yield await inFlight.shift()!;
  }
  while (inFlight.length) yield await inFlight.shift()!;
}

import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { WorkflowBundleOption } from '@temporalio/worker';
import { KeyedNotice } from '../common/notifications';
import { ReadModel, ReadModelStates } from '../common/projection';
import { citizenRequestWorkflowType } from '../common/requests';
import { isArchiveFile, readArchive } from '../audit/archive';
import { CaseHistory, CaseRef, fetchCaseHistory, listCases } from '../audit/history';
import { replayCases } from '../audit/replay';
import { HistorySources } from '../audit/source';
import { caseNotices } from '../audit/timeline';

/** What Temporal's record says a case's read models must hold: its newest state, timeline included, and every notice it sent. */
export type CaseTruth = {
  [M in ReadModel]: { caseId: string; workflowType: string; readModel: M; state: ReadModelStates[M]; notices: KeyedNotice[] };
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
 * Every case's truth, refolded from its histories by the workflow code itself (audit/replay.ts):
 * no worker is needed, closed cases read like open ones, and the live worker's cache and task
 * slots are left to live work. The history is fetched anyway for the notices, which no query
 * returns; replaying it on one replay worker costs less than a query that the worker would
 * answer by fetching and replaying the same history whenever the case is not in its cache.
 * Histories are fetched `prefetch` at a time ahead of the replay.
 */
export async function* readCases(sources: HistorySources, workflowCode: WorkflowBundleOption, cases: AsyncIterable<CaseSource>, prefetch = 8): AsyncGenerator<CaseReading> {
  const loaded = new Map<string, CaseHistory>();
  const unread: Unread[] = [];
  async function* histories(): AsyncGenerator<CaseHistory> {
    for await (const result of ahead(cases, prefetch, load(sources))) {
      if ('unread' in result) unread.push(result.unread);
      else {
        loaded.set(result.history.caseId, result.history);
        yield result.history;
      }
    }
  }
  for await (const report of replayCases(workflowCode, histories())) {
    yield* unread.splice(0).map((u) => ({ unread: u }));
    const history = loaded.get(report.caseId);
    loaded.delete(report.caseId);
    if (!history) continue; // a case that failed in an early run is reported once, at that run
    const last = report.commits.at(-1);
    const workflowType = report.workflowType;
    if (!report.deterministic) yield { unread: { caseId: report.caseId, workflowType, reason: `does not replay: ${report.failure!.message}` } };
    else if (!last) yield { unread: { caseId: report.caseId, workflowType, reason: 'has committed nothing yet', pending: true } };
    else {
      const state = { ...last.state, timeline: report.timeline };
      const readModel: ReadModel = workflowType === citizenRequestWorkflowType ? 'request' : 'commitment';
      yield { truth: { caseId: report.caseId, workflowType, readModel, state, notices: caseNotices(history) } as CaseTruth };
    }
  }
  yield* unread.splice(0).map((u) => ({ unread: u }));
}

/** Where a case's history is read: Temporal (by its latest run), or the archive once retention removed it there. */
export type CaseSource = { temporal: CaseRef } | { archived: { caseId: string; path: string } };

function load(sources: HistorySources) {
  return async (source: CaseSource): Promise<{ history: CaseHistory } | { unread: Unread }> => {
    try {
      if ('temporal' in source) return { history: await fetchCaseHistory(sources.temporal, source.temporal.caseId, source.temporal) };
      return { history: (await readArchive(source.archived.path)).history };
    } catch (err) {
      const [caseId, workflowType] = 'temporal' in source ? [source.temporal.caseId, source.temporal.workflowType] : [source.archived.caseId, 'archived'];
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
  const files = await readdir(sources.archiveDir).catch((err: NodeJS.ErrnoException) => (err.code === 'ENOENT' ? [] : Promise.reject(err)));
  for (const name of files.filter(isArchiveFile)) {
    const caseId = decodeURIComponent(name.replace(/\.json(\.gz)?$/, ''));
    if (!inTemporal.has(caseId)) yield { archived: { caseId, path: join(sources.archiveDir, name) } };
  }
}

/** Maps a stream through an async function with up to `depth` calls in flight, keeping the order. */
export async function* ahead<T, R>(source: AsyncIterable<T>, depth: number, fn: (item: T) => Promise<R>): AsyncGenerator<R> {
  const inFlight: Promise<R>[] = [];
  for await (const item of source) {
    inFlight.push(fn(item));
    if (inFlight.length >= depth) yield await inFlight.shift()!;
  }
  while (inFlight.length) yield await inFlight.shift()!;
}

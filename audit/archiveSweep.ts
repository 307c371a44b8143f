import { archivePath, toArchive, writeArchive } from './archive';
import { ClosedRange, listClosedCases } from './history';
import { HistorySources, isArchived, loadCaseHistory } from './source';

export interface Archived {
  caseId: string;
  path: string;
  /** false: the case was archived before, and its archive is kept as it was sealed. */
  written: boolean;
}

/** Files one case in the archive directory, once. */
export async function archiveCase(sources: HistorySources, caseId: string): Promise<Archived> {
  const path = archivePath(sources.archiveDir, caseId);
  if (await isArchived(sources.archiveDir, caseId)) return { caseId, path, written: false };
  const { history } = await loadCaseHistory(sources, caseId);
  await writeArchive(sources.archiveDir, toArchive(history), sources.keys);
  return { caseId, path, written: true };
}

/** Archives every case closed in the range that is not archived yet; safe to run again at any time. */
export async function* archiveClosedCases(
  sources: HistorySources,
  range: ClosedRange,
): AsyncGenerator<Archived> {
  for await (const caseId of listClosedCases(sources.temporal, range))
    yield await archiveCase(sources, caseId);
}

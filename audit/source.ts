import { access } from 'node:fs/promises';
import { Client, WorkflowNotFoundError } from '@temporalio/client';
import type { PayloadKeys } from '../config/payloadKeys';
import { archivePath, readArchive } from './archive';
import { CaseHistory, fetchCaseHistory } from './history';

export interface HistorySources {
  temporal: Client;
  /** Where closed cases are archived before Temporal's retention removes them. */
  archiveDir: string;
  /** The payload keys: archives are written encrypted with them, and read with them. */
  keys: PayloadKeys;
}

export interface LoadedCase {
  history: CaseHistory;
  source: 'temporal' | 'archive';
}

export class CaseNotFoundError extends Error {}

/**
 * Temporal while it still holds the case, the archive after retention has removed it. While
 * Temporal cannot be reached, an archived case is still read from its archive: it is closed, so
 * its archive is its whole history.
 */
export async function loadCaseHistory(sources: HistorySources, caseId: string): Promise<LoadedCase> {
  try {
    return { history: await fetchCaseHistory(sources.temporal, caseId), source: 'temporal' };
  } catch (err) {
    if (await isArchived(sources.archiveDir, caseId))
      return {
        history: (await readArchive(archivePath(sources.archiveDir, caseId), sources.keys)).history,
        source: 'archive',
      };
    if (err instanceof WorkflowNotFoundError)
      throw new CaseNotFoundError(`case ${caseId} is neither in Temporal nor in the archive`);
    throw err;
  }
}

export function isArchived(archiveDir: string, caseId: string): Promise<boolean> {
  return access(archivePath(archiveDir, caseId)).then(
    () => true,
    () => false,
  );
}

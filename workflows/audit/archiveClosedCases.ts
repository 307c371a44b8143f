import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import { ArchiveSweepInput, ArchiveSweepResult } from '../../common/auditJobs';

const { archiveClosedCases: sweep } = proxyActivities<Activities>({
  startToCloseTimeout: '2 hours',
  heartbeatTimeout: '2 minutes',
  retry: { initialInterval: '1 minute', maximumInterval: '30 minutes' },
});

/** Started nightly by the archive schedule (worker/archiveSchedule.ts). */
export async function archiveClosedCases(input: ArchiveSweepInput): Promise<ArchiveSweepResult> {
  return sweep(input);
}

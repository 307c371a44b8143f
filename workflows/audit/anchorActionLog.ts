import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import { AnchorResult } from '../../common/auditJobs';

const { anchorActionLog: anchor } = proxyActivities<Activities>({
  startToCloseTimeout: '1 hour',
  retry: { initialInterval: '1 minute', maximumInterval: '30 minutes' },
});

/** Started nightly by the anchor schedule (worker/auditSchedules.ts). */
export async function anchorActionLog(): Promise<AnchorResult> {
  return anchor();
}

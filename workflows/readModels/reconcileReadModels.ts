import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import { ReconcileJobInput, ReconcileJobResult } from '../../common/readModelJobs';

/** A run reads every case; it heartbeats per case, so a worker that dies mid-run is noticed and the run retried (each repair is idempotent). */
const { reconcileReadModels: reconcile } = proxyActivities<Activities>({
  startToCloseTimeout: '6 hours',
  heartbeatTimeout: '5 minutes',
  retry: { initialInterval: '1 minute', maximumInterval: '30 minutes', maximumAttempts: 3 },
});

/** Started nightly by the reconcile schedule (worker/auditSchedules.ts). */
export async function reconcileReadModels(input: ReconcileJobInput): Promise<ReconcileJobResult> {
  return reconcile(input);
}

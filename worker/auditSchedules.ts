import { Client, ScheduleOverlapPolicy, ScheduleOptions } from '@temporalio/client';
import {
  anchorScheduleId,
  anchorWorkflowType,
  archiveScheduleId,
  ArchiveSweepInput,
  archiveWorkflowType,
} from '../common/auditJobs';
import { ReconcileJobInput, reconcileScheduleId, reconcileWorkflowType } from '../common/readModelJobs';
import { ensureSchedules } from './schedules';

/**
 * Nightly, Beijing time: first the closed cases are archived, then the action log's head is
 * anchored beside them, then the read models of every case that may have moved (open, or started
 * or closed in the last two days: a missed night is covered) are reconciled with Temporal.
 */
function auditSchedules(taskQueue: string): ScheduleOptions[] {
  const nightly = (hour: number, minute: number) => ({
    calendars: [{ hour, minute }],
    timezone: 'Asia/Shanghai',
  });
  const policies = { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 day' } as const;
  const sweep: ArchiveSweepInput = { closedWithinDays: 30 };
  // Two at once: the worker's store pool is sized for its activity slots, and live work has the night too.
  const reconcile: ReconcileJobInput = { concurrency: 2, changedWithinDays: 2 };
  return [
    {
      scheduleId: archiveScheduleId,
      spec: nightly(2, 30),
      action: { type: 'startWorkflow', workflowType: archiveWorkflowType, taskQueue, args: [sweep] },
      policies,
    },
    {
      scheduleId: anchorScheduleId,
      spec: nightly(2, 45),
      action: { type: 'startWorkflow', workflowType: anchorWorkflowType, taskQueue, args: [] },
      policies,
    },
    {
      scheduleId: reconcileScheduleId,
      spec: nightly(3, 15),
      action: { type: 'startWorkflow', workflowType: reconcileWorkflowType, taskQueue, args: [reconcile] },
      policies,
    },
  ];
}

/** Creates the audit schedules that do not exist yet; every worker may call it at start. */
export async function ensureAuditSchedules(client: Client, taskQueue: string): Promise<void> {
  await ensureSchedules(client, auditSchedules(taskQueue));
}

import { Client, ScheduleAlreadyRunning, ScheduleOverlapPolicy } from '@temporalio/client';
import { archiveScheduleId, ArchiveSweepInput, archiveWorkflowType } from '../common/archive';

/** Creates the nightly archive schedule unless it exists; every worker may call it at start. */
export async function ensureArchiveSchedule(client: Client, taskQueue: string): Promise<void> {
  const input: ArchiveSweepInput = { closedWithinDays: 30 };
  try {
    await client.schedule.create({
      scheduleId: archiveScheduleId,
      spec: { calendars: [{ hour: 2, minute: 30 }], timezone: 'Asia/Shanghai' },
      action: { type: 'startWorkflow', workflowType: archiveWorkflowType, taskQueue, args: [input] },
      policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 day' },
    });
  } catch (err) {
    if (!(err instanceof ScheduleAlreadyRunning)) throw err;
  }
}

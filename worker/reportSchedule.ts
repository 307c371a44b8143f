import { Client, ScheduleOptions, ScheduleOverlapPolicy } from '@temporalio/client';
import { reportScheduleId, scheduledReportCycleWorkflowType } from '../common/reports';
import { cycleDays } from '../domain/kpi/report';
import { ensureSchedules } from './schedules';

/**
 * The 14th/28th reporting cycle, at 08:00 Beijing time: the days it counts have ended, the nightly
 * archive, anchor and reconciliation (02:30–03:15) have repaired the read models it reads, and the
 * reports are in the units' inboxes as offices open. A fire missed while Temporal was down is caught
 * up within a day; the run it starts takes its date from the scheduled time, not from when it runs.
 */
export function reportSchedule(taskQueue: string): ScheduleOptions {
  return {
    scheduleId: reportScheduleId,
    spec: { calendars: [{ dayOfMonth: [...cycleDays], hour: 8, minute: 0 }], timezone: 'Asia/Shanghai' },
    action: { type: 'startWorkflow', workflowType: scheduledReportCycleWorkflowType, taskQueue, args: [] },
    policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 day' },
  };
}

/** Creates the report schedule unless it exists; every worker may call it at start. */
export async function ensureReportSchedule(client: Client, taskQueue: string): Promise<void> {
  await ensureSchedules(client, [reportSchedule(taskQueue)]);
}

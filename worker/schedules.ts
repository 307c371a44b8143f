import { Client, ScheduleAlreadyRunning, ScheduleOptions } from '@temporalio/client';

/** Creates the schedules that do not exist yet, leaving those that do as they are; every worker may call it at start. */
export async function ensureSchedules(client: Client, schedules: ScheduleOptions[]): Promise<void> {
  for (const schedule of schedules) {
    try {
      await client.schedule.create(schedule);
    } catch (err) {
      if (!(err instanceof ScheduleAlreadyRunning)) throw err;
    }
  }
}

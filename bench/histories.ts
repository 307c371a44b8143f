import { Client } from '@temporalio/client';
import { eventCount, fetchCaseHistory } from '../audit/history';

export interface HistoryCost {
  events: number;
  activities: number;
  workflowTasks: number;
}

/** What the cases cost Temporal on average, counted in their histories (every run): events, activities scheduled, workflow tasks. */
export async function meanHistoryCost(temporal: Client, workflowIds: string[]): Promise<HistoryCost> {
  const total: HistoryCost = { events: 0, activities: 0, workflowTasks: 0 };
  for (const id of workflowIds) {
    const history = await fetchCaseHistory(temporal, id);
    const events = history.runs.flatMap((run) => run.history.events ?? []);
    total.events += eventCount(history);
    total.activities += events.filter((e) => e.activityTaskScheduledEventAttributes).length;
    total.workflowTasks += events.filter((e) => e.workflowTaskScheduledEventAttributes).length;
  }
  const n = Math.max(workflowIds.length, 1);
  return {
    events: total.events / n,
    activities: total.activities / n,
    workflowTasks: total.workflowTasks / n,
  };
}

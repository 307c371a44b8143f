import { Client } from '@temporalio/client';
import { WorkflowBundle } from '@temporalio/worker';
import { CaseHistory, fetchCaseHistory } from '../audit/history';
import { replayCases } from '../audit/replay';
import { Deadline } from '../domain/deadlines/deadline';

export interface Lateness {
  /** How long after its due moment each reminder or breach was acted on, in ms; a missed one counts from its due moment to `until`. */
  lateMs: number[];
  fired: number;
  /** Due before `until` but not acted on by then. */
  missed: number;
}

const clockActions = new Set(['reminder', 'escalate_on_breach', 'public_notice', 'close_no_feedback']);

type WithDeadlines = { revision: number; deadlines: Deadline[] };

/**
 * Replays each case through the workflow code and pairs every state the clock produced with the
 * state before it: the due moment comes from the deadline that state held (a reminder's `at`, or
 * `dueAt` for a breach), the moment it fired from the workflow clock of the commit.
 */
export async function deadlineLateness(
  temporal: Client,
  bundle: WorkflowBundle,
  workflowIds: string[],
  until: number,
): Promise<Lateness> {
  const result: Lateness = { lateMs: [], fired: 0, missed: 0 };
  async function* histories(): AsyncGenerator<CaseHistory> {
    for (const id of workflowIds) yield await fetchCaseHistory(temporal, id);
  }
  for await (const report of replayCases(bundle, histories())) {
    if (!report.deterministic)
      throw new Error(`${report.caseId} does not replay: ${report.failure?.message}`);
    const actionAt = new Map(report.timeline.map((entry) => [entry.revision, entry.action]));
    const commits = report.commits.map((c) => ({ at: c.at, state: c.state as WithDeadlines }));
    for (let i = 1; i < commits.length; i += 1) {
      const [before, after] = [commits[i - 1].state, commits[i].state];
      const action = actionAt.get(after.revision);
      if (!action || !clockActions.has(action)) continue;
      const due = dueMoment(action, before.deadlines, after.deadlines);
      if (!due) continue;
      result.lateMs.push(commits[i].at - Date.parse(due));
      result.fired += 1;
    }
    const last = commits[commits.length - 1]?.state.deadlines ?? [];
    const overdue = last
      .flatMap((d) => [...d.reminders.filter((r) => !r.sent).map((r) => r.at), d.dueAt])
      .map(Date.parse)
      .filter((t) => t < until);
    for (const due of overdue) result.lateMs.push(until - due);
    result.missed += overdue.length;
  }
  return result;
}

/** The moment the clock acted on: a reminder newly sent, or the deadline that was breached (moved on or gone). */
function dueMoment(action: string, before: Deadline[], after: Deadline[]): string | undefined {
  const next = (d: Deadline) => after.find((a) => a.id === d.id);
  if (action === 'reminder') return before.map((d) => firstNewlySent(d, next(d))).find(Boolean);
  return before.find((d) => next(d)?.dueAt !== d.dueAt || next(d)?.level !== d.level)?.dueAt;
}

function firstNewlySent(before: Deadline, after: Deadline | undefined): string | undefined {
  const index = before.reminders.findIndex((r, i) => !r.sent && after?.reminders[i]?.sent);
  return index >= 0 ? before.reminders[index].at : undefined;
}

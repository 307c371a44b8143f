import { Models } from '../../activities/db/models';
import { commitmentKinds } from '../../domain/policy/policy';
import { finalStatuses, requestStatuses } from '../../domain/requests/state';

/** How many cases of a kind sit in a state at a level, and how many of them are past their current deadline. */
export interface CaseCount {
  kind: string;
  state: string;
  level: string;
  open: number;
  overdue: number;
}

const openRequestStatuses = requestStatuses.filter((status) => !finalStatuses.includes(status));
const openCommitmentStatuses = ['active', 'suspended'] as const;

/**
 * Counted from the list documents, one count per (status, level) pair and one more for the overdue
 * among them. Each count matches by top-level equality, which FerretDB over PostgreSQL finds through
 * its GIN indexes (and MongoDB through the list shapes' compound indexes) and then reads the matches
 * only: the cost grows with the open cases, never with the closed ones that make up most of the store.
 * Requests are counted at the levels of the current policy's ladder; a commitment's `level` is
 * `escalated` while any of its obligations sits above the first level, else `on_time`.
 */
export async function countOpenCases(models: Pick<Models, 'Request' | 'Commitment'>, ladder: string[], now: Date): Promise<CaseCount[]> {
  const nowIso = now.toISOString();
  const counts: CaseCount[] = [];
  // One count at a time: a scrape must not take the store's connections from the lists and projections.
  for (const status of openRequestStatuses) {
    for (const level of ladder) {
      const open = await models.Request.countDocuments({ status, level });
      const overdue = open && (await models.Request.countDocuments({ status, level, 'deadline.dueAt': { $lt: nowIso } }));
      counts.push({ kind: 'request', state: status, level, open, overdue });
    }
  }
  for (const kind of commitmentKinds) {
    for (const status of openCommitmentStatuses) {
      for (const escalated of [true, false]) {
        const open = await models.Commitment.countDocuments({ kind, status, escalated });
        const overdue = open && (await models.Commitment.countDocuments({ kind, status, escalated, nextObligationDueAt: { $lt: now } }));
        counts.push({ kind, state: status, level: escalated ? 'escalated' : 'on_time', open, overdue });
      }
    }
  }
  return counts;
}

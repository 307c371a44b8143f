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
 * Read from the list documents, one query per open status (and per commitment kind), matching by
 * top-level equality alone: FerretDB over PostgreSQL finds those through its GIN index on `status`
 * and decodes the matches only (MongoDB serves them from an index too), so the cost follows the open
 * cases, not the closed ones that make up most of the store. Measured on FerretDB 1.24 over
 * PostgreSQL: 0.8 s at 1,000 open of 10,000 stored, 1.2 s at 1,000 of 30,000, 7.1 s at 11,000 of
 * 40,000 (caseGauges.ts bounds how often). `countDocuments` per status and level was slower and grew
 * with the store: FerretDB does not push a count down. The overdue are told apart
 * here, as a deadline in the past is a range on a nested field, which FerretDB would not push down either.
 * A commitment's `level` is `escalated` while any of its obligations sits above the first level, else `on_time`.
 */
export async function countOpenCases(models: Pick<Models, 'Request' | 'Commitment'>, now: Date): Promise<CaseCount[]> {
  const counts = new Map<string, CaseCount>();
  const add = (kind: string, state: string, level: string, dueAt: number | undefined) => {
    const key = `${kind}|${state}|${level}`;
    const count = counts.get(key) ?? { kind, state, level, open: 0, overdue: 0 };
    count.open += 1;
    if (dueAt !== undefined && dueAt < now.getTime()) count.overdue += 1;
    counts.set(key, count);
  };
  // One query at a time: a scrape must not take the store's connections from the lists and projections.
  for (const status of openRequestStatuses) {
    for (const doc of await models.Request.find({ status }, { level: 1, 'deadline.dueAt': 1 }).lean()) {
      add('request', status, doc.level, doc.deadline?.dueAt === undefined ? undefined : Date.parse(doc.deadline.dueAt));
    }
  }
  for (const kind of commitmentKinds) {
    for (const status of openCommitmentStatuses) {
      for (const doc of await models.Commitment.find({ kind, status }, { escalated: 1, nextObligationDueAt: 1 }).lean()) {
        add(kind, status, doc.escalated ? 'escalated' : 'on_time', doc.nextObligationDueAt?.getTime());
      }
    }
  }
  return [...counts.values()];
}

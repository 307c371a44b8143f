import pg from 'pg';
import { Models } from '../../activities/db/models';
import { ferretDbTables } from '../../activities/db/store';
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

/** Open requests counted by status and level; overdue ones too. */
export type RequestCounter = (now: Date) => Promise<CaseCount[]>;

/**
 * Open cases from the list documents. Requests are counted by `requestCounter` when the store can
 * count them itself (FerretDB over PostgreSQL: `postgresRequestCounter`); otherwise, as commitments
 * always are (a county has thousands, not hundreds of thousands), by reading the open ones, one
 * query per open status found by equality alone (the `status` GIN index), and telling the overdue
 * apart here, since a range on a nested field is not pushed down. That costs FerretDB 1.24 about
 * 0.4–0.7 ms per open request (10.8–13.5 s at 30,000 open), against 0.26–0.45 s for the same count
 * in PostgreSQL; caseGauges.ts bounds how often either runs. A commitment's `level` is `escalated` while any of its obligations
 * sits above the first level, else `on_time`.
 */
export async function countOpenCases(
  models: Pick<Models, 'Request' | 'Commitment'>,
  now: Date,
  requestCounter?: RequestCounter,
): Promise<CaseCount[]> {
  const counts = new Map<string, CaseCount>();
  const add = (kind: string, state: string, level: string, dueAt: number | undefined) => {
    const key = `${kind}|${state}|${level}`;
    const count = counts.get(key) ?? { kind, state, level, open: 0, overdue: 0 };
    count.open += 1;
    if (dueAt !== undefined && dueAt < now.getTime()) count.overdue += 1;
    counts.set(key, count);
  };
  // One query at a time: a scrape must not take the store's connections from the lists and projections.
  const requests = requestCounter ? await requestCounter(now) : [];
  if (!requestCounter) {
    for (const status of openRequestStatuses) {
      for (const doc of await models.Request.find({ status }, { level: 1, 'deadline.dueAt': 1 }).lean()) {
        add(
          'request',
          status,
          doc.level,
          doc.deadline?.dueAt === undefined ? undefined : Date.parse(doc.deadline.dueAt),
        );
      }
    }
  }
  for (const kind of commitmentKinds) {
    for (const status of openCommitmentStatuses) {
      for (const doc of await models.Commitment.find(
        { kind, status },
        { escalated: 1, nextObligationDueAt: 1 },
      ).lean()) {
        add(kind, status, doc.escalated ? 'escalated' : 'on_time', doc.nextObligationDueAt?.getTime());
      }
    }
  }
  return [...requests, ...counts.values()];
}

/**
 * Open requests counted in FerretDB's PostgreSQL, one grouped count per open status through the
 * GIN index FerretDB's own equality uses (`_jsonb->'status' @> '"submitted"'`): PostgreSQL reads
 * the open rows without FerretDB decoding each into a document. A request's due time is an ISO
 * string in UTC, so it compares as text.
 */
export function postgresRequestCounter(
  pool: pg.Pool,
  collection: { database: () => string; name: string },
): RequestCounter {
  let table: string | undefined;
  return async (now) => {
    const database = collection.database();
    table ??= (await ferretDbTables(pool, database)).get(collection.name);
    if (!table) return [];
    const counts: CaseCount[] = [];
    for (const status of openRequestStatuses) {
      const { rows } = await pool.query<{ level: string; open: number; overdue: number }>(
        `SELECT _jsonb->>'level' AS level, count(*)::int AS open, count(*) FILTER (WHERE _jsonb->'deadline'->>'dueAt' < $2)::int AS overdue
         FROM ${pg.escapeIdentifier(database)}.${pg.escapeIdentifier(table)} WHERE _jsonb->'status' @> $1::jsonb GROUP BY 1`,
        [JSON.stringify(status), now.toISOString()],
      );
      counts.push(...rows.map((row) => ({ kind: 'request', state: status, ...row })));
    }
    return counts;
  };
}

import { categoryNodeField } from '../../activities/db/listShapes';
import { Models } from '../../activities/db/models';
import { CategoryTree } from '../../domain/categories/types';
import { Policy } from '../../domain/policy/policy';
import { invalidField } from '../errors';
import { OrgDirectory } from '../../domain/org';
import { RequestStatus } from '../../domain/requests/state';
import { equal, listFilter, unitScopeOf } from '../paging/listQuery';
import { newestFirst, PageRequest } from '../paging/newestFirst';
import { checkDueWindow, soonestDue } from '../paging/soonestDue';

export interface RequestListQuery extends PageRequest {
  status?: RequestStatus;
  unit?: string;
  /** An SLA class */
  category?: string;
  /** A node of the category tree at its level (1 = root) */
  categoryNode?: { level: number; code: string };
  level?: string;
  overdue?: boolean;
  /** Only requests whose place no grid covers (true), or only the others (false) */
  unmatched?: boolean;
  /** Only requests with an extension waiting for a decision (true), or only the others (false) */
  pendingExtension?: boolean;
  /** Only requests assigned to this person */
  assignee?: string;
  /** Only open requests not yet due whose deadline falls before this time (ISO 8601), soonest first */
  dueBefore?: string;
}

/**
 * Requests newest first by filing time, within one unit of their jurisdiction or all of them; with
 * `dueBefore`, the open ones falling due before it, soonest first.
 */
export async function listRequests(
  models: Pick<Models, 'Request' | 'Slice'>,
  org: OrgDirectory,
  q: RequestListQuery,
  now = Date.now(),
) {
  const { scope, filter: inUnit } = unitScopeOf(org, q.unit);
  const nowIso = new Date(now).toISOString();
  const filter = listFilter(
    q,
    {
      status: equal('status'),
      level: equal('level'),
      category: equal('category'),
      categoryNode: ({ level, code }) => ({ [categoryNodeField(level)]: code }),
      overdue: (overdue) => ({ 'deadline.dueAt': overdue ? { $lt: nowIso } : { $not: { $lt: nowIso } } }),
      unmatched: (unmatched) => ({ addressUnmatched: unmatched ? true : { $ne: true } }),
      pendingExtension: (pending) => ({ 'pendingExtension.by': { $exists: pending } }),
      assignee: equal('assignee'),
    },
    inUnit,
  );
  if (q.dueBefore !== undefined) {
    if (q.from !== undefined || q.to !== undefined)
      throw invalidField(
        q.from === undefined ? 'query.to' : 'query.from',
        'a due-soon list (dueBefore) is by deadline, not by filing day',
      );
    checkDueWindow(q.dueBefore, now);
    return soonestDue(models.Request, filter, { ...q, dueBefore: q.dueBefore }, now);
  }
  return newestFirst(
    { model: models.Request, slices: models.Slice, list: 'requests', scope, filter, time: 'submittedAt' },
    q,
    now,
  );
}

/**
 * A list's `category` names a node of the category tree at any level, or an SLA class (every
 * request of that class, classified or not). A code that is neither is refused: a typo would
 * otherwise list nothing, silently.
 */
export function byCategory<Q extends { category?: string }>(
  q: Q,
  tree: CategoryTree,
  policy: Policy,
): Q & Pick<RequestListQuery, 'categoryNode'> {
  if (q.category === undefined || policy.categories[q.category]) return q;
  const place = tree.node(q.category);
  if (!place)
    throw invalidField(
      'query.category',
      `unknown category ${q.category}: a node code of the category tree (GET /api/v1/categories) or an SLA class (${Object.keys(policy.categories).join(', ')})`,
    );
  return { ...q, category: undefined, categoryNode: { level: place.level, code: place.code } };
}

import { Models } from '../../activities/db/models';
import { OrgDirectory } from '../../domain/org';
import { RequestStatus } from '../../domain/requests/state';
import { equal, listFilter, unitScopeOf } from '../paging/listQuery';
import { newestFirst, PageRequest } from '../paging/newestFirst';

export interface RequestListQuery extends PageRequest {
  status?: RequestStatus;
  unit?: string;
  category?: string;
  level?: string;
  overdue?: boolean;
  /** Only requests whose place no grid covers (true), or only the others (false) */
  unmatched?: boolean;
}

/** Requests newest first by filing time, within one unit of their jurisdiction or all of them. */
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
      overdue: (overdue) => ({ 'deadline.dueAt': overdue ? { $lt: nowIso } : { $not: { $lt: nowIso } } }),
      unmatched: (unmatched) => ({ addressUnmatched: unmatched ? true : { $ne: true } }),
    },
    inUnit,
  );
  return newestFirst(
    { model: models.Request, slices: models.Slice, list: 'requests', scope, filter, time: 'submittedAt' },
    q,
    now,
  );
}

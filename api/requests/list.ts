import { FilterQuery } from 'mongoose';
import { Models, RequestDoc } from '../../activities/db/models';
import { requestScope } from '../../activities/requests/projection';
import { OrgDirectory } from '../../domain/org';
import { RequestStatus } from '../../domain/requests/state';
import { invalidField } from '../errors';
import { newestFirst, PageRequest } from '../paging/newestFirst';

export interface RequestListQuery extends PageRequest {
  status?: RequestStatus;
  unit?: string;
  category?: string;
  level?: string;
  overdue?: boolean;
}

/** Requests newest first by filing time, within one unit of their jurisdiction or all of them. */
export async function listRequests(
  models: Pick<Models, 'Request' | 'Slice'>,
  org: OrgDirectory,
  q: RequestListQuery,
  now = Date.now(),
) {
  const filter: FilterQuery<RequestDoc> = {};
  let scope = requestScope();
  if (q.unit !== undefined) {
    const level = org.levelOf(q.unit);
    if (level === undefined) throw invalidField('query.unit', `unknown unit ${q.unit}`);
    filter[`unit${level}`] = q.unit;
    scope = requestScope(level, q.unit);
  }
  if (q.status) filter.status = q.status;
  if (q.level) filter.level = q.level;
  if (q.category) filter.category = q.category;
  const nowIso = new Date(now).toISOString();
  if (q.overdue !== undefined)
    filter['deadline.dueAt'] = q.overdue ? { $lt: nowIso } : { $not: { $lt: nowIso } };
  return newestFirst(
    { model: models.Request, slices: models.Slice, list: 'requests', scope, filter, time: 'submittedAt' },
    q,
    now,
  );
}

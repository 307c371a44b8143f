import { FilterQuery, Model } from 'mongoose';
import { filingDay } from '../../activities/requests/projection';
import { RequestDoc } from '../../activities/db/models';
import { finalStatuses, RequestStatus } from '../../domain/requests/state';
import { OrgDirectory } from '../../domain/org';
import { ApiError } from '../errors';

export interface RequestListQuery {
  status?: RequestStatus;
  unit?: string;
  category?: string;
  level?: string;
  overdue?: boolean;
  /** Filing days (Beijing), inclusive, for the archive of final requests */
  from?: string;
  to?: string;
  pageSize: number;
  cursor?: string;
}

/** Where the next page starts: after this request, on this filing day when walking the archive. */
interface Cursor {
  submittedAt: string;
  id: string;
  day?: string;
}

/** Filing days one call walks at most, and how many it reads at once: a page's cost stays bounded. */
const daysPerCall = 62;
const maxDaysAtOnce = 8;
const defaultSpanDays = 366;

/**
 * Lists requests newest first with keyset pagination, reading only bounded slices: the open
 * requests of one scope (the working set, whatever the archive holds), or the archive one
 * scope-day at a time. Each slice is found by equality on top-level fields (listShapes.ts), so
 * FerretDB pushes it down to an index; ordering and the cursor apply within the slice.
 */
export async function listRequests(model: Model<RequestDoc>, org: OrgDirectory, q: RequestListQuery, now = Date.now()) {
  const scope: FilterQuery<RequestDoc> = {};
  if (q.unit !== undefined) {
    const level = org.levelOf(q.unit);
    if (level === undefined) throw new ApiError(400, 'validation', `query.unit: unknown unit ${q.unit}`);
    scope[`unit${level}`] = q.unit;
  }
  if (q.status) scope.status = q.status;
  if (q.level) scope.level = q.level;
  if (q.category) scope.category = q.category;
  const cursor = q.cursor === undefined ? undefined : decodeCursor(q.cursor);
  const nowIso = new Date(now).toISOString();
  const residual: FilterQuery<RequestDoc> = {};
  if (q.overdue !== undefined) residual['deadline.dueAt'] = q.overdue ? { $lt: nowIso } : { $not: { $lt: nowIso } };
  // Earlier days' requests were all filed before the cursor, so the cut is harmless beyond its day.
  if (cursor) residual.$or = [{ submittedAt: { $lt: cursor.submittedAt } }, { submittedAt: cursor.submittedAt, _id: { $lt: cursor.id } }];

  const page = (docs: RequestDoc[], day?: string) => {
    const items = docs.slice(0, q.pageSize);
    const last = items[items.length - 1];
    return { items, next: docs.length > q.pageSize && last ? encodeCursor({ submittedAt: last.submittedAt, id: last._id, day }) : undefined };
  };
  const find = (filter: FilterQuery<RequestDoc>, limit: number) =>
    model.find({ ...filter, ...residual }).sort({ submittedAt: -1, _id: -1 }).limit(limit).lean<RequestDoc[]>();

  const wantsOpen = (q.status && !finalStatuses.includes(q.status)) || (!q.status && (q.level !== undefined || q.overdue === true));
  if (wantsOpen) return page(await find({ ...scope, open: true }, q.pageSize + 1));

  const to = q.to ?? filingDay(nowIso);
  const from = q.from ?? addDays(to, -defaultSpanDays);
  const found: RequestDoc[] = [];
  let day = cursor?.day ?? to;
  // Dense slices fill a page from a day or two; sparse ones read more days at once as the walk goes on.
  for (let walked = 0, width = 1; day >= from && walked < daysPerCall; width = Math.min(width * 2, maxDaysAtOnce)) {
    const days = Array.from({ length: width }, (_, i) => addDays(day, -i)).filter((d) => d >= from);
    const slices = await Promise.all(days.map((d) => find({ ...scope, day: d }, q.pageSize + 1 - found.length)));
    for (const [i, slice] of slices.entries()) {
      found.push(...slice);
      if (found.length > q.pageSize) return page(found, days[i]);
    }
    walked += days.length;
    day = addDays(day, -days.length);
  }
  const { items } = page(found);
  // The walk stopped at its bound: the next call goes on from the first day not read.
  return { items, next: day >= from ? encodeCursor({ submittedAt: '\uffff', id: '', day }) : undefined };
}

function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

function decodeCursor(text: string): Cursor {
  try {
    const cursor = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as Cursor;
    if (typeof cursor.submittedAt === 'string' && typeof cursor.id === 'string' && (cursor.day === undefined || /^\d{4}-\d{2}-\d{2}$/.test(cursor.day))) return cursor;
  } catch {
    // answered below
  }
  throw new ApiError(400, 'validation', 'query.cursor: not a cursor this list gave');
}

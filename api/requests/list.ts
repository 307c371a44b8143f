import { FilterQuery } from 'mongoose';
import { filingDay, filingHour } from '../../activities/requests/projection';
import { Models, RequestDoc } from '../../activities/db/models';
import { filedOn, Scope } from '../../activities/db/requestSlices';
import { RequestStatus } from '../../domain/requests/state';
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

/**
 * A page's cost stays bounded: one call walks at most `daysPerCall` filing days, looks up at most
 * `maxDaysAtOnce` at a time, and reads a day hour by hour once more than `maxSlice` requests were
 * filed in it (FerretDB decodes every match of a query to sort it).
 */
const daysPerCall = 62;
const maxDaysAtOnce = 8;
const maxSlice = 150;
const hoursAtOnce = 4;
const defaultSpanDays = 366;
/** Sorts after every timestamp: a cursor that resumes at the start of its day. */
const endOfDay = '\uffff';

/**
 * Lists requests newest first with keyset pagination, reading only bounded slices: one scope's
 * filing day, or hour when the day is big, at a time, skipping days nothing was filed on. Each
 * slice is found by equality on top-level fields (listShapes.ts), so FerretDB pushes it down to an
 * index; ordering and the cursor apply within the slice.
 */
export async function listRequests(models: Pick<Models, 'Request' | 'RequestSlice'>, org: OrgDirectory, q: RequestListQuery, now = Date.now()) {
  let scope: Scope;
  if (q.unit !== undefined) {
    const level = org.levelOf(q.unit);
    if (level === undefined) throw new ApiError(400, 'validation', `query.unit: unknown unit ${q.unit}`);
    scope = { field: `unit${level}`, unit: q.unit };
  }
  const filter: FilterQuery<RequestDoc> = scope ? { [scope.field]: scope.unit } : {};
  if (q.status) filter.status = q.status;
  if (q.level) filter.level = q.level;
  if (q.category) filter.category = q.category;
  const cursor = q.cursor === undefined ? undefined : decodeCursor(q.cursor);
  const nowIso = new Date(now).toISOString();
  if (q.overdue !== undefined) filter['deadline.dueAt'] = q.overdue ? { $lt: nowIso } : { $not: { $lt: nowIso } };
  // Earlier slices' requests were all filed before the cursor, so the cut is harmless beyond its own.
  if (cursor) filter.$or = [{ submittedAt: { $lt: cursor.submittedAt } }, { submittedAt: cursor.submittedAt, _id: { $lt: cursor.id } }];

  const found: RequestDoc[] = [];
  const page = (day?: string) => {
    const items = found.slice(0, q.pageSize);
    const last = items[items.length - 1];
    return { items, next: found.length > q.pageSize && last ? encodeCursor({ submittedAt: last.submittedAt, id: last._id, day }) : undefined };
  };
  /** Reads a day whole, or hour by hour from the newest when it is big; true once the page is full. */
  const readDay = async (day: string, filed: number): Promise<boolean> => {
    // A page may end on the day before the one its cursor names: that cursor starts its day whole.
    const cursorHour = cursor && cursor.submittedAt !== endOfDay ? filingHour(cursor.submittedAt) : undefined;
    const startHour = cursorHour?.startsWith(day) ? cursorHour : `${day}T23`;
    const slices = filed <= maxSlice ? [{ day }] : hoursDownFrom(startHour).map((hour) => ({ hour }));
    for (let i = 0; i < slices.length; i += hoursAtOnce) {
      const limit = q.pageSize + 1 - found.length;
      const read = await Promise.all(slices.slice(i, i + hoursAtOnce).map((slice) =>
        models.Request.find({ ...filter, ...slice }).sort({ submittedAt: -1, _id: -1 }).limit(limit).lean<RequestDoc[]>()));
      for (const docs of read) {
        found.push(...docs);
        if (found.length > q.pageSize) return true;
      }
    }
    return false;
  };

  const to = q.to ?? filingDay(nowIso);
  const from = q.from ?? addDays(to, -defaultSpanDays);
  let day = cursor?.day ?? to;
  // Busy scopes fill a page from a day or two; sparse ones look up more days at once as the walk goes on.
  for (let walked = 0, width = 1; day >= from && walked < daysPerCall; width = Math.min(width * 2, maxDaysAtOnce)) {
    const days = Array.from({ length: width }, (_, i) => addDays(day, -i)).filter((d) => d >= from);
    const filed = await Promise.all(days.map((d) => filedOn(models.RequestSlice, scope, d)));
    for (const [i, d] of days.entries()) {
      if (filed[i] && (await readDay(d, filed[i]))) return page(d);
    }
    walked += days.length;
    day = addDays(day, -days.length);
  }
  // The walk stopped at its bound: the next call goes on from the first day not read.
  return { items: page().items, next: day >= from ? encodeCursor({ submittedAt: endOfDay, id: '', day }) : undefined };
}

function hoursDownFrom(hour: string): string[] {
  const day = hour.slice(0, 10);
  return Array.from({ length: Number(hour.slice(11)) + 1 }, (_, i) => `${day}T${String(Number(hour.slice(11)) - i).padStart(2, '0')}`);
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

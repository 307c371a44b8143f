import { FilterQuery, Model } from 'mongoose';
import { dueHourOf } from '../../activities/db/listShapes';
import { invalidField } from '../errors';
import { alsoMatching, Filter } from './listQuery';

/** How far ahead a due-soon list looks: every hour of it is one indexed query at most. */
export const dueSoonMaxHours = 72;
/** Hours read at once: a quiet window is walked in a few rounds. */
const hoursAtOnce = 6;
const hourMs = 3_600_000;

/** Where the next page starts: after this document, due then. */
interface Cursor {
  at: string;
  id: string;
}

/**
 * Open cases not yet due whose deadline falls before `dueBefore`, soonest first, a page at a time.
 * Each query is equality on the scope and on `dueHour` (the hour a case falls due), so a page costs
 * what falls due in the hours it reads, however many cases are stored; the time window, the order
 * and the cursor apply within the hour.
 */
export async function soonestDue<D extends { _id: string; deadline?: { dueAt: string } }>(
  model: Model<D>,
  filter: Filter,
  q: { dueBefore: string; pageSize: number; cursor?: string },
  now = Date.now(),
): Promise<{ items: D[]; next?: string }> {
  const cursor = q.cursor === undefined ? undefined : decodeCursor(q.cursor);
  const nowIso = new Date(now).toISOString();
  const dueBefore = new Date(q.dueBefore).toISOString();
  let windowed = alsoMatching(filter, { 'deadline.dueAt': { $gte: nowIso, $lt: dueBefore } });
  if (cursor)
    windowed = alsoMatching(windowed, {
      $or: [
        { 'deadline.dueAt': { $gt: cursor.at } },
        { 'deadline.dueAt': cursor.at, _id: { $gt: cursor.id } },
      ],
    });
  const hours: string[] = [];
  for (let at = Date.parse(cursor && cursor.at > nowIso ? cursor.at : nowIso); ; at += hourMs) {
    const hour = dueHourOf(at);
    if (hour > dueHourOf(dueBefore)) break;
    hours.push(hour);
  }

  const found: D[] = [];
  for (let i = 0; i < hours.length && found.length <= q.pageSize; i += hoursAtOnce) {
    const limit = q.pageSize + 1 - found.length;
    const group = await Promise.all(
      hours.slice(i, i + hoursAtOnce).map((dueHour) =>
        model
          .find({ ...windowed, dueHour } as FilterQuery<D>)
          .sort({ 'deadline.dueAt': 1, _id: 1 })
          .limit(limit)
          .lean<D[]>(),
      ),
    );
    for (const docs of group) found.push(...docs);
  }
  const items = found.slice(0, q.pageSize);
  const last = items.at(-1);
  return {
    items,
    next:
      found.length > q.pageSize && last?.deadline
        ? encodeCursor({ at: last.deadline.dueAt, id: last._id })
        : undefined,
  };
}

/** A due-soon window the list can read: ahead of now, and at most `dueSoonMaxHours` ahead. */
export function checkDueWindow(dueBefore: string, now = Date.now()): void {
  const at = Date.parse(dueBefore);
  if (at <= now) throw invalidField('query.dueBefore', 'expected a time ahead of now');
  if (at > now + dueSoonMaxHours * hourMs)
    throw invalidField('query.dueBefore', `expected a time at most ${dueSoonMaxHours} hours ahead`);
}

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

function decodeCursor(text: string): Cursor {
  try {
    const cursor = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as Cursor;
    if (typeof cursor.at === 'string' && typeof cursor.id === 'string' && !('day' in cursor)) return cursor;
  } catch {
    // answered below
  }
  throw invalidField('query.cursor', 'not a cursor this list gave');
}

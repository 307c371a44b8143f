import { FilterQuery, Model } from 'mongoose';
import { beijingDay, beijingHour, landedOn, SliceDoc } from '../../activities/db/slices';
import { invalidField } from '../errors';
import { alsoMatching, Filter } from './listQuery';

/** A list that grows without end, stored with `day` and `hour` fields (Beijing) and counted per scope-day (activities/db/slices.ts). */
export interface SlicedList<D extends { _id: string }> {
  model: Model<D>;
  slices: Model<SliceDoc>;
  /** The list's name in the slice counts, and the scope this query reads */
  list: string;
  scope: string;
  /** Equality on the scope and the other filters; a query adds a day or an hour to it */
  filter: Filter;
  /** The field the list is ordered by, newest first (then `_id`), stored as an ISO string or a Date */
  time: string;
  storedAsDate?: boolean;
  /** The days listed when the caller names none: back from `to`, and `to` ahead of today (by default a year up to today) */
  defaultDays?: { back: number; ahead: number };
}

export interface PageRequest {
  /** Days (Beijing), inclusive; by default the list's `defaultDays` */
  from?: string;
  to?: string;
  pageSize: number;
  cursor?: string;
}

/** Where the next page starts: after this document, on this day. */
interface Cursor {
  at: string;
  id: string;
  day: string;
}

/**
 * A page's cost stays bounded, whatever the list holds: one call walks at most `daysPerCall` days,
 * looks up at most `maxDaysAtOnce` counts at a time, and reads a month whole, else its days whole,
 * else a day hour by hour, while more than `maxSlice` of its documents would match (FerretDB
 * decodes every match of a query to sort it).
 */
const daysPerCall = 62;
const maxDaysAtOnce = 8;
const maxSlice = 150;
const hoursAtOnce = 4;
const defaultDays = { back: 366, ahead: 0 };
/** Sorts after every timestamp: a cursor that resumes at the start of its day. */
const endOfDay = '\uffff';

/**
 * Pages through a list newest first with a keyset cursor, reading one scope's month, day or hour
 * at a time and skipping months and days nothing landed on. Every query is equality on top-level
 * fields plus a month, a day or an hour, so FerretDB pushes it down to an index; order, cursor and
 * a partial month's day range apply within the slice. A page over a sparse scope may come short
 * with a `next`: the walk stopped at its bound.
 */
export async function newestFirst<D extends { _id: string }>(
  list: SlicedList<D>,
  q: PageRequest,
  now = Date.now(),
): Promise<{ items: D[]; next?: string }> {
  const cursor = q.cursor === undefined ? undefined : decodeCursor(q.cursor);
  const stored = (iso: string) => (list.storedAsDate ? new Date(iso) : iso);
  // Earlier slices were all written before the cursor, so the cut is harmless beyond its own. A
  // cursor at the end of its day (a walk's bound) cuts nothing: its day is read whole.
  const filter = (
    cursor && cursor.at !== endOfDay
      ? alsoMatching(list.filter, {
          $or: [
            { [list.time]: { $lt: stored(cursor.at) } },
            { [list.time]: stored(cursor.at), _id: { $lt: cursor.id } },
          ],
        })
      : list.filter
  ) as FilterQuery<D>;
  const timeOf = (doc: D) => {
    const value = (doc as Record<string, unknown>)[list.time];
    return value instanceof Date ? value.toISOString() : String(value);
  };

  const found: D[] = [];
  const page = () => {
    const items = found.slice(0, q.pageSize);
    const last = items[items.length - 1];
    return {
      items,
      next:
        found.length > q.pageSize && last
          ? encodeCursor({ at: timeOf(last), id: last._id, day: beijingDay(timeOf(last)) })
          : undefined,
    };
  };
  const read = (slice: FilterQuery<D>) =>
    list.model
      .find({ ...filter, ...slice })
      .sort({ [list.time]: -1, _id: -1 })
      .limit(q.pageSize + 1 - found.length)
      .lean<D[]>();
  const take = (docs: D[]) => {
    found.push(...docs);
    return found.length > q.pageSize;
  };
  // Of what landed, the share the filters match, as seen so far: a filter that matches few reads busy days whole.
  let matchedShare = 1;
  /** Reads a day whole, or hour by hour from the newest while its matches would be too many; true once the page is full. */
  const readDay = async (day: string, landed: number): Promise<boolean> => {
    // A page may end on the day before the one its cursor names: that cursor starts its day whole.
    const cursorHour = cursor && cursor.at !== endOfDay ? beijingHour(cursor.at) : undefined;
    const hours = hoursDownFrom(cursorHour?.startsWith(day) ? cursorHour : `${day}T23`);
    let matched = 0;
    for (let i = 0; i < hours.length;) {
      const expected =
        i === 0 ? landed * matchedShare : matched < 5 ? Infinity : (matched / i) * (hours.length - i);
      if (expected <= maxSlice) {
        // The rest of the day at once: the hours not read yet are those before the next one.
        const before = i === 0 ? {} : { [list.time]: { $lt: stored(beijingHourStart(hours[i - 1])) } };
        const rest = await read({ day, ...before });
        if (i === 0) matchedShare = Math.min(1, rest.length / landed);
        return take(rest);
      }
      // As many hours as should fill the page at the rate seen so far: on a busy day, one.
      const perHour = i === 0 ? (landed * matchedShare) / 24 : matched / i;
      const step =
        perHour > 0
          ? Math.max(1, Math.min(hoursAtOnce, Math.ceil((q.pageSize + 1 - found.length) / perHour)))
          : hoursAtOnce;
      const group = await Promise.all(hours.slice(i, i + step).map((hour) => read({ hour })));
      for (const docs of group) {
        matched += docs.length;
        if (take(docs)) return true;
      }
      i += step;
      // A few quiet hours are no evidence: a share is learnt only from enough matches.
      if (matched >= 5) matchedShare = Math.min(1, (matched / i) * (24 / landed));
    }
    return false;
  };

  const span = list.defaultDays ?? defaultDays;
  const to = q.to ?? addDays(beijingDay(new Date(now)), span.ahead);
  const from = q.from ?? addDays(to, -span.back);
  /** Reads the days of a month from `last` down to `first`, looking up more counts at once as the walk goes on; how many days it walked, or 'full'. */
  const readDays = async (last: string, first: string, budget: number): Promise<number | 'full'> => {
    let day = last;
    let walked = 0;
    for (let width = 1; day >= first && walked < budget; width = Math.min(width * 2, maxDaysAtOnce)) {
      const days = Array.from({ length: Math.min(width, budget - walked) }, (_, i) =>
        addDays(day, -i),
      ).filter((d) => d >= first);
      const landed = await Promise.all(days.map((d) => landedOn(list.slices, list.list, list.scope, d)));
      for (const [i, d] of days.entries()) {
        if (landed[i] && (await readDay(d, landed[i]))) return 'full';
      }
      walked += days.length;
      day = addDays(day, -days.length);
    }
    return walked;
  };

  let day = cursor?.day ?? to;
  for (let walked = 0; day >= from && walked < daysPerCall;) {
    const month = day.slice(0, 7);
    const first = `${month}-01` < from ? from : `${month}-01`;
    const landed = await landedOn(list.slices, list.list, list.scope, month);
    // A month nothing landed in is passed over whole, not day by day.
    if (!landed) {
      day = addDays(first, -1);
      continue;
    }
    if (landed * matchedShare <= maxSlice) {
      // A quiet month, or one the filters match little of, in one query.
      const whole =
        first === `${month}-01` &&
        (day === lastDayOf(month) || day >= beijingDay(new Date(now))) &&
        cursor?.day.slice(0, 7) !== month;
      const docs = await read(whole ? { month } : { month, day: { $gte: first, $lte: day } });
      if (take(docs)) return page();
      if (whole) matchedShare = Math.min(1, docs.length / landed);
      walked += daysBetween(first, day) + 1;
      day = addDays(first, -1);
      continue;
    }
    const days = await readDays(day, first, daysPerCall - walked);
    if (days === 'full') return page();
    walked += days;
    day = addDays(day, -days);
  }
  // The walk stopped at its bound: the next call goes on from the first day not read.
  return { items: page().items, next: day >= from ? encodeCursor({ at: endOfDay, id: '', day }) : undefined };
}

/** When a Beijing hour `YYYY-MM-DDTHH` begins, as an ISO instant. */
function beijingHourStart(hour: string): string {
  return new Date(Date.parse(`${hour}:00:00+08:00`)).toISOString();
}

function hoursDownFrom(hour: string): string[] {
  const day = hour.slice(0, 10);
  const last = Number(hour.slice(11));
  return Array.from({ length: last + 1 }, (_, i) => `${day}T${String(last - i).padStart(2, '0')}`);
}

function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

function daysBetween(earlier: string, later: string): number {
  return Math.round((Date.parse(`${later}T00:00:00Z`) - Date.parse(`${earlier}T00:00:00Z`)) / 86_400_000);
}

function lastDayOf(month: string): string {
  const [year, m] = month.split('-').map(Number);
  return new Date(Date.UTC(year, m, 0)).toISOString().slice(0, 10);
}

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

function decodeCursor(text: string): Cursor {
  try {
    const cursor = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as Cursor;
    if (
      typeof cursor.at === 'string' &&
      typeof cursor.id === 'string' &&
      /^\d{4}-\d{2}-\d{2}$/.test(cursor.day)
    )
      return cursor;
  } catch {
    // answered below
  }
  throw invalidField('query.cursor', 'not a cursor this list gave');
}

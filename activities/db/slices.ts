import { Model } from 'mongoose';
import { bulkUpsert } from './bulk';

/**
 * How many documents of a list landed in each scope on each day and month (Beijing): a list reads
 * a quiet month in one query and a big day hour by hour, and skips months and days nothing landed
 * on without querying them. A scope names what a list
 * filters on (`unit2=township-t01`, `recipient=member-1`, or `*` for everything). Writers count a
 * document before they write it, so a day counted empty is truly empty. A count is an estimate
 * otherwise, and lists use it only to size their reads: a retried write counts again, and
 * FerretDB 1.24 applies `$inc` by reading the document and writing it back without a lock, so two
 * concurrent writers may lose one increment (never both: the count stays above zero). Exact
 * figures (ledgers, rates) cannot be kept this way on FerretDB.
 */
export interface SliceDoc {
  _id: string;
  n: number;
}

/** What a list by jurisdiction reads: one unit at its ladder level, or everything (`*`). */
export function unitScope(level?: number, unit?: string): string {
  return level === undefined ? '*' : `unit${level}=${unit}`;
}

/** Every scope a case of this jurisdiction is listed in. */
export function unitScopes(jurisdiction: string[]): string[] {
  return [unitScope(), ...jurisdiction.map((unit, level) => unitScope(level, unit))];
}

export function sliceKey(list: string, scope: string, day: string): string {
  return `${list}:${scope}|${day}`;
}

export interface Landed {
  scope: string;
  day: string;
  n?: number;
}

/** What landed, added to the count of its day and of its month (`YYYY-MM`), so a walk skips an empty month in one lookup. */
export function tallyLanded(
  list: string,
  landed: Landed[],
  counts = new Map<string, number>(),
): Map<string, number> {
  for (const { scope, day, n } of landed) {
    for (const key of [sliceKey(list, scope, day), sliceKey(list, scope, day.slice(0, 7))])
      counts.set(key, (counts.get(key) ?? 0) + (n ?? 1));
  }
  return counts;
}

/** Adds what landed to its day and month counts; one update per key. */
export async function countLanded(model: Model<SliceDoc>, list: string, landed: Landed[]): Promise<void> {
  const counts = tallyLanded(list, landed);
  if (!counts.size) return;
  await bulkUpsert(
    model,
    [...counts].map(([_id, n]) => ({
      updateOne: { filter: { _id }, update: { $inc: { n } }, upsert: true },
    })),
  );
}

/**
 * Raises counts to at least the given figures, leaving higher ones as they are: for a repair that
 * knows how many documents truly landed. A count too low may hide a month or day from lists; one
 * too high only costs a list an extra query, and a concurrent writer may have counted since.
 */
export async function countAtLeast(model: Model<SliceDoc>, counts: Map<string, number>): Promise<void> {
  await bulkUpsert(
    model,
    [...counts].map(([_id, n]) => ({
      updateOne: { filter: { _id }, update: { $max: { n } }, upsert: true },
    })),
  );
}

/** How many landed in a scope on a day (`YYYY-MM-DD`) or in a month (`YYYY-MM`). */
export async function landedOn(
  model: Model<SliceDoc>,
  list: string,
  scope: string,
  period: string,
): Promise<number> {
  return (await model.findById(sliceKey(list, scope, period)).lean())?.n ?? 0;
}

/** The day and hour in Beijing time of an instant, `YYYY-MM-DD` and `YYYY-MM-DDTHH`: lists read in slices of them. */
export function beijingHour(at: string | Date): string {
  return new Date(new Date(at).getTime() + 8 * 3_600_000).toISOString().slice(0, 13);
}

export const beijingDay = (at: string | Date) => beijingHour(at).slice(0, 10);

/** The month, day and hour (Beijing) a document lands in: the fields a sliced list matches on. */
export function timeSlices(at: string | Date): { month: string; day: string; hour: string } {
  const hour = beijingHour(at);
  return { month: hour.slice(0, 7), day: hour.slice(0, 10), hour };
}

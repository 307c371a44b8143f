import { Model } from 'mongoose';

/**
 * How many requests were filed in each scope on each day (Beijing): a list reads a big day hour by
 * hour, and skips empty days without querying them. A scope is a unit at its ladder level, or `*`
 * for everything. Counted once per request, when its list document is first written; a write lost
 * between the two only makes a list read a day whole that it could have split.
 */
export interface RequestSliceDoc {
  _id: string;
  n: number;
}

export type Scope = { field: `unit${number}`; unit: string } | undefined;

export function sliceKey(scope: Scope, day: string): string {
  return scope ? `${scope.field}=${scope.unit}|${day}` : `*|${day}`;
}

export async function countFiled(model: Model<RequestSliceDoc>, jurisdiction: string[], day: string): Promise<void> {
  const scopes: Scope[] = [undefined, ...jurisdiction.map((unit, i) => ({ field: `unit${i}` as const, unit }))];
  await model.bulkWrite(scopes.map((scope) => ({ updateOne: { filter: { _id: sliceKey(scope, day) }, update: { $inc: { n: 1 } }, upsert: true } })), { ordered: false });
}

export async function filedOn(model: Model<RequestSliceDoc>, scope: Scope, day: string): Promise<number> {
  return (await model.findById(sliceKey(scope, day)).lean())?.n ?? 0;
}

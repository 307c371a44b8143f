import { FilterQuery } from 'mongoose';
import { unitScope } from '../../activities/db/slices';
import { OrgDirectory } from '../../domain/org';
import { invalidField } from '../errors';

/** A Mongo filter by field names: lists build it before they know their document type. */
export type Filter = FilterQuery<Record<string, unknown>>;

/** How each validated query param narrows a list: the Mongo condition its value stands for. */
export type Conditions<Q> = { [K in keyof Q]?: (value: Exclude<Q[K], undefined>) => Filter };

/** Equality on a top-level field: what FerretDB pushes down to an index (activities/db/store.ts). */
export const equal =
  (field: string) =>
  (value: unknown): Filter => ({ [field]: value });

/**
 * A filter that also requires `condition`. A key both already name (two `$or`s: a filter's and a
 * cursor's) is kept twice under `$and`, so that neither overwrites the other.
 */
export function alsoMatching(filter: Filter, condition: Filter): Filter {
  const clashes = Object.keys(condition).filter((key) => key in filter);
  if (!clashes.length) return { ...filter, ...condition };
  const rest: Filter = { ...filter };
  const moved = Object.fromEntries(clashes.map((key) => [key, rest[key]]));
  for (const key of clashes) delete rest[key];
  return { ...rest, $and: [...((rest.$and as Filter[] | undefined) ?? []), moved, condition] };
}

/** The one place a list's query params become its Mongo filter: every param given adds its condition. */
export function listFilter<Q extends object>(q: Q, conditions: Conditions<Q>, base: Filter = {}): Filter {
  let filter = base;
  for (const key of Object.keys(conditions) as (keyof Q)[]) {
    const value = q[key];
    if (value !== undefined)
      filter = alsoMatching(filter, conditions[key]!(value as Exclude<Q[keyof Q], undefined>));
  }
  return filter;
}

/**
 * A list within one unit of the cases' jurisdiction (any ladder level), or all of them: the slice
 * scope it walks (activities/db/slices.ts) and its equality on the unit's `unit<level>` field.
 */
export function unitScopeOf(org: OrgDirectory, unit: string | undefined): { scope: string; filter: Filter } {
  if (unit === undefined) return { scope: unitScope(), filter: {} };
  const level = org.levelOf(unit);
  if (level === undefined) throw invalidField('query.unit', `unknown unit ${unit}`);
  return { scope: unitScope(level, unit), filter: { [`unit${level}`]: unit } };
}

import { Schema } from 'mongoose';
import { maxLadderLevels } from '../../domain/policy/policy';
import { maxCategoryLevels } from '../../domain/categories/types';

export const ladderLevels = Array.from({ length: maxLadderLevels }, (_, i) => i);

/**
 * A query shape a list runs: the fields it matches by equality, and its order. Every list query
 * is one of these, so its cost is bounded by what the equality fields select: on MongoDB a
 * compound index per shape serves it; on FerretDB over PostgreSQL, a GIN index per field.
 */
export interface ListShape {
  equal: string[];
  order: Record<string, 1 | -1>;
}

const newestFirst = { submittedAt: -1, _id: -1 } as const;
const periods = ['month', 'day', 'hour'];

/** Requests: by scope (a unit, or everything) and filing month, day or hour, then status or level. */
export const requestListShapes: ListShape[] = [undefined, ...ladderLevels].flatMap((level) =>
  periods.flatMap((period) => {
    const scope = level === undefined ? [period] : [`unit${level}`, period];
    return [
      { equal: [...scope, 'status'], order: newestFirst },
      { equal: [...scope, 'level'], order: newestFirst },
    ];
  }),
);

/**
 * Open requests by the hour (UTC) their current deadline falls in, in a scope or everywhere, soonest
 * first: a due-soon list reads one hour at a time, so its cost is what falls due in that hour, however
 * many cases are stored.
 */
export const requestDueShapes: ListShape[] = [undefined, ...ladderLevels].map((level) => ({
  equal: level === undefined ? ['dueHour'] : [`unit${level}`, 'dueHour'],
  order: { 'deadline.dueAt': 1, _id: 1 },
}));

/** The hour (UTC, `YYYY-MM-DDTHH`) an instant falls in: the `dueHour` of a deadline due then. */
export const dueHourOf = (at: string | number): string => new Date(at).toISOString().slice(0, 13);

/** Three-year commitments of one kind: by scope and term-start month, day or hour, then status. */
export const commitmentListShapes: ListShape[] = [undefined, ...ladderLevels].flatMap((level) =>
  periods.flatMap((period) => {
    const scope = level === undefined ? ['kind', period] : ['kind', `unit${level}`, period];
    const order = { startsAt: -1, _id: -1 } as const;
    return [
      { equal: scope, order },
      { equal: [...scope, 'status'], order },
    ];
  }),
);

/** The top-level field holding a case's unit at a ladder level. */
export const unitField = (level: number) => `unit${level}`;

/**
 * A unit's commitments of every kind, by term start: what its commitment figures read
 * (activities/kpi/commitments.ts). Equality on the unit alone: FerretDB over PostgreSQL would AND
 * `kind`'s posting list, which holds every commitment of the kind.
 */
export const commitmentUnitShapes: ListShape[] = ladderLevels.map((level) => ({
  equal: [unitField(level)],
  order: { startsAt: -1, _id: -1 },
}));

/** A case's unit at each ladder level as a top-level field (`unit0`…): what FerretDB can find by index. */
export function unitFields(jurisdiction: string[]): Record<`unit${number}`, string> {
  return Object.fromEntries(jurisdiction.map((unit, level) => [`unit${level}`, unit]));
}

/**
 * An open request's unit at each ladder level again, as `openUnit<level>`, absent once the request
 * is final: what a report finds a unit's open requests by, in one equality whose posting list holds
 * exactly the unit's open requests, however many it has closed.
 */
export const openUnitField = (level: number) => `openUnit${level}`;
export const openUnitFields = ladderLevels.map(openUnitField);

export function openUnitValues(jurisdiction: string[], open: boolean): Record<string, string> {
  return open ? Object.fromEntries(jurisdiction.map((unit, level) => [openUnitField(level), unit])) : {};
}

/**
 * A classified request's path in the category tree, one top-level field per level (`categoryNode1`
 * the root's code …): a list narrows to any node by one more equality within its slice, which
 * FerretDB serves from a GIN index like the unit fields. Unclassified requests carry none.
 */
export const categoryNodeField = (level: number) => `categoryNode${level}`;
export const categoryNodeFields = Array.from({ length: maxCategoryLevels }, (_, i) =>
  categoryNodeField(i + 1),
);

export function categoryNodeValues(path: readonly string[] | undefined): Record<string, string> {
  return Object.fromEntries((path ?? []).map((code, i) => [categoryNodeField(i + 1), code]));
}

/** The inbox: one recipient's notices by the month, day or hour they were sent. */
export const inboxListShapes: ListShape[] = periods.map((period) => ({
  equal: ['recipient', period],
  order: { createdAt: -1, _id: -1 },
}));

/** The fields FerretDB must find by index: every equality field of every shape. */
export function pushdownFields(shapes: ListShape[]): string[] {
  return [...new Set(shapes.flatMap((shape) => shape.equal))];
}

/**
 * Compound indexes for MongoDB, declared but not built automatically: FerretDB would keep
 * btree copies it never uses on every write (store.ts builds them only on MongoDB).
 */
export function declareListIndexes(schema: Schema, shapes: ListShape[]): void {
  schema.set('autoIndex', false);
  for (const shape of shapes)
    schema.index({ ...Object.fromEntries(shape.equal.map((f) => [f, 1])), ...shape.order });
}

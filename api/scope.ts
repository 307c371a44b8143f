import { Request, RequestHandler, Response } from 'express';
import { z } from 'zod';
import { Actor } from '../domain/actors';
import {
  CaseFacts,
  caseVisible,
  listReach,
  ListReach,
  scopeOf,
  Tie,
  unitInScope,
} from '../domain/access/scope';
import { OrgDirectory } from '../domain/org';
import { actorOf } from './actor';
import { invalid, notFound } from './errors';

/**
 * The scope on every endpoint (domain/access/): after the caller and its role are checked and
 * before the body or query is validated, so an out-of-scope target answers 404 whatever was sent.
 * A target out of scope is not found: ids cannot be probed.
 */

/** Path params that name the target, checked for shape first (a 400 names a malformed id). */
function paramsOf<P>(schema: z.ZodType<P>, req: Request): P {
  const parsed = schema.safeParse(req.params);
  if (parsed.success) return parsed.data;
  throw invalid(
    parsed.error.issues.map((i) => ({ field: ['params', ...i.path].join('.'), message: i.message })),
  );
}

/** A case the caller names by id: loaded once, checked against the caller's scope, and kept for the handler. */
export function caseInScope<P, T>(
  params: z.ZodType<P>,
  load: (params: P, actor: Actor) => Promise<{ facts: CaseFacts; value: T }>,
  what: (params: P) => string,
): RequestHandler {
  return (req, res, next) => {
    const run = async () => {
      const p = paramsOf(params, req);
      const { facts, value } = await load(p, actorOf(res));
      if (!caseVisible(scopeOf(actorOf(res)), facts)) throw notFound(what(p));
      res.locals.target = value;
    };
    run().then(() => next(), next);
  };
}

/** The case `caseInScope` loaded. */
export function targetOf<T>(res: Response): T {
  return res.locals.target as T;
}

/** A unit the caller names (a ledger's, a report's, an agenda's, an inbox's): 404 outside the scope. */
export function unitInScopeGuard(
  org: OrgDirectory,
  unitOf: (req: Request) => unknown,
  what = (unit: string) => `unit ${unit}`,
): RequestHandler {
  return (req, res, next) => {
    const unit = unitOf(req);
    if (typeof unit !== 'string' || unitInScope(scopeOf(actorOf(res)), unit, org)) return next();
    next(notFound(what(unit)));
  };
}

/** A list's `?unit=` outside the caller's scope answers 404; what the list then reads is `reachOf(res)`. */
export function listInScope(org: OrgDirectory, listedTie?: Tie): RequestHandler {
  return (req, res, next) => {
    const asked = typeof req.query.unit === 'string' ? req.query.unit : undefined;
    const reach = listReach(scopeOf(actorOf(res)), org, asked, listedTie);
    if (reach === 'out') return next(notFound(`unit ${asked}`));
    res.locals.reach = reach;
    next();
  };
}

/**
 * The list query narrowed to the caller's reach: the unit it reads (so it walks that unit's slices,
 * indexed and paged as before) and, for a scope of people, the `holder` naming the caller; undefined
 * when the reach holds nothing a list can find.
 */
export function withinReach<Q extends { unit?: string; holder?: string }>(
  res: Response,
  q: Q,
): Q | undefined {
  const reach = res.locals.reach as Exclude<ListReach, 'out'>;
  if (reach === 'none') return undefined;
  const narrowed = { ...q, unit: reach.unit };
  if (!reach.person) return narrowed;
  if (q.holder !== undefined && q.holder !== reach.person.id) return undefined;
  return { ...narrowed, holder: reach.person.id };
}

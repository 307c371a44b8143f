import { Request, RequestHandler } from 'express';
import { z } from 'zod';
import { Actor, Role, roles } from '../domain/actors';
import { ApiError, forbidden, invalid, unauthenticated } from './errors';
import { refuseReadOnly } from '../domain/cases/guards';
import './openapi';

/**
 * Until real authentication lands, every write names its actor in headers. The API checks
 * their shape and refuses auditors; the workflow decides what the role may do.
 */
export const actorHeadersSchema = z.object({
  'x-actor-id': z.string().min(1).max(100).openapi({ description: 'who acts, e.g. member-1' }),
  'x-actor-role': z.enum(roles).openapi({ description: 'the actor role' }),
  'x-actor-unit': z.string().min(1).max(100).openapi({ description: 'the unit the actor belongs to' }),
});

/** The actor the headers name, the 401 when none is sent, or the 400 naming each bad header. */
export function actorFromHeaders(headers: Record<string, unknown>): Actor | ApiError {
  if (!Object.keys(actorHeadersSchema.shape).some((name) => name in headers))
    return unauthenticated('no credentials: say who is calling');
  const parsed = actorHeadersSchema.safeParse(headers);
  if (!parsed.success) {
    const errors = parsed.error.issues.map((issue) => ({
      field: `headers.${issue.path.join('.')}`,
      message: issue.message,
    }));
    return invalid(errors);
  }
  const h = parsed.data;
  return { id: h['x-actor-id'], role: h['x-actor-role'], unit: h['x-actor-unit'] };
}

/**
 * Who is calling, or the error that says why nobody is. The one place the API learns the
 * caller: every guard below goes through it.
 */
export async function resolveActor(req: Request): Promise<Actor | ApiError> {
  return actorFromHeaders(req.headers);
}

/**
 * Resolves the caller once per request, before any route: a guard, a per-user rate limit or
 * the action log then reads `res.locals.actor`. A caller who is nobody goes on without one, and
 * the guards answer with the reason kept here.
 */
export const authenticate: RequestHandler = (req, res, next) => {
  resolveActor(req).then((actor) => {
    if (actor instanceof ApiError) res.locals.unauthenticated = actor;
    else res.locals.actor = actor;
    next();
  }, next);
};

/** Runs `check` on the authenticated caller, or answers why there is none or why it may not. */
function guard(check: (actor: Actor) => void): RequestHandler {
  return (_req, res, next) => {
    const actor = res.locals.actor as Actor | undefined;
    if (!actor) return next(res.locals.unauthenticated as ApiError);
    try {
      check(actor);
    } catch (err) {
      return next(err);
    }
    next();
  };
}

/** Writes: any caller except auditors, refused here in the domain's words before a write reaches Temporal. */
export const requireActor: RequestHandler = guard(refuseReadOnly);

/** Every read: an authenticated caller, whatever the role; the scope then decides what it sees. */
export const requireCaller: RequestHandler = guard(() => undefined);

/** Reads some roles may not make at all: the role must be one of `allowed`. */
export function requireReader(allowed: readonly Role[]): RequestHandler {
  return guard((actor) => {
    if (!allowed.includes(actor.role)) {
      throw forbidden(`only the roles ${allowed.join(', ')} may read this, not ${actor.role}`);
    }
  });
}

/** Writes only some roles make: auditors are refused as read-only, any other role not `allowed` by name. */
export function requireWriter(allowed: readonly Role[]): RequestHandler {
  return guard((actor) => {
    refuseReadOnly(actor);
    if (!allowed.includes(actor.role)) {
      throw forbidden(`only the roles ${allowed.join(', ')} may do this, not ${actor.role}`);
    }
  });
}

export function actorOf(res: { locals: Record<string, unknown> }): Actor {
  return res.locals.actor as Actor;
}

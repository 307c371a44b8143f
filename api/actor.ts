import { Request, RequestHandler } from 'express';
import { Actor, Role } from '../domain/actors';
import { OrgPersonDoc } from '../directory/models';
import { PeopleReader } from '../directory/people';
import { roleClaim, unitClaim } from '../identity/claims';
import { Identity } from '../identity/config';
import { TokenRefusal } from '../identity/verifier';
import { ApiError, dependencyUnavailable, forbidden, unauthenticated } from './errors';
import { refuseReadOnly } from '../domain/cases/guards';
import './openapi';

export interface Authentication {
  identity: Identity;
  /** The org directory's people (directory/people.ts) */
  people: Pick<PeopleReader, 'person'>;
}

/**
 * Who is calling, or the error that says why nobody is. The one place the API learns the
 * caller: every guard below goes through it. The bearer token is verified, then its subject is
 * read from the org directory on every request, so a person disabled or reassigned acts no more
 * from the next request on; the token's signed role and unit claims, when present, pick one of
 * the person's assignments, else the first one acts.
 */
export async function resolveActor(
  req: Request,
  { identity, people }: Authentication,
): Promise<Actor | ApiError> {
  const header = req.get('authorization');
  if (!header) return unauthenticated('no credentials: send Authorization: Bearer <token>', false);
  const [, token] = /^Bearer +([^\s]+) *$/i.exec(header) ?? [];
  if (!token) return unauthenticated('the Authorization header is not a Bearer token', true);
  let claims: Record<string, unknown>;
  try {
    claims = await identity.verify(token);
  } catch (err) {
    if (err instanceof TokenRefusal) return unauthenticated(err.message, true);
    throw err;
  }
  const subject = claims[identity.subjectClaim];
  if (typeof subject !== 'string' || !subject) {
    return unauthenticated(`the token has no ${identity.subjectClaim} claim`, true);
  }
  const admits = (copy: OrgPersonDoc | undefined) =>
    !!copy && !copy.disabled && !!chosenAssignment(copy, claims[roleClaim], claims[unitClaim]);
  const person = await people.person(subject, admits).catch((err: Error) => {
    throw dependencyUnavailable('mongodb', err);
  });
  if (!person || person.disabled) {
    return unauthenticated(`${subject} is not an active person of the org directory`, true);
  }
  const assignment = chosenAssignment(person, claims[roleClaim], claims[unitClaim]);
  if (!assignment) {
    return unauthenticated(`the token's role and unit are not an assignment ${subject} holds`, true);
  }
  return { id: person._id, role: assignment.role, unit: assignment.unit };
}

function chosenAssignment(person: OrgPersonDoc, role: unknown, unit: unknown) {
  return person.assignments.find(
    (a) => (role === undefined || a.role === role) && (unit === undefined || a.unit === unit),
  );
}

/**
 * Resolves the caller once per request, before any route: a guard, a per-user rate limit or
 * the action log then reads `res.locals.actor`. A caller who is nobody goes on without one, and
 * the guards answer with the reason kept here.
 */
export function authenticate(authentication: Authentication): RequestHandler {
  return (req, res, next) => {
    resolveActor(req, authentication).then((actor) => {
      if (actor instanceof ApiError) res.locals.unauthenticated = actor;
      else res.locals.actor = actor;
      next();
    }, next);
  };
}

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

/** The org directory's writes: administrators only. */
export const requireAdministrator: RequestHandler = guard((actor) => {
  if (actor.role !== 'administrator') {
    throw forbidden(`only an administrator may change the org directory, not ${actor.role}`);
  }
});

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

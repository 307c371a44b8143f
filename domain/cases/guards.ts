import { Actor, Role, supervisorRoles } from '../actors';
import { Refusal } from '../timeline';

/** Auditors read everything and change nothing, whatever the case. */
export const readOnlyRefusal = 'auditors have read-only access';

export function refuseReadOnly(actor: Pick<Actor, 'role'>): void {
  if (actor.role === 'auditor') throw new Refusal('forbidden', readOnlyRefusal);
}

/** `noun` names the kind of case in the refusal: "cannot dispatch a request that is closed". */
export function requireStatus<S extends string>(
  status: S,
  allowed: readonly S[],
  action: string,
  noun: string,
): void {
  if (!allowed.includes(status))
    throw new Refusal('not_allowed_in_state', `cannot ${action} ${noun} that is ${status}`);
}

export function requireRole(actor: Actor, allowed: readonly Role[], action: string): void {
  if (!allowed.includes(actor.role)) throw new Refusal('forbidden', `role ${actor.role} may not ${action}`);
}

export function requireSupervisor(actor: Actor, action: string): void {
  requireRole(actor, supervisorRoles, action);
}

/** The people a case names (its assignee, its team), or any supervisor; `who` describes them in the refusal. */
export function requireOneOfOrSupervisor(
  actor: Actor,
  people: readonly string[],
  who: string,
  action: string,
): void {
  if (!people.includes(actor.id) && !supervisorRoles.includes(actor.role))
    throw new Refusal('forbidden', `only ${who} or a supervisor may ${action}`);
}

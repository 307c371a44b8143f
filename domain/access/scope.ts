import { Actor } from '../actors';
import { OrgDirectory } from '../org';

/**
 * What an actor may see, from its role and unit: the org tree below a unit, the cases that name
 * the actor, everything (auditors), or nothing (administrators keep the system running and read
 * no case content). One scope serves single reads, lists, counts, ledgers, reports and inboxes.
 */
export interface Scope {
  /** Every case and unit (auditors, and the system itself). */
  everything: boolean;
  /** The unit whose subtree the actor covers: its own unit and everything below it. */
  unit?: string;
  /** Cases that name the actor, and how. */
  person?: { id: string; ties: readonly Tie[] };
}

/** How a case names a person. */
export type Tie = 'assignee' | 'requester' | 'filer' | 'team';

/** The facts of a case that decide who sees it, as its state or read model holds them. */
export interface CaseFacts {
  /** The case's units bottom-up, grid branch to committee (`unit<level>` in read models). */
  jurisdiction: readonly string[];
  assignee?: string;
  /** The requester and the requesters of duplicates merged into it. */
  requesters?: readonly string[];
  /** Who filed it on a resident's behalf (a hotline operator, a grid member). */
  filer?: string;
  /** A commitment's current lead and members. */
  team?: readonly string[];
  /**
   * Units co-handling a part of the case (协办) and the units above each: they see the case, and
   * act only on their part (rules.ts, `checkLeadSide`).
   */
  partners?: readonly string[];
}

const nothing: Scope = { everything: false };

export function scopeOf(actor: Actor): Scope {
  const person = (...ties: Tie[]) => ({ id: actor.id, ties });
  switch (actor.role) {
    case 'auditor':
    case 'system':
      return { everything: true };
    case 'grid_member':
      return { everything: false, unit: actor.unit, person: person('assignee') };
    case 'branch_secretary':
    case 'unit_leader':
    case 'committee':
      return { everything: false, unit: actor.unit };
    case 'resident':
      return { everything: false, person: person('requester') };
    case 'hotline_operator':
      return { everything: false, person: person('filer') };
    case 'assistance_team':
      return { everything: false, person: person('team') };
    case 'administrator':
      return nothing;
  }
}

function tied(facts: CaseFacts, id: string, tie: Tie): boolean {
  switch (tie) {
    case 'assignee':
      return facts.assignee === id;
    case 'requester':
      return !!facts.requesters?.includes(id);
    case 'filer':
      return facts.filer === id;
    case 'team':
      return !!facts.team?.includes(id);
  }
}

/** Whether the scope covers a case: its unit is in the case's jurisdiction (so the case is at or below it), or the case names the person. */
export function caseVisible(scope: Scope, facts: CaseFacts): boolean {
  if (scope.everything) return true;
  if (scope.unit !== undefined && facts.jurisdiction.includes(scope.unit)) return true;
  if (scope.unit !== undefined && facts.partners?.includes(scope.unit)) return true;
  const { person } = scope;
  return !!person && person.ties.some((tie) => tied(facts, person.id, tie));
}

/** A unit and the units above it, bottom-up; empty for an unknown unit. */
export function chainUp(org: Pick<OrgDirectory, 'parentOf' | 'levelOf'>, unit: string): string[] {
  if (org.levelOf(unit) === undefined) return [];
  const chain = [unit];
  // Bounded by the ladder's height, whatever the directory holds.
  for (let up = org.parentOf(unit); up !== undefined && !chain.includes(up); up = org.parentOf(up))
    chain.push(up);
  return chain;
}

/** Whether a unit of the org tree (for its ledger, report, ranking line, agenda or inbox) is within the scope. */
export function unitInScope(
  scope: Scope,
  unit: string,
  org: Pick<OrgDirectory, 'parentOf' | 'levelOf'>,
): boolean {
  if (scope.everything) return true;
  return scope.unit !== undefined && chainUp(org, unit).includes(scope.unit);
}

/**
 * What an actor sees of the org directory's people: administrators, who manage the directory, see
 * all of it, as auditors do; staff see the people of their unit and below it.
 */
export function directoryScope(actor: Actor): Scope {
  return actor.role === 'administrator' ? { everything: true } : scopeOf(actor);
}

/** Whether the scope covers a person of the directory: one of their roles is in a unit it covers. */
export function personVisible(
  scope: Scope,
  assignments: readonly { unit: string }[],
  org: Pick<OrgDirectory, 'parentOf' | 'levelOf'>,
): boolean {
  return scope.everything || assignments.some((a) => unitInScope(scope, a.unit, org));
}

/** The units a scope covers, for a directory query; undefined when it covers every unit. */
export function unitsInScope(
  scope: Scope,
  org: Pick<OrgDirectory, 'parentOf' | 'levelOf' | 'unitIds'>,
): string[] | undefined {
  if (scope.everything) return undefined;
  return org.unitIds().filter((unit) => unitInScope(scope, unit, org));
}

/**
 * What a list or count reads for a scope: a unit's cases (indexed by `unit<level>`, walked in its
 * slices), the cases of every unit, optionally narrowed to those naming a person in a field the list
 * stores, or `'out'` when the unit asked for is outside the scope.
 */
export type ListReach = { unit?: string; person?: { id: string } } | 'out' | 'none';

/**
 * A list's reach. `listedTie` is how the list's documents name people in a field it can filter on
 * (commitments keep their team as `holders`); a scope of people a list cannot find that way
 * (requesters, filers) reads nothing: those cases are read one by one.
 */
export function listReach(
  scope: Scope,
  org: Pick<OrgDirectory, 'parentOf' | 'levelOf'>,
  asked: string | undefined,
  listedTie?: Tie,
): ListReach {
  if (scope.everything) return asked === undefined ? {} : { unit: asked };
  if (scope.unit !== undefined) {
    // A unit the org does not know covers nothing.
    if (asked === undefined) return chainUp(org, scope.unit).length ? { unit: scope.unit } : 'none';
    return unitInScope(scope, asked, org) ? { unit: asked } : 'out';
  }
  const person = scope.person;
  if (person && listedTie && person.ties.includes(listedTie))
    return { ...(asked === undefined ? {} : { unit: asked }), person: { id: person.id } };
  return 'none';
}

/** Whether the scope covers every unit of the org: what a record spanning them all (the action log) needs. */
export function coversOrg(
  scope: Scope,
  org: Pick<OrgDirectory, 'parentOf' | 'levelOf' | 'unitIds'>,
): boolean {
  return org.unitIds().every((unit) => unitInScope(scope, unit, org));
}

/**
 * Whose inbox an actor reads: its own, its units' (a unit's notices are for those who cover it), and
 * the administrators' for administrators; auditors read every inbox.
 */
export function inboxReadable(
  actor: Actor,
  recipient: string,
  org: Pick<OrgDirectory, 'parentOf' | 'levelOf'>,
  administratorsInbox: string,
): boolean {
  const scope = scopeOf(actor);
  if (recipient === actor.id || unitInScope(scope, recipient, org)) return true;
  return actor.role === 'administrator' && recipient === administratorsInbox;
}

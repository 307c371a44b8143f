import { Actor } from '../actors';
import { Refusal } from '../timeline';
import { CaseFacts, caseVisible, scopeOf } from './scope';

/**
 * Rules that name a level of the ladder check where the actor's unit really sits in the case's
 * jurisdiction, not the actor's role: the workflow decides which roles may act, these decide at
 * which rung. The API checks them before it sends the action, so the workflow code is unchanged.
 * Each refusal names its rule.
 */
export interface RequestRuleFacts extends CaseFacts {
  /** The rung the request sits at (0 = grid branch). */
  level: number;
  /** The rung that resolved it, while resolved or closed. */
  resolvedAtLevel?: number;
}

/** The actor's rung in the case's jurisdiction (its highest: a township holding a request no grid covers stands in for the rungs below it), or -1 when its unit is not in it. */
export function rungOf(actor: Pick<Actor, 'unit'>, jurisdiction: readonly string[]): number {
  return jurisdiction.lastIndexOf(actor.unit);
}

function refuse(rule: string, why: string): never {
  throw new Refusal('forbidden', `rule ${rule}: ${why}`);
}

/**
 * A co-handling unit (or one above it) sees the request for its part's sake; everything else on the
 * request is the lead's, acted on by those whose scope covers it without the co-handlers.
 */
export function checkLeadSide(actor: Actor, facts: RequestRuleFacts): void {
  if (!caseVisible(scopeOf(actor), { ...facts, partners: undefined }))
    refuse(
      'co-handler-acts-on-its-part',
      `${actor.unit} co-handles this request: it reports its own part, the lead unit ${facts.jurisdiction[facts.level]} does the rest`,
    );
}

/** 延期: the level above the one holding the request decides (the level the workflow told). */
export function checkExtensionDecision(actor: Actor, facts: RequestRuleFacts): void {
  const above = Math.min(facts.level + 1, facts.jurisdiction.length - 1);
  if (rungOf(actor, facts.jurisdiction) < above)
    refuse(
      'extension-by-level-above',
      `the extension is decided by ${facts.jurisdiction[above]} or a unit above it, not ${actor.unit}`,
    );
}

/**
 * 下单, reject and merge: the unit holding the request, or one above it. A new request is held by
 * its grid's own branch; once it has climbed, the branch below no longer acts on it.
 */
export function checkHolderOrAbove(actor: Actor, facts: RequestRuleFacts, action: string): void {
  if (rungOf(actor, facts.jurisdiction) < facts.level)
    refuse(
      `${action}-by-holder-or-above`,
      `the request is held by ${facts.jurisdiction[facts.level]}; ${actor.unit} is not it nor a unit above it`,
    );
}

/** Escalate straight to the committee: the assignee, or the unit holding the request or one above it. */
export function checkEscalation(actor: Actor, facts: RequestRuleFacts): void {
  if (facts.assignee === actor.id) return;
  checkHolderOrAbove(actor, facts, 'escalate');
}

/** Reopen: the level that resolved it, or one above it. */
export function checkReopen(actor: Actor, facts: RequestRuleFacts): void {
  const resolvedAt = facts.resolvedAtLevel ?? facts.level;
  if (rungOf(actor, facts.jurisdiction) < resolvedAt)
    refuse(
      'reopen-by-resolving-level-or-above',
      `it was resolved by ${facts.jurisdiction[resolvedAt]}; ${actor.unit} is not it nor a unit above it`,
    );
}

/**
 * 点单: a resident files only for themself; hotline operators file for any resident; grid staff
 * file for residents of a grid within their unit.
 */
export function checkFiling(actor: Actor, requesterId: string, jurisdiction: readonly string[]): void {
  if (actor.role === 'resident' && requesterId !== actor.id)
    refuse('resident-files-for-themself', `requester.id must be ${actor.id}, the resident filing`);
  if (actor.role !== 'resident' && actor.role !== 'hotline_operator' && !jurisdiction.includes(actor.unit))
    refuse('file-within-own-unit', `the grid is not within ${actor.unit}`);
}

/**
 * Duplicate candidates show a filer what is already open where it files: a hotline operator files for
 * any grid, so it sees every neighbourhood's (a candidate shows no requester and no description);
 * anyone else sees those in its scope.
 */
export function seesEveryCandidate(actor: Actor): boolean {
  return actor.role === 'hotline_operator';
}

/** A team opens only a commitment it is on; supervisors open one for a grid within their unit. */
export function checkOpening(actor: Actor, team: readonly string[], jurisdiction: readonly string[]): void {
  if (actor.role === 'assistance_team') {
    if (!team.includes(actor.id))
      refuse('team-opens-its-own', `${actor.id} is neither the lead nor a member of the team`);
  } else if (!jurisdiction.includes(actor.unit))
    refuse('open-within-own-unit', `the grid is not within ${actor.unit}`);
}

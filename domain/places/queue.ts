import { chainUp } from '../access/scope';
import { PlaceDirectory } from './match';

/**
 * The jurisdiction of a request waiting in a township's dispatch queue: the township stands in for
 * the rungs below it until a dispatcher routes the request to its grid, so the jurisdiction keeps
 * the ladder's length (`[township-t01, township-t01, township-t01, committee-c01]`). Scope sees it
 * at the township and above; ledgers and overdue counts take each unit once (`new Set`), at the
 * level they read (the township's); lists find it under the township's `unit<level>`.
 * Undefined for a unit that is not a township.
 */
export function dispatchJurisdiction(
  org: Pick<PlaceDirectory, 'parentOf' | 'levelOf'>,
  township: string,
  level: number,
  ladderLength: number,
): string[] | undefined {
  if (org.levelOf(township) !== level) return undefined;
  const above = chainUp(org, township);
  if (level + above.length !== ladderLength) return undefined;
  return [...Array<string>(level).fill(township), ...above];
}

import { addDuration } from '../policy/calendar';
import { Policy } from '../policy/policy';

/** How a case that has become final ends: from when, and whether it may still be reopened. */
export interface Closing {
  /** When it became final (ISO 8601): stamped on the change into a final status, and kept while it stays final. */
  closedAt: string;
  /** A closed case may still be reopened (or its final assessment commented on) for the policy's reopen window; any other final case ends at once. */
  reopenable: boolean;
}

/**
 * When a case's workflow ends if nothing else happens; undefined while it must wait for people.
 * It depends on the closing alone, so what happens to a closed case within its window (a
 * duplicate absorbed, a comment on its assessment) never pushes its end out.
 */
export function endsAt(closing: Closing | undefined, policy: Policy): number | undefined {
  if (!closing) return undefined;
  const closedAt = Date.parse(closing.closedAt);
  return closing.reopenable ? addDuration(closedAt, policy.reopenWindow, policy.calendar) : closedAt;
}

/** A case's `closedAt` after a change at `at`: stamped entering a final status, kept while final, gone on reopening. */
export function closedAtAfter(
  before: { final: boolean; closedAt?: string },
  final: boolean,
  at: string,
): string | undefined {
  if (!final) return undefined;
  return before.final ? before.closedAt : at;
}

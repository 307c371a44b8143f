import { Actor } from '../actors';
import { DurationSpec } from '../policy/duration';

/** Everything a person can do to a citizen request; each carries who and why. */
export type RequestCommand =
  | { type: 'dispatch'; actor: Actor; assignee: string; note?: string }
  | { type: 'accept'; actor: Actor; note?: string }
  | { type: 'return'; actor: Actor; reason: string }
  | { type: 'progress'; actor: Actor; note: string }
  | { type: 'requestExtension'; actor: Actor; duration: DurationSpec; reason: string }
  | { type: 'decideExtension'; actor: Actor; approve: boolean; note: string }
  | { type: 'resolve'; actor: Actor; note: string }
  | { type: 'feedback'; actor: Actor; satisfied: boolean; note?: string }
  | { type: 'escalate'; actor: Actor; reason: string }
  | { type: 'withdraw'; actor: Actor; reason: string }
  | { type: 'reopen'; actor: Actor; reason: string }
  | { type: 'reject'; actor: Actor; reason: string }
  | { type: 'merge'; actor: Actor; into: string; note?: string }
  | { type: 'absorbDuplicate'; actor: Actor; duplicateId: string; requesterId: string };

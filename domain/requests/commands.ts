import { Actor } from '../actors';
import { CommitteeDecision } from '../committee/decisions';
import { DurationSpec } from '../policy/duration';

/** A co-handling unit named with its task; its chain and level come from the org directory (the API resolves them). */
export interface CoHandlerAssignment {
  unit: string;
  task: string;
  chain: string[];
  level: number;
  /** Its own deadline; the policy's `coHandling.deadline` when absent. */
  deadline?: DurationSpec;
}

/** Everything a person can do to a citizen request; each carries who and why. */
export type RequestCommand =
  | { type: 'dispatch'; actor: Actor; assignee: string; note?: string }
  | { type: 'accept'; actor: Actor; note?: string }
  | { type: 'return'; actor: Actor; reason: string }
  | { type: 'progress'; actor: Actor; note: string }
  | { type: 'requestExtension'; actor: Actor; duration: DurationSpec; reason: string }
  | { type: 'decideExtension'; actor: Actor; approve: boolean; note: string }
  | { type: 'resolve'; actor: Actor; note: string }
  /** `requester`: whose answer staff record, in a merged group; a resident answers for themself. */
  | { type: 'feedback'; actor: Actor; satisfied: boolean; note?: string; requester?: string }
  | { type: 'escalate'; actor: Actor; reason: string }
  | { type: 'withdraw'; actor: Actor; reason: string }
  | { type: 'reopen'; actor: Actor; reason: string }
  | { type: 'reject'; actor: Actor; reason: string }
  | { type: 'merge'; actor: Actor; into: string; note?: string }
  /** 分拨: a request whose place matched no grid, sent from the township's queue to its grid (units from the directory). */
  | { type: 'route'; actor: Actor; gridId: string; jurisdiction: string[]; note?: string }
  | { type: 'absorbDuplicate'; actor: Actor; duplicateId: string; requesterId: string }
  /** 协办: co-handling units named beside the lead, each with its task and deadline. */
  | { type: 'assignCoHandlers'; actor: Actor; parts: CoHandlerAssignment[]; note?: string }
  /** A co-handler reports its part done; its deadline stops. */
  | { type: 'reportCoHandling'; actor: Actor; unit: string; note: string }
  /** The lead releases a co-handler from its part. */
  | { type: 'releaseCoHandler'; actor: Actor; unit: string; reason: string }
  /** What the standing committee decided on the request at a meeting (domain/committee): `merge.into` is a request id. */
  | {
      type: 'committeeDecision';
      actor: Actor;
      meetingId: string;
      heldAt: string;
      decision: CommitteeDecision;
    };

/** The request a command merges this one into, by a supervisor or by the committee: that one must absorb it. */
export function mergeTarget(command: RequestCommand): string | undefined {
  if (command.type === 'merge') return command.into;
  if (command.type === 'committeeDecision' && command.decision.kind === 'merge') return command.decision.into;
  return undefined;
}

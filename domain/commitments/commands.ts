import { Actor } from '../actors';
import { CommitteeDecision } from '../committee/decisions';

/** Everything people do to a plan, a pairing or a pledge; each carries who and why. */
export type CommitmentCommand =
  | {
      type: 'signLetter';
      actor: Actor;
      year: number;
      targets: string[];
      fundsTargetYuan?: number;
      note?: string;
    }
  | { type: 'recordVisit'; actor: Actor; at?: string; note: string; household?: string }
  | { type: 'openProblem'; actor: Actor; title: string; area: string; note?: string }
  | { type: 'progressProblem'; actor: Actor; problemId: string; note: string }
  | { type: 'resolveProblem'; actor: Actor; problemId: string; outcome: string }
  | { type: 'withdrawProblem'; actor: Actor; problemId: string; reason: string }
  | { type: 'recordFunding'; actor: Actor; amountYuan: number; source: string; date: string; note?: string }
  | { type: 'promiseDeed'; actor: Actor; title: string; household?: string }
  | { type: 'completeDeed'; actor: Actor; deedId: string; note?: string }
  | { type: 'commentAssessment'; actor: Actor; year: number; text: string }
  | { type: 'handover'; actor: Actor; role: 'lead' | 'member'; from: string; to: string; reason: string }
  | { type: 'suspend'; actor: Actor; reason: string }
  | { type: 'resume'; actor: Actor; reason: string }
  | { type: 'close'; actor: Actor; reason: string }
  /** What the standing committee decided at a meeting on one of its problems that escalated to the committee (domain/committee). */
  | {
      type: 'committeeDecision';
      actor: Actor;
      problemId: string;
      meetingId: string;
      heldAt: string;
      decision: CommitteeDecision;
    };

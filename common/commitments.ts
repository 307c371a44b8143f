import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import { CommitmentCommand } from '../domain/commitments/commands';
import { CommitmentState, CommitmentSubmission } from '../domain/commitments/state';
import { ProblemCommand, ProblemInput, ProblemState } from '../domain/problems/problem';
import { CommitmentKind, Policy } from '../domain/policy/policy';

/**
 * The contract between api/ and workflows/ for three-year commitments (enterprise plans,
 * household pairings, members' pledges) and their problems. Names are forever: add, never rename.
 */
export interface CommitmentInput {
  submission: CommitmentSubmission;
  /** The policy in force at opening; the commitment keeps it for its whole term. */
  policy: Policy;
  /** Set only by continue-as-new: the state carried into the new run. */
  carried?: CommitmentState;
  /** Continue as new once a run's history has this many events (the server's own suggestion also counts). */
  continueAfterEvents?: number;
}

export const commitmentActionUpdate = defineUpdate<CommitmentState, [CommitmentCommand]>('commitmentAction');
export const commitmentStateQuery = defineQuery<CommitmentState>('commitmentState');
/** A problem case tells its commitment when its status or level changes. */
export const problemChangedSignal = defineSignal<[CommitmentCommand & { type: 'problemChanged' }]>('problemChanged');

export interface ProblemWorkflowInput {
  problem: ProblemInput;
  policy: Policy;
  carried?: ProblemState;
}

export const problemActionUpdate = defineUpdate<ProblemState, [ProblemCommand]>('problemAction');
export const problemStateQuery = defineQuery<ProblemState>('problemState');
/** The commitment tells its open problems who leads now (事随人转), and withdraws them when it closes. */
export const commitmentToProblemSignal = defineSignal<[ProblemCommand & { type: 'changeOwner' | 'withdraw' }]>('commitmentToProblem');

export const commitmentWorkflowTypes: Record<CommitmentKind, string> = {
  enterprise: 'assistancePlan',
  pairing: 'householdPairing',
  pledge: 'memberPledge',
};

const prefixes: Record<CommitmentKind, string> = { enterprise: 'plan', pairing: 'pairing', pledge: 'pledge' };

export function commitmentWorkflowId(kind: CommitmentKind, id: string): string {
  return `${prefixes[kind]}-${id}`;
}

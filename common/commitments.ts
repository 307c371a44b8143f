import { defineQuery, defineUpdate } from '@temporalio/workflow';
import { CommitmentCommand } from '../domain/commitments/commands';
import { CommitmentState, CommitmentSubmission } from '../domain/commitments/state';
import type { CommitmentKind, Policy } from '../domain/policy/policy';
import { caseKinds, caseWorkflowId } from './caseKinds';

/**
 * The contract between api/ and workflows/ for three-year commitments (enterprise plans,
 * household pairings, members' pledges). Names are forever: add, never rename.
 */
export interface CommitmentInput {
  submission: CommitmentSubmission;
  /** The policy in force at opening; the commitment keeps it for its whole term. */
  policy: Policy;
  /** Set only by continue-as-new: the state carried into the new run. */
  carried?: CommitmentState;
  /** Continue as new once a run's history has this many events (the server's own suggestion also counts). */
  continueAfterEvents?: number;
  /**
   * When the API opened the commitment (ISO 8601). The workflow's first decision is made at
   * this time, so the API answers with the state the case starts in without asking the
   * workflow. Absent from commitments opened before.
   */
  openedAt?: string;
}

export const commitmentActionUpdate = defineUpdate<CommitmentState, [CommitmentCommand]>('commitmentAction');
export const commitmentStateQuery = defineQuery<CommitmentState>('commitmentState');
export const commitmentWorkflowTypes = Object.fromEntries(
  caseKinds.filter((k) => k.readModel === 'commitment').map((k) => [k.kind, k.workflowType]),
) as Record<CommitmentKind, string>;

export function commitmentWorkflowId(kind: CommitmentKind, id: string): string {
  return caseWorkflowId(kind, id);
}

import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import { RequestCommand } from '../domain/requests/commands';
import { CitizenRequestState, RequestSubmission, StoredRequestState } from '../domain/requests/state';
import { Policy } from '../domain/policy/policy';
import { caseKind, caseWorkflowId } from './caseKinds';

/**
 * The contract between api/ and workflows/ for citizen requests: names, payloads and IDs,
 * defined once. Changing a name here breaks running cases; add new definitions instead.
 */
export interface CitizenRequestInput {
  submission: RequestSubmission;
  /** The policy in force at filing; the case keeps it, so a policy change never moves its deadlines. */
  policy: Policy;
  /** Set only by continue-as-new: the state carried into the new run (runs before lists of deadlines carried one). */
  carried?: StoredRequestState;
  /**
   * When the API filed the request (ISO 8601). The workflow's first decision is made at this
   * time, so the API answers with the state the case starts in without asking the workflow.
   * Absent from requests filed before.
   */
  submittedAt?: string;
  /** Continue as new past this many history events (tests; default in the case shell). */
  continueAfterEvents?: number;
}

export const requestActionUpdate = defineUpdate<CitizenRequestState, [RequestCommand]>('requestAction');
/** Sent by a merged duplicate to the request it was merged into. */
export const absorbDuplicateSignal =
  defineSignal<[RequestCommand & { type: 'absorbDuplicate' }]>('absorbDuplicate');
export const requestStateQuery = defineQuery<CitizenRequestState>('requestState');

export const citizenRequestWorkflowType = caseKind('request').workflowType;

/** Workflow IDs come from business keys: the request's own id, itself derived from the Idempotency-Key when given. */
export function requestWorkflowId(requestId: string): string {
  return caseWorkflowId('request', requestId);
}

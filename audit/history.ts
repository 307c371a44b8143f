import { Client } from '@temporalio/client';
import { caseWorkflowTypes } from '../common/caseKinds';
import { codecsOf, decodeInPlace } from '../common/payloadCodec';
import type { History } from '@temporalio/common/lib/proto-utils';

/** One run of a case's workflow; continue-as-new starts the next one under the same workflow ID. */
export interface CaseRun {
  runId: string;
  history: History;
}

/** A case's whole record of truth: every run of its workflow, oldest first. */
export interface CaseHistory {
  caseId: string;
  workflowType: string;
  runs: CaseRun[];
}

/** The workflow types that are cases; closed ones are what auditors verify and archive. */

/** The latest run of a case, as visibility lists it. */
export interface CaseRef {
  caseId: string;
  workflowType: string;
  runId: string;
}

/**
 * Reads every run of a case from Temporal, walking back from the latest run through the run each
 * one continued, decoded with the client's codecs: every tool reads it as plain data. A caller
 * that listed the case already knows its latest run and saves a call.
 */
export async function fetchCaseHistory(
  client: Client,
  caseId: string,
  listed?: CaseRef,
): Promise<CaseHistory> {
  const latest: CaseRef = listed ?? (await describeCase(client, caseId));
  const runs: CaseRun[] = [];
  for (let runId: string | undefined = latest.runId; runId;) {
    const history: History = await decodeInPlace(
      codecsOf(client),
      await client.workflow.getHandle(caseId, runId).fetchHistory(),
    );
    runs.unshift({ runId, history });
    runId = startedAttributes(history).continuedExecutionRunId || undefined;
  }
  return { caseId, workflowType: latest.workflowType, runs };
}

async function describeCase(client: Client, caseId: string): Promise<CaseRef> {
  const described = await client.workflow.getHandle(caseId).describe();
  return { caseId, workflowType: described.type, runId: described.runId };
}

/** How many history events a case has, over all its runs. */
export function eventCount(history: CaseHistory): number {
  return history.runs.reduce((sum, run) => sum + (run.history.events?.length ?? 0), 0);
}

export function startedAttributes(history: History) {
  const attributes = history.events?.[0]?.workflowExecutionStartedEventAttributes;
  if (!attributes) throw new Error('a workflow history must begin with WorkflowExecutionStarted');
  return attributes;
}

export interface ClosedRange {
  closedFrom?: Date;
  closedBefore?: Date;
}

/** Case IDs whose last run closed in the range (Temporal's visibility; the time-skipping test server has none). */
export async function* listClosedCases(client: Client, range: ClosedRange): AsyncGenerator<string> {
  const clauses = [
    `WorkflowType IN (${caseWorkflowTypes.map((t) => `'${t}'`).join(', ')})`,
    `ExecutionStatus != 'Running'`,
    `ExecutionStatus != 'ContinuedAsNew'`,
    ...(range.closedFrom ? [`CloseTime >= '${range.closedFrom.toISOString()}'`] : []),
    ...(range.closedBefore ? [`CloseTime < '${range.closedBefore.toISOString()}'`] : []),
  ];
  for await (const execution of client.workflow.list({ query: clauses.join(' AND ') }))
    yield execution.workflowId;
}

/**
 * Every case Temporal holds, open or closed, by its latest run (a run that continued as new is
 * listed under its successor). With `changedSince`: only the open ones and those started or
 * closed since then.
 */
export async function* listCases(client: Client, changedSince?: Date): AsyncGenerator<CaseRef> {
  const since = changedSince?.toISOString();
  const changed = since
    ? ` AND (ExecutionStatus = 'Running' OR StartTime >= '${since}' OR CloseTime >= '${since}')`
    : '';
  const query = `WorkflowType IN (${caseWorkflowTypes.map((t) => `'${t}'`).join(', ')}) AND ExecutionStatus != 'ContinuedAsNew'${changed}`;
  for await (const execution of client.workflow.list({ query }))
    yield { caseId: execution.workflowId, workflowType: execution.type, runId: execution.runId };
}

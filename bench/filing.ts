import { randomUUID } from 'node:crypto';
import { WorkflowIdReusePolicy } from '@temporalio/common';
import { citizenRequestWorkflowType, CitizenRequestInput, requestWorkflowId } from '../common/requests';
import { RequestSubmission } from '../domain/requests/state';
import { runConcurrently } from './load';
import { Stack } from './stack';

/** What a resident files: the submission before the API gives it an id and its jurisdiction. */
export type RequestBody = Omit<RequestSubmission, 'id' | 'jurisdiction'>;

export const grids = ['g01', 'g02', 'g03'];

/** A typical hotline request, the n-th of a run: each from its own resident, spread over the grids. */
export function requestBody(n: number, overrides: Partial<RequestBody> = {}): RequestBody {
  return {
    channel: 'hotline',
    category: 'general',
    urgency: 'normal',
    title: `楼道灯坏了 stairwell light out #${n}`,
    description:
      'The light on the 3rd floor has been out for a week; residents use their phones on the stairs.',
    requester: { id: `resident-${n}`, name: '张三', phone: '13800000000' },
    gridId: grids[n % grids.length],
    major: false,
    ...overrides,
  };
}

/**
 * Starts the request's workflow as a bare Temporal client would: the input the API builds
 * (the submission with its jurisdiction, the policy in force, or another), no HTTP, no wait for its state.
 */
export async function startRaw(stack: Stack, body: RequestBody, policy = stack.policy): Promise<string> {
  const id = randomUUID();
  const input: CitizenRequestInput = {
    submission: { ...body, id, jurisdiction: stack.org.jurisdictionOf(body.gridId)! },
    policy,
  };
  await stack.temporal.workflow.start(citizenRequestWorkflowType, {
    taskQueue: stack.taskQueue,
    workflowId: requestWorkflowId(id),
    args: [input],
    workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
  });
  return id;
}

/**
 * Files requests until `target` are stored, by the cheapest path (bare starts, 16 at a time), then
 * waits for the worker to project them all. Stops at `until` (epoch ms). Returns the count reached.
 */
export async function fillTo(
  stack: Stack,
  target: number,
  log: (line: string) => void,
  until = Infinity,
): Promise<number> {
  const have = await stack.storedRequests();
  if (have < target) {
    const { ms, done } = await runConcurrently(
      target - have,
      16,
      (i) => startRaw(stack, requestBody(have + i)).then(() => undefined),
      until,
    );
    log(
      `filed ${done} requests in ${(ms / 1000).toFixed(0)} s (${((done / ms) * 1000).toFixed(0)}/s started)`,
    );
    const settled = await stack.settle(Math.max(60_000, until - Date.now()));
    log(`worker caught up ${(settled / 1000).toFixed(0)} s later`);
  }
  return stack.storedRequests();
}

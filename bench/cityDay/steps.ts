import { Actor } from '../../domain/actors';
import { Latencies } from '../load';
import { Stack } from '../stack';
import { PlannedRequest, Step } from './plan';

export interface Outcome {
  done: number;
  /** Answered 409 or 403: the workflow refused it, e.g. the clock escalated the case first. */
  refused: number;
  failed: number;
}

/** Who takes each step, as the grid's people would: the secretary dispatches, the member works, the village leader decides extensions. */
function people(request: PlannedRequest, jurisdiction: string[]) {
  const grid = request.body.gridId;
  const member = (k: number): Actor => ({
    id: `member-${grid}-${(request.n + k) % 12}`,
    role: 'grid_member',
    unit: `grid-${grid}`,
  });
  return {
    resident: { id: request.body.requester.id, role: 'resident', unit: grid } as Actor,
    secretary: { id: `sec-${grid}`, role: 'branch_secretary', unit: `grid-${grid}` } as Actor,
    leader: { id: `leader-${jurisdiction[1]}`, role: 'unit_leader', unit: jurisdiction[1] } as Actor,
    member,
  };
}

/**
 * Files the request over HTTP and takes its steps one after another. `recent` holds the request
 * filed last by any operator: a duplicate merges into the one filed before it.
 */
export async function replayRequest(
  stack: Stack,
  request: PlannedRequest,
  recent: { id?: string },
  latencies: Latencies,
  outcome: Outcome,
): Promise<void> {
  const previous = recent.id;
  const who = people(request, stack.org.jurisdictionOf(request.body.gridId)!);
  let dispatches = 0;
  let assignee = who.member(0);
  const call = async (
    action: string,
    path: string,
    body: unknown,
    actor: Actor,
  ): Promise<{ id?: string } | undefined> => {
    // An answer that never comes (the client gives up after 5 minutes) is a failed action, not the end of the day.
    const res = await latencies
      .time(action, () => stack.http.post(path, body, actor))
      .catch((err: Error) => ({ status: 0, body: { detail: err.message } }));
    if (res.status < 300) outcome.done += 1;
    else if (res.status === 409 || res.status === 403) outcome.refused += 1;
    else {
      outcome.failed += 1;
      if (outcome.failed <= 5) console.error(`${action} answered ${res.status}: ${JSON.stringify(res.body)}`);
    }
    return res.status < 300 ? res.body : undefined;
  };
  const filed = await call('file', '/requests', request.body, who.resident);
  if (!filed?.id) return;
  recent.id = filed.id;
  const at = (action: string) => `/requests/${filed.id}/${action}`;
  const steps: Record<Step, () => Promise<unknown>> = {
    dispatch: () => {
      assignee = who.member(dispatches++);
      return call('dispatch', at('dispatch'), { assignee: assignee.id }, who.secretary);
    },
    return: () => call('return', at('return'), { reason: '不在本网格 not in my grid' }, assignee),
    accept: () => call('accept', at('accept'), {}, assignee),
    progress: () =>
      call('progress', at('progress'), { note: '已联系物业 called the property manager' }, assignee),
    extend: () =>
      call('extend', at('extend'), { duration: 'PT10M', reason: '等待配件 waiting for parts' }, assignee),
    approveExtension: () =>
      call('decideExtension', at('extend/decision'), { approve: true, note: '同意 approved' }, who.leader),
    refuseExtension: () =>
      call('decideExtension', at('extend/decision'), { approve: false, note: '不同意 refused' }, who.leader),
    resolve: () => call('resolve', at('resolve'), { note: '已修复 fixed' }, assignee),
    feedbackSatisfied: () => call('feedback', at('feedback'), { satisfied: true }, who.resident),
    feedbackUnsatisfied: () =>
      call('feedback', at('feedback'), { satisfied: false, note: '还是坏的 still broken' }, who.resident),
    escalate: () =>
      call('escalate', at('escalate'), { reason: '涉及多个部门 several departments involved' }, assignee),
    withdraw: () => call('withdraw', at('withdraw'), { reason: '已自行解决 solved it myself' }, who.resident),
    reject: () => call('reject', at('reject'), { reason: '不属于受理范围 outside our remit' }, who.secretary),
    merge: () =>
      previous ? call('merge', at('merge'), { into: previous }, who.secretary) : Promise.resolve(),
  };
  for (const step of request.path.steps) await steps[step]();
}

import { Actor, supervisorRoles, systemActor } from '../actors';
import { Deadline, DeadlineEvent, escalate, markReminderSent, setDeadline } from '../deadlines/deadline';
import { breachPressure, reminderNotices } from '../deadlines/pressure';
import { Policy } from '../policy/policy';
import { Decision, Refusal, TimelineEntry } from '../timeline';

/**
 * A problem (bottleneck) of a plan, pairing or pledge: a case of its own with a deadline,
 * progress notes and the same escalation ladder as a citizen request.
 */
export interface ProblemInput {
  commitmentId: string;
  commitmentWorkflowId: string;
  problemId: string;
  title: string;
  area: string;
  owner: string;
  team: string[];
  jurisdiction: string[];
  kind: 'enterprise' | 'pairing' | 'pledge';
}

export interface ProblemState {
  input: ProblemInput;
  revision: number;
  status: 'open' | 'resolved' | 'withdrawn';
  level: number;
  owner: string;
  deadline?: Deadline;
  outcome?: string;
  openedAt: string;
  resolvedAt?: string;
  updatedAt: string;
  timeline: TimelineEntry[];
}

export type ProblemCommand =
  | { type: 'progress'; actor: Actor; note: string }
  | { type: 'resolve'; actor: Actor; outcome: string }
  | { type: 'withdraw'; actor: Actor; reason: string }
  | { type: 'changeOwner'; actor: Actor; owner: string; team: string[] };

export interface Context {
  policy: Policy;
  now: number;
}

function ownerAt(state: ProblemState, level: number): string {
  return level === 0 ? state.owner : state.input.jurisdiction[level];
}

function apply(state: ProblemState, action: string, actor: Actor, patch: Partial<ProblemState>, ctx: Context, note?: string, rule?: string): ProblemState {
  const at = new Date(ctx.now).toISOString();
  const next = { ...state, ...patch, revision: state.revision + 1, updatedAt: at };
  const entry: TimelineEntry = {
    at, revision: next.revision, actor, action,
    ...(note ? { note } : {}),
    ...(next.status !== state.status ? { from: state.status, to: next.status } : {}),
    ...(rule ? { rule } : {}),
    level: ctx.policy.ladder[next.level].id,
  };
  return { ...next, timeline: [...state.timeline, entry] };
}

export function openProblem(input: ProblemInput, ctx: Context): Decision<ProblemState> {
  const spec = ctx.policy.commitments?.[input.kind].problemResolve;
  if (!spec) throw new Refusal('invalid', `the policy ${ctx.policy.version} has no problem deadline for ${input.kind}`);
  const at = new Date(ctx.now).toISOString();
  const deadline = setDeadline(
    { id: 'problem', purpose: 'solve problem', owner: input.owner, level: 0, from: ctx.now, spec, rule: `policy ${ctx.policy.version} ${input.kind}.problemResolve` },
    { calendar: ctx.policy.calendar, reminderFractions: ctx.policy.reminderFractions },
  );
  const base: ProblemState = { input, revision: 0, status: 'open', level: 0, owner: input.owner, deadline, openedAt: at, updatedAt: at, timeline: [] };
  return {
    state: apply(base, 'open', systemActor, {}, ctx, input.title, deadline.rule),
    notices: [{ recipient: input.owner, kind: 'assigned', message: `新问题 problem to solve by ${deadline.dueAt}: ${input.title}` }],
  };
}

export function decideProblem(state: ProblemState, command: ProblemCommand, ctx: Context): Decision<ProblemState> {
  const { actor } = command;
  if (actor.role === 'auditor') throw new Refusal('forbidden', 'auditors have read-only access');
  if (command.type === 'changeOwner') {
    return { state: apply(state, 'owner_changed', actor, { owner: command.owner, input: { ...state.input, team: command.team }, deadline: state.deadline && state.level === 0 ? { ...state.deadline, owner: command.owner } : state.deadline }, ctx, `now owned by ${command.owner}`), notices: [] };
  }
  if (state.status !== 'open') throw new Refusal('not_allowed_in_state', `cannot ${command.type} a problem that is ${state.status}`);
  if (actor.role !== 'system' && !state.input.team.includes(actor.id) && !supervisorRoles.includes(actor.role)) {
    throw new Refusal('forbidden', `only the team (${state.input.team.join(', ')}) or a supervisor may ${command.type} this problem`);
  }
  switch (command.type) {
    case 'progress':
      return { state: apply(state, 'progress', actor, {}, ctx, command.note), notices: [] };
    case 'resolve':
      return { state: apply(state, 'resolve', actor, { status: 'resolved', outcome: command.outcome, deadline: undefined, resolvedAt: new Date(ctx.now).toISOString() }, ctx, command.outcome), notices: [] };
    case 'withdraw':
      return { state: apply(state, 'withdraw', actor, { status: 'withdrawn', deadline: undefined }, ctx, command.reason), notices: [] };
  }
}

export function onProblemDeadline(state: ProblemState, event: DeadlineEvent, ctx: Context): Decision<ProblemState> {
  const deadline = state.deadline;
  if (!deadline || deadline.id !== event.deadlineId) return { state, notices: [] };
  if (event.kind === 'reminder') {
    return {
      state: apply(state, 'reminder', systemActor, { deadline: markReminderSent(deadline, event.index) }, ctx, undefined, `reminder at ${deadline.reminders[event.index].fraction} of ${deadline.rule}`),
      notices: reminderNotices(deadline, state.input.title),
    };
  }
  const escalation = escalate(deadline, ctx.policy.ladder, (level) => ownerAt(state, level), ctx.now, { calendar: ctx.policy.calendar, reminderFractions: ctx.policy.reminderFractions });
  const pressure = breachPressure(deadline, escalation, ctx.policy.ladder, state.input.jurisdiction, state.input.title);
  return {
    state: apply(state, pressure.action, systemActor, { level: escalation.toLevel, deadline: escalation.deadline }, ctx, undefined, pressure.rule),
    notices: pressure.notices,
  };
}

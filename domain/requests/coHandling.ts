import { Actor, supervisorRoles } from '../actors';
import { deadlineSettings } from '../cases/deadlineSteps';
import { Change, withoutDeadline } from '../cases/engine';
import { requireOneOfOrSupervisor, requireRole, requireStatus } from '../cases/guards';
import { Deadline, setDeadline } from '../deadlines/deadline';
import { Decision, Refusal, tell } from '../timeline';
import { CoHandlerAssignment, RequestCommand } from './commands';
import { CitizenRequestState, CoHandlerPart, RequestStatus } from './state';
import type { Context, RequestChange } from './transitions';

/**
 * 主办/协办: the unit holding a request leads it; co-handling units named beside it each do a part
 * with its own deadline, which reminds the unit and escalates up the unit's own chain (the case
 * engine's machinery, through the request's rules). The request resolves only once every part is
 * reported or released.
 */

type Apply = (
  state: CitizenRequestState,
  change: Change<CitizenRequestState> & RequestChange,
  ctx: Context,
) => Decision<CitizenRequestState>;

type CoHandlingCommand = RequestCommand & {
  type: 'assignCoHandlers' | 'reportCoHandling' | 'releaseCoHandler';
};

const prefix = 'cohandler:';

/** A part's deadline id, and the `about` of its timeline entries. */
export function coHandlerKey(unit: string): string {
  return `${prefix}${unit}`;
}

export function isCoHandlerDeadline(deadline: Pick<Deadline, 'id'>): boolean {
  return deadline.id.startsWith(prefix);
}

/** The co-handling unit a timeline entry's `about` names, if it names one. */
export function coHandlerOfAbout(about: string | undefined): string | undefined {
  return about?.startsWith(prefix) ? about.slice(prefix.length) : undefined;
}

export function partOf(state: CitizenRequestState, unit: string): CoHandlerPart | undefined {
  return state.coHandlers?.find((part) => part.unit === unit);
}

/** The parts still owed, for the resolve guard. */
export function openParts(state: CitizenRequestState): CoHandlerPart[] {
  return (state.coHandlers ?? []).filter((part) => part.status === 'open');
}

/** 办结 waits for every co-handler: each must have reported or been released. */
export function requireCoHandlersDone(state: CitizenRequestState): void {
  const owing = openParts(state).map((part) => part.unit);
  if (owing.length)
    throw new Refusal(
      'not_allowed_in_state',
      `co-handlers still owe their part: ${owing.join(', ')}; each must report or be released by the lead`,
    );
}

/** The part a co-handler deadline is for. */
function partFor(state: CitizenRequestState, deadline: Deadline): CoHandlerPart | undefined {
  return partOf(state, deadline.id.slice(prefix.length));
}

/** Who answers for a part's deadline at a rung: its unit, then each unit above it in its own chain. */
export function coHandlerOwnerAt(state: CitizenRequestState, deadline: Deadline, level: number): string {
  const part = partFor(state, deadline);
  if (!part) return deadline.owner;
  return part.chain[Math.min(Math.max(level - part.level, 0), part.chain.length - 1)];
}

/** A lapse at the top is noticed along the co-handler's own chain. */
export function coHandlerChain(state: CitizenRequestState, deadline: Deadline): string[] | undefined {
  return partFor(state, deadline)?.chain;
}

/** A breach counts against the part; the request's own level does not move. */
export function coHandlerLapse(state: CitizenRequestState, deadline: Deadline): Partial<CitizenRequestState> {
  return {
    coHandlers: (state.coHandlers ?? []).map((part) =>
      part.unit === deadline.id.slice(prefix.length) ? { ...part, lapses: part.lapses + 1 } : part,
    ),
  };
}

/** A request that ends (withdrawn, merged, rejected, closed) ends the parts still open with it; nothing is due any more. */
export function endedParts(state: CitizenRequestState): Partial<Pick<CitizenRequestState, 'coHandlers'>> {
  if (!state.coHandlers?.some((part) => part.status === 'open')) return {};
  return {
    coHandlers: state.coHandlers.map((part) =>
      part.status === 'open'
        ? {
            ...part,
            status: 'ended' as const,
            doneAt: state.updatedAt,
            dueAt: state.deadlines.find((d) => d.id === coHandlerKey(part.unit))?.dueAt ?? part.dueAt,
          }
        : part,
    ),
  };
}

/** Who leads: the member handling the request, or the unit holding it. */
function leadOf(state: CitizenRequestState): string {
  return state.assignee ?? state.submission.jurisdiction[state.level];
}

const assignable: RequestStatus[] = ['dispatched', 'accepted', 'in_progress', 'reopened'];

function partDeadline(assignment: CoHandlerAssignment, actor: Actor, ctx: Context): Deadline {
  const spec = assignment.deadline ?? ctx.policy.coHandling?.deadline;
  if (spec === undefined)
    throw new Refusal(
      'invalid',
      `no deadline given for ${assignment.unit}, and policy ${ctx.policy.version} sets no coHandling.deadline`,
    );
  return setDeadline(
    {
      id: coHandlerKey(assignment.unit),
      purpose: 'cohandling',
      owner: assignment.unit,
      level: assignment.level,
      from: ctx.now,
      spec,
      rule: assignment.deadline
        ? `co-handling part of ${assignment.unit} set by ${actor.id}`
        : `policy ${ctx.policy.version} coHandling.deadline`,
    },
    deadlineSettings(ctx.policy),
  );
}

function assign(
  state: CitizenRequestState,
  command: CoHandlingCommand & { type: 'assignCoHandlers' },
  ctx: Context,
  apply: Apply,
): Decision<CitizenRequestState> {
  const { actor } = command;
  requireStatus(state.status, assignable, 'name co-handlers for', 'a request');
  requireRole(actor, supervisorRoles, 'name co-handlers');
  const units = command.parts.map((p) => p.unit);
  if (!units.length) throw new Refusal('invalid', 'name at least one co-handling unit');
  const twice = units.find((unit, i) => units.indexOf(unit) !== i);
  if (twice) throw new Refusal('invalid', `${twice} is named twice`);
  const lead = state.submission.jurisdiction[state.level];
  if (units.includes(lead))
    throw new Refusal('invalid', `${lead} holds the request and leads it; it cannot also co-handle it`);
  const busy = units.find((unit) => partOf(state, unit)?.status === 'open');
  if (busy) throw new Refusal('not_allowed_in_state', `${busy} is already co-handling this request`);
  const at = new Date(ctx.now).toISOString();
  // One revision per part, so each part's timeline entry names its unit.
  return command.parts.reduce<Decision<CitizenRequestState>>(
    (done, assignment) => {
      const deadline = partDeadline(assignment, actor, ctx);
      const part: CoHandlerPart = {
        unit: assignment.unit,
        chain: assignment.chain,
        level: assignment.level,
        task: assignment.task,
        assignedBy: actor.id,
        assignedAt: at,
        status: 'open',
        dueAt: deadline.dueAt,
        lapses: 0,
      };
      const current = done.state;
      const next = apply(
        current,
        {
          action: 'assign_cohandler',
          actor,
          about: coHandlerKey(assignment.unit),
          note: command.note ? `${assignment.task} (${command.note})` : assignment.task,
          rule: deadline.rule,
          patch: {
            coHandlers: [...(current.coHandlers ?? []).filter((p) => p.unit !== part.unit), part],
            deadlines: [...withoutDeadline(current.deadlines, deadline.id), deadline],
          },
          notices: tell(
            [assignment.unit],
            'assigned',
            `协办任务 co-handling task, due ${deadline.dueAt}: ${assignment.task} (${current.submission.title})`,
          ),
        },
        ctx,
      );
      return { state: next.state, notices: [...done.notices, ...next.notices] };
    },
    { state, notices: [] },
  );
}

function openPart(state: CitizenRequestState, unit: string, action: string): CoHandlerPart {
  const part = partOf(state, unit);
  if (!part) throw new Refusal('invalid', `${unit} is not a co-handler of this request`);
  if (part.status !== 'open')
    throw new Refusal('not_allowed_in_state', `cannot ${action} the part of ${unit}: it is ${part.status}`);
  return part;
}

/** The part closed (reported or released), its deadline stopped and its last due moment kept. */
function closePart(
  state: CitizenRequestState,
  part: CoHandlerPart,
  status: CoHandlerPart['status'],
  note: string,
  ctx: Context,
): Partial<CitizenRequestState> {
  const id = coHandlerKey(part.unit);
  const running = state.deadlines.find((d) => d.id === id);
  const closed: CoHandlerPart = {
    ...part,
    status,
    note,
    doneAt: new Date(ctx.now).toISOString(),
    dueAt: running?.dueAt ?? part.dueAt,
  };
  return {
    coHandlers: (state.coHandlers ?? []).map((p) => (p.unit === part.unit ? closed : p)),
    deadlines: withoutDeadline(state.deadlines, id),
  };
}

function report(
  state: CitizenRequestState,
  command: CoHandlingCommand & { type: 'reportCoHandling' },
  ctx: Context,
  apply: Apply,
): Decision<CitizenRequestState> {
  const { actor } = command;
  const part = openPart(state, command.unit, 'report');
  const ofUnit = actor.unit === part.unit;
  const above = supervisorRoles.includes(actor.role) && part.chain.includes(actor.unit);
  if (!ofUnit && !above)
    throw new Refusal('forbidden', `only a person of ${part.unit} or its supervisors may report its part`);
  return apply(
    state,
    {
      action: 'report_cohandling',
      actor,
      about: coHandlerKey(part.unit),
      note: command.note,
      patch: closePart(state, part, 'reported', command.note, ctx),
      notices: tell(
        [leadOf(state)],
        'outcome',
        `协办已反馈 ${part.unit} reported its part: ${command.note} (${state.submission.title})`,
      ),
    },
    ctx,
  );
}

function release(
  state: CitizenRequestState,
  command: CoHandlingCommand & { type: 'releaseCoHandler' },
  ctx: Context,
  apply: Apply,
): Decision<CitizenRequestState> {
  const { actor } = command;
  const part = openPart(state, command.unit, 'release');
  requireOneOfOrSupervisor(
    actor,
    state.assignee ? [state.assignee] : [],
    `the lead's handler ${state.assignee ?? '(none)'}`,
    'release a co-handler',
  );
  return apply(
    state,
    {
      action: 'release_cohandler',
      actor,
      about: coHandlerKey(part.unit),
      note: command.reason,
      patch: closePart(state, part, 'released', command.reason, ctx),
      notices: tell(
        [part.unit],
        'outcome',
        `协办已解除 released from co-handling: ${command.reason} (${state.submission.title})`,
      ),
    },
    ctx,
  );
}

/** Decides a co-handling command; `transitions.ts` hands each of them here. */
export function decideCoHandling(
  state: CitizenRequestState,
  command: CoHandlingCommand,
  ctx: Context,
  apply: Apply,
): Decision<CitizenRequestState> {
  switch (command.type) {
    case 'assignCoHandlers':
      return assign(state, command, ctx, apply);
    case 'reportCoHandling':
      return report(state, command, ctx, apply);
    case 'releaseCoHandler':
      return release(state, command, ctx, apply);
  }
}

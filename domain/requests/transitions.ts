import { Actor, supervisorRoles, systemActor } from '../actors';
import { Closing } from '../cases/ending';
import { deadlineSettings } from '../cases/deadlineSteps';
import {
  applyChange,
  CaseRules,
  Change,
  decideDeadline,
  replaceDeadline,
  RuleContext,
} from '../cases/engine';
import { refuseReadOnly, requireOneOfOrSupervisor, requireRole, requireStatus } from '../cases/guards';
import { Deadline, DeadlineEvent, extendDeadline, setDeadline } from '../deadlines/deadline';
import { Policy, RequestStage } from '../policy/policy';
import { Decision, Refusal, tell } from '../timeline';
import { RequestCommand } from './commands';
import { CitizenRequestState, RequestStatus, RequestSubmission, finalStatuses, stageDeadline } from './state';
import { deadlineSpec } from './deadlines';
import { committeeAlsoRemind, committeeLapse, decideCommittee, isCommitteeDeadline } from './committee';
import {
  answerReturnVisit,
  joiningNotices,
  lapseReturnVisit,
  reopeningNotices,
  requesters,
} from './returnVisit';
import {
  coHandlerChain,
  coHandlerLapse,
  coHandlerOwnerAt,
  decideCoHandling,
  endedParts,
  isCoHandlerDeadline,
  requireCoHandlersDone,
} from './coHandling';

export interface Context extends RuleContext {
  /**
   * Stamp `closedAt` only on entering a final status. Runs recorded before this rule restamped it on
   * every change to a final request, so each duplicate absorbed into a closed one restarted its
   * reopen window; their replays keep that (workflows/requests/citizenRequest.ts).
   */
  closedAtOnEntry?: boolean;
  /**
   * Every requester of a merged group answers the return visit (returnVisit.ts), and every one hears
   * a reopening or a closing. Runs recorded before closed or reopened on the first answer from any
   * requester (workflows/requests/citizenRequest.ts).
   */
  groupReturnVisit?: boolean;
}

const stageOf: Partial<Record<RequestStatus, RequestStage>> = {
  submitted: 'dispatch',
  dispatched: 'accept',
  accepted: 'resolve',
  in_progress: 'resolve',
  reopened: 'resolve',
  resolved: 'returnVisit',
};

/** The stage a status waits on, or undefined for a final status. */
export function stageOfStatus(status: RequestStatus): RequestStage | undefined {
  return stageOf[status];
}

export function currentStage(state: CitizenRequestState): RequestStage | undefined {
  return stageOfStatus(state.status);
}

export function topLevel(policy: Policy): number {
  return policy.ladder.length - 1;
}

/** Who answers for the case now: the member at the level it is handled at once it is theirs, else the unit at its level. */
export function responsibleFor(state: CitizenRequestState, stage: RequestStage, level: number): string {
  const handledAt = state.submission.startLevel ?? 0;
  if (level === handledAt && state.assignee && (stage === 'accept' || stage === 'resolve'))
    return state.assignee;
  return state.submission.jurisdiction[level];
}

function deadlineFor(state: CitizenRequestState, stage: RequestStage, level: number, ctx: Context): Deadline {
  const { spec, rule } = deadlineSpec(state.submission, stage, level, ctx.policy);
  return setDeadline(
    {
      id: `stage:${stage}`,
      purpose: stage,
      owner: responsibleFor(state, stage, level),
      level,
      from: ctx.now,
      spec,
      rule,
    },
    deadlineSettings(ctx.policy),
  );
}

export interface RequestChange {
  /** Set the stage deadline afresh after the change (a new stage, level or owner). */
  freshDeadline?: boolean;
}

/** What requests add to the case engine: a deadline per stage, and a closing that may be reopened. */
const rules: CaseRules<CitizenRequestState, Context, RequestChange> = {
  isFinal: (status) => finalStatuses.includes(status),
  settle(next, change, ctx) {
    if (finalStatuses.includes(next.status)) {
      // Nothing is due on a final request. Runs recorded before the closing rule restamp it on every change.
      const closedAt = ctx.closedAtOnEntry ? next.closedAt : next.updatedAt;
      return {
        state: { ...next, ...endedParts(next), deadlines: [], pendingExtension: undefined, closedAt },
      };
    }
    // Resolved is what the committee asked for: its deadline is met.
    const met =
      next.status === 'resolved' && next.deadlines.some(isCommitteeDeadline)
        ? { ...next, deadlines: next.deadlines.filter((d) => !isCommitteeDeadline(d)) }
        : next;
    if (!change.freshDeadline) return { state: met };
    const stage = currentStage(met);
    // While the committee's deadline runs, resolving answers to it rather than to a stage deadline.
    const governed = stage === 'resolve' && met.deadlines.some(isCommitteeDeadline);
    const deadline = stage && !governed ? deadlineFor(met, stage, met.level, ctx) : undefined;
    const others = met.deadlines.filter((d) => d !== stageDeadline(met));
    return {
      state: { ...met, deadlines: deadline ? [...others, deadline] : others, pendingExtension: undefined },
      rule: deadline?.rule,
    };
  },
  levelId: (state, ctx) => ctx.policy.ladder[state.level].id,
  // The lead official answers for the committee's deadline at every lapse; the committee has no rung above it.
  ownerAt: (state, deadline, level) => {
    if (isCommitteeDeadline(deadline)) return deadline.owner;
    if (isCoHandlerDeadline(deadline)) return coHandlerOwnerAt(state, deadline, level);
    return responsibleFor({ ...state, level }, deadline.purpose as RequestStage, level);
  },
  alsoRemind: (state, deadline) => {
    if (isCommitteeDeadline(deadline)) return committeeAlsoRemind(state);
    if (isCoHandlerDeadline(deadline)) return [];
    return state.assignee && deadline.purpose !== 'dispatch' ? [state.assignee] : [];
  },
  chainOf: (state, deadline) => (isCoHandlerDeadline(deadline) ? coHandlerChain(state, deadline) : undefined),
  about: (deadline) =>
    isCommitteeDeadline(deadline) || isCoHandlerDeadline(deadline) ? deadline.id : undefined,
  onDue: (state, deadline, ctx) =>
    deadline.purpose === 'returnVisit' ? closeUnanswered(state, deadline, ctx) : undefined,
  // Only a stage's lapse moves the request up the ladder; a missed committee deadline is noted where it is.
  escalated: (state, deadline, toLevel, ctx) => {
    if (isCommitteeDeadline(deadline)) return committeeLapse(state, deadline);
    if (isCoHandlerDeadline(deadline)) return coHandlerLapse(state, deadline);
    if (!deadline.id.startsWith('stage:')) return {};
    return { level: toLevel, onAgenda: state.onAgenda || toLevel === topLevel(ctx.policy) };
  },
};

function apply(
  state: CitizenRequestState,
  change: Change<CitizenRequestState> & RequestChange,
  ctx: Context,
): Decision<CitizenRequestState> {
  return applyChange(state, change, ctx, rules);
}

/** An unanswered return visit closes the request: the resident was asked and did not say. */
function closeUnanswered(
  state: CitizenRequestState,
  deadline: Deadline,
  ctx: Context,
): Decision<CitizenRequestState> {
  if (ctx.groupReturnVisit) return lapseReturnVisit(state, deadline, ctx, apply);
  return apply(
    state,
    {
      status: 'closed',
      action: 'close_no_feedback',
      actor: systemActor,
      patch: { outcome: 'no_feedback' },
      rule: `no feedback by ${deadline.dueAt} (${deadline.rule})`,
    },
    ctx,
  );
}

function refuseUnless(state: CitizenRequestState, allowed: RequestStatus[], action: string): void {
  requireStatus(state.status, allowed, action, 'a request');
}

function requireAssigneeOrSupervisor(state: CitizenRequestState, actor: Actor, action: string): void {
  requireOneOfOrSupervisor(
    actor,
    state.assignee ? [state.assignee] : [],
    `the assignee ${state.assignee ?? '(none)'}`,
    action,
  );
}

const open: RequestStatus[] = ['submitted', 'dispatched', 'accepted', 'in_progress', 'reopened'];
const handling: RequestStatus[] = ['accepted', 'in_progress', 'reopened'];

/** 点单: a new request, already on the committee agenda when it is a major livelihood matter. */
export function submitRequest(submission: RequestSubmission, ctx: Context): Decision<CitizenRequestState> {
  if (submission.jurisdiction.length !== ctx.policy.ladder.length) {
    throw new Refusal(
      'invalid',
      `grid ${submission.gridId} has ${submission.jurisdiction.length} units, the ladder has ${ctx.policy.ladder.length} levels`,
    );
  }
  const at = new Date(ctx.now).toISOString();
  const level = submission.major ? topLevel(ctx.policy) : (submission.startLevel ?? 0);
  if (level > topLevel(ctx.policy))
    throw new Refusal('invalid', `start level ${level} is above the ladder's top ${topLevel(ctx.policy)}`);
  const initial: CitizenRequestState = {
    submission,
    revision: 0,
    status: 'submitted',
    level,
    onAgenda: submission.major,
    deadlines: [],
    coRequesters: [],
    submittedAt: at,
    updatedAt: at,
    timeline: [],
  };
  const owner = submission.jurisdiction[level];
  return apply(
    initial,
    {
      action: 'submit',
      actor: { id: submission.requester.id, role: 'resident', unit: submission.gridId },
      note: submission.title,
      freshDeadline: true,
      notices: submission.major
        ? tell([owner], 'agenda', `重大民生事项 major matter on the committee agenda: ${submission.title}`)
        : tell([owner], 'assigned', `新诉求待下单 new request to dispatch: ${submission.title}`),
    },
    ctx,
  );
}

/**
 * 分拨: a request waiting in a township's dispatch queue goes to the grid the dispatcher found for
 * its place. It drops to the grid (level 0) with a fresh dispatch deadline by its category's rule;
 * no longer unmatched, it starts where any request does. The timeline says who routed it where.
 */
function route(
  state: CitizenRequestState,
  command: Extract<RequestCommand, { type: 'route' }>,
  ctx: Context,
): Decision<CitizenRequestState> {
  refuseUnless(state, ['submitted'], 'route');
  requireRole(command.actor, supervisorRoles, 'route');
  if (!state.submission.addressUnmatched)
    throw new Refusal('not_allowed_in_state', 'only a request whose place matched no grid is routed to one');
  if (command.jurisdiction.length !== ctx.policy.ladder.length)
    throw new Refusal(
      'invalid',
      `grid ${command.gridId} has ${command.jurisdiction.length} units, the ladder has ${ctx.policy.ladder.length} levels`,
    );
  const above = state.submission.jurisdiction.slice(state.level);
  if (command.jurisdiction.slice(state.level).join('>') !== above.join('>'))
    throw new Refusal('invalid', `grid ${command.gridId} is not within ${above[0]}, which holds the request`);
  const { startLevel: _startLevel, addressUnmatched: _unmatched, ...submission } = state.submission;
  const grid = command.jurisdiction[0];
  return apply(
    state,
    {
      action: 'route',
      actor: command.actor,
      note: `分拨至 routed to ${grid} (grid ${command.gridId})${command.note ? `: ${command.note}` : ''}`,
      patch: {
        submission: { ...submission, gridId: command.gridId, jurisdiction: command.jurisdiction },
        level: 0,
      },
      freshDeadline: true,
      notices: tell([grid], 'assigned', `新诉求待下单 new request to dispatch: ${state.submission.title}`),
    },
    ctx,
  );
}

/** Decides one person's action: the next state and notices, or a Refusal that leaves the case unchanged. */
export function decide(
  state: CitizenRequestState,
  command: RequestCommand,
  ctx: Context,
): Decision<CitizenRequestState> {
  const { actor } = command;
  refuseReadOnly(actor);
  const title = state.submission.title;
  switch (command.type) {
    case 'dispatch':
      refuseUnless(state, ['submitted'], 'dispatch');
      requireRole(actor, supervisorRoles, 'dispatch');
      return apply(
        state,
        {
          status: 'dispatched',
          action: 'dispatch',
          actor,
          note: command.note,
          patch: { assignee: command.assignee },
          freshDeadline: true,
          notices: tell([command.assignee], 'assigned', `请接单 please accept: ${title}`),
        },
        ctx,
      );
    case 'accept':
      refuseUnless(state, ['dispatched'], 'accept');
      if (actor.id !== state.assignee)
        throw new Refusal('forbidden', `only the assignee ${state.assignee} may accept`);
      return apply(
        state,
        { status: 'accepted', action: 'accept', actor, note: command.note, freshDeadline: true },
        ctx,
      );
    case 'return':
      refuseUnless(state, ['dispatched'], 'return');
      if (actor.id !== state.assignee)
        throw new Refusal('forbidden', `only the assignee ${state.assignee} may return it`);
      return apply(
        state,
        {
          status: 'submitted',
          action: 'return',
          actor,
          note: command.reason,
          patch: { assignee: undefined },
          freshDeadline: true,
          notices: tell(
            [state.submission.jurisdiction[state.level]],
            'returned',
            `退单 returned by ${actor.id}: ${command.reason}`,
          ),
        },
        ctx,
      );
    case 'progress':
      refuseUnless(state, handling, 'record progress on');
      requireAssigneeOrSupervisor(state, actor, 'record progress');
      return apply(state, { status: 'in_progress', action: 'progress', actor, note: command.note }, ctx);
    case 'requestExtension': {
      refuseUnless(state, [...handling, 'dispatched'], 'extend');
      requireAssigneeOrSupervisor(state, actor, 'ask for an extension');
      if (state.pendingExtension)
        throw new Refusal('not_allowed_in_state', 'an extension request is already waiting for a decision');
      const due = stageDeadline(state);
      const committee = state.deadlines.find(isCommitteeDeadline);
      if (!due && committee)
        throw new Refusal(
          'not_allowed_in_state',
          `the committee's deadline (${committee.rule}, due ${committee.dueAt}) governs this request: only the committee moves it, at a meeting`,
        );
      if (!due || Date.parse(due.dueAt) <= ctx.now) {
        throw new Refusal('not_allowed_in_state', 'an extension must be asked for before the deadline');
      }
      const above = Math.min(state.level + 1, topLevel(ctx.policy));
      return apply(
        state,
        {
          action: 'request_extension',
          actor,
          note: command.reason,
          patch: {
            pendingExtension: {
              by: actor,
              duration: command.duration,
              reason: command.reason,
              requestedAt: new Date(ctx.now).toISOString(),
            },
          },
          notices: tell(
            [state.submission.jurisdiction[above]],
            'extension',
            `延期申请 extension asked: ${command.reason}`,
          ),
        },
        ctx,
      );
    }
    case 'decideExtension': {
      const pending = state.pendingExtension;
      const due = stageDeadline(state);
      if (!pending || !due)
        throw new Refusal(
          'not_allowed_in_state',
          `no extension request is waiting (request is ${state.status})`,
        );
      requireRole(actor, supervisorRoles, 'decide an extension');
      const deadline = command.approve
        ? extendDeadline(
            due,
            pending.duration,
            deadlineSettings(ctx.policy),
            `extension approved by ${actor.id}`,
          )
        : due;
      const verdict = command.approve ? '延期已批准 extension approved' : '延期未批准 extension refused';
      return apply(
        state,
        {
          action: command.approve ? 'approve_extension' : 'refuse_extension',
          actor,
          note: command.note,
          patch: { deadlines: replaceDeadline(state.deadlines, deadline), pendingExtension: undefined },
          rule: command.approve ? deadline.rule : undefined,
          notices: tell([pending.by.id, ...requesters(state)], 'extension', `${verdict}: ${command.note}`),
        },
        ctx,
      );
    }
    case 'resolve':
      refuseUnless(state, handling, 'resolve');
      requireAssigneeOrSupervisor(state, actor, 'resolve');
      requireCoHandlersDone(state);
      return apply(
        state,
        {
          status: 'resolved',
          action: 'resolve',
          actor,
          note: command.note,
          freshDeadline: true,
          patch: { resolvedAtLevel: state.level, resolution: command.note },
          notices: tell(
            requesters(state),
            'return_visit',
            `已办结，请评价 resolved, please tell us if it is solved: ${command.note}`,
          ),
        },
        ctx,
      );
    case 'feedback':
      if (ctx.groupReturnVisit) return answerReturnVisit(state, command, ctx, apply, reopen);
      refuseUnless(state, ['resolved'], 'give feedback on');
      if (actor.role === 'resident' && !requesters(state).includes(actor.id))
        throw new Refusal('forbidden', 'only a requester may give feedback');
      if (command.satisfied) {
        return apply(
          state,
          {
            status: 'closed',
            action: 'feedback_satisfied',
            actor,
            note: command.note,
            patch: { outcome: 'satisfied' },
            notices: tell(requesters(state), 'outcome', `已关闭 closed: ${state.resolution ?? ''}`),
          },
          ctx,
        );
      }
      return reopen(state, actor, 'feedback_unsatisfied', command.note ?? '不满意 unsatisfied', ctx);
    case 'escalate': {
      refuseUnless(state, open, 'escalate');
      requireRole(actor, [...supervisorRoles, 'grid_member'], 'escalate');
      const top = topLevel(ctx.policy);
      return apply(
        state,
        {
          action: 'escalate',
          actor,
          note: command.reason,
          patch: { level: top, onAgenda: true },
          freshDeadline: true,
          notices: tell(
            [state.submission.jurisdiction[top]],
            'agenda',
            `上报常委会 escalated to the committee: ${command.reason}`,
          ),
        },
        ctx,
      );
    }
    case 'withdraw':
      refuseUnless(state, open, 'withdraw');
      if (!requesters(state).includes(actor.id) && !supervisorRoles.includes(actor.role)) {
        throw new Refusal('forbidden', 'only the requester or a supervisor may withdraw');
      }
      return apply(
        state,
        {
          status: 'withdrawn',
          action: 'withdraw',
          actor,
          note: command.reason,
          notices: tell(
            [stageDeadline(state)?.owner ?? state.submission.jurisdiction[state.level]],
            'outcome',
            `已撤回 withdrawn: ${command.reason}`,
          ),
        },
        ctx,
      );
    case 'reopen':
      refuseUnless(state, ['resolved', 'closed'], 'reopen');
      requireRole(actor, supervisorRoles, 'reopen');
      return reopen(state, actor, 'reopen', command.reason, ctx);
    case 'route':
      return route(state, command, ctx);
    case 'reject':
      refuseUnless(state, ['submitted'], 'reject');
      requireRole(actor, supervisorRoles, 'reject');
      return apply(
        state,
        {
          status: 'rejected',
          action: 'reject',
          actor,
          note: command.reason,
          notices: tell(requesters(state), 'outcome', `不予受理 rejected: ${command.reason}`),
        },
        ctx,
      );
    case 'merge':
      refuseUnless(state, ['submitted', 'dispatched'], 'merge');
      requireRole(actor, supervisorRoles, 'merge');
      if (command.into === state.submission.id)
        throw new Refusal('invalid', 'a request cannot be merged into itself');
      return mergeInto(state, actor, command.into, command.note, {}, ctx);
    case 'absorbDuplicate':
      if (finalStatuses.includes(state.status) && state.status !== 'closed') {
        throw new Refusal(
          'not_allowed_in_state',
          `cannot absorb a duplicate into a request that is ${state.status}`,
        );
      }
      return apply(
        state,
        {
          action: 'absorb_duplicate',
          actor,
          note: `duplicate ${command.duplicateId}`,
          patch: { coRequesters: [...new Set([...state.coRequesters, command.requesterId])] },
          notices: ctx.groupReturnVisit ? joiningNotices(state, command.requesterId) : [],
        },
        ctx,
      );
    case 'assignCoHandlers':
    case 'reportCoHandling':
    case 'releaseCoHandler':
      return decideCoHandling(state, command, ctx, apply);
    case 'committeeDecision':
      return decideCommittee(state, command, ctx, apply, (merged, by, into, note, patch) =>
        mergeInto(merged, by, into, note, patch, ctx),
      );
  }
}

/** A duplicate merged into another request, by a supervisor or by the committee: its requesters will hear that one's outcome. */
function mergeInto(
  state: CitizenRequestState,
  actor: Actor,
  into: string,
  note: string | undefined,
  patch: Partial<CitizenRequestState>,
  ctx: Context,
): Decision<CitizenRequestState> {
  return apply(
    state,
    {
      status: 'merged',
      action: 'merge',
      actor,
      note,
      patch: { ...patch, mergedInto: into },
      notices: tell(
        requesters(state),
        'outcome',
        `已合并到 ${into} merged into ${into}; you will hear its outcome`,
      ),
    },
    ctx,
  );
}

function reopen(
  state: CitizenRequestState,
  actor: Actor,
  action: string,
  note: string,
  ctx: Context,
  more: { patch?: Partial<CitizenRequestState>; about?: string } = {},
): Decision<CitizenRequestState> {
  const level = state.resolvedAtLevel ?? state.level;
  return apply(
    state,
    {
      status: 'reopened',
      action,
      actor,
      note,
      about: more.about,
      patch: { ...more.patch, level, outcome: undefined, closedAt: undefined },
      freshDeadline: true,
      notices: [
        ...tell(
          [responsibleFor({ ...state, level }, 'resolve', level)],
          'assigned',
          `重办 reopened: ${note}`,
        ),
        ...(ctx.groupReturnVisit ? reopeningNotices(state, note) : []),
      ],
    },
    ctx,
  );
}

/** What the clock decides: a reminder before the deadline, escalation on breach, or closing an unanswered return visit. */
export function onDeadline(
  state: CitizenRequestState,
  event: DeadlineEvent,
  ctx: Context,
): Decision<CitizenRequestState> {
  return decideDeadline(state, event, ctx, rules);
}

/** How a final request ends: a closed one after its reopen window, a withdrawn, merged or rejected one at once. */
export function requestClosing(state: CitizenRequestState): Closing | undefined {
  if (!finalStatuses.includes(state.status) || !state.closedAt) return undefined;
  return { closedAt: state.closedAt, reopenable: state.status === 'closed' };
}

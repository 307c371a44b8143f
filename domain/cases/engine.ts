import { systemActor } from '../actors';
import { Deadline, DeadlineEvent } from '../deadlines/deadline';
import { Policy } from '../policy/policy';
import { Decision, EntryChange, Notice, timelineEntry, TimelineEntry } from '../timeline';
import { breachStep, reminderStep } from './deadlineSteps';
import { closedAtAfter } from './ending';

/** What every decision is made with: the policy the case runs on, and the moment it is decided at. */
export interface RuleContext {
  policy: Policy;
  now: number;
}

/** What every kind of case holds, whatever else it tracks. */
export interface CaseState<Status extends string = string> {
  submission: { title: string; jurisdiction: string[] };
  status: Status;
  revision: number;
  updatedAt: string;
  /** When it became final: stamped on the change into a final status, kept while final, cleared on reopening. */
  closedAt?: string;
  deadlines: Deadline[];
  timeline: TimelineEntry[];
}

/** One change to a case: who did what and why, the new status if any, and what else it sets. */
export interface Change<State extends CaseState> extends EntryChange {
  status?: State['status'];
  patch?: Partial<State>;
  notices?: Notice[];
}

/**
 * What one kind of case adds to the engine. Everything else (revisions, timestamps, the closing,
 * the timeline, reminders, breaches and escalation) is decided once, here, for every kind.
 */
export interface CaseRules<State extends CaseState, Ctx extends RuleContext = RuleContext, Extra = object> {
  isFinal(status: State['status']): boolean;
  /** What follows from every change of this kind, after its patch (a fresh stage deadline, say); may name the rule it applied. */
  settle?(next: State, change: Change<State> & Extra, ctx: Ctx): { state: State; rule?: string };
  /** The ladder level the timeline records the case at, when the kind sits at one. */
  levelId?(state: State, ctx: Ctx): string | undefined;
  /** Who answers for a deadline at a rung of the ladder. */
  ownerAt(state: State, deadline: Deadline, level: number): string;
  /** Whom a reminder tells besides the deadline's owner; a public notice at the top tells them too. */
  alsoRemind?(state: State, deadline: Deadline): string[];
  /** The units a public notice at the top tells, when a deadline answers up another chain than the case's jurisdiction (a co-handler's). */
  chainOf?(state: State, deadline: Deadline): string[] | undefined;
  /** The sub-case a deadline concerns (a plan's problem), for its timeline entries. */
  about?(deadline: Deadline): string | undefined;
  /** A deadline that is a milestone rather than an obligation decides its own outcome when it falls due. */
  onDue?(state: State, deadline: Deadline, ctx: Ctx): Decision<State> | undefined;
  /** What else a breach moves, besides the deadline itself: the case's level, a problem's. */
  escalated?(state: State, deadline: Deadline, toLevel: number, ctx: Ctx): Partial<State>;
}

/** The one way a case changes: a new revision, its closing kept honest, and a timeline entry saying why. */
export function applyChange<State extends CaseState, Ctx extends RuleContext, Extra>(
  state: State,
  change: Change<State> & Extra,
  ctx: Ctx,
  rules: CaseRules<State, Ctx, Extra>,
): Decision<State> {
  const at = new Date(ctx.now).toISOString();
  const status = change.status ?? state.status;
  const patched: State = {
    ...state,
    ...change.patch,
    status,
    revision: state.revision + 1,
    updatedAt: at,
    closedAt: closedAtAfter(
      { final: rules.isFinal(state.status), closedAt: state.closedAt },
      rules.isFinal(status),
      at,
    ),
  };
  const settled = rules.settle?.(patched, change, ctx) ?? { state: patched };
  const next = settled.state;
  const entry = timelineEntry(
    at,
    next.revision,
    state.status,
    next.status,
    { ...change, rule: change.rule ?? settled.rule },
    rules.levelId?.(next, ctx),
  );
  return { state: { ...next, timeline: [...state.timeline, entry] }, notices: change.notices ?? [] };
}

export function withoutDeadline(deadlines: Deadline[], id: string): Deadline[] {
  return deadlines.filter((d) => d.id !== id);
}

export function replaceDeadline(deadlines: Deadline[], next: Deadline): Deadline[] {
  return deadlines.map((d) => (d.id === next.id ? next : d));
}

/** What the clock decides for any case: a reminder before a deadline, a milestone's outcome, or escalation on breach. */
export function decideDeadline<State extends CaseState, Ctx extends RuleContext, Extra>(
  state: State,
  event: DeadlineEvent,
  ctx: Ctx,
  rules: CaseRules<State, Ctx, Extra>,
): Decision<State> {
  const deadline = state.deadlines.find((d) => d.id === event.deadlineId);
  if (!deadline) return { state, notices: [] };
  const about = rules.about?.(deadline);
  const system = (change: Omit<Change<State>, 'actor'>) =>
    applyChange(state, { ...change, actor: systemActor } as Change<State> & Extra, ctx, rules);
  if (event.kind === 'reminder') {
    const step = reminderStep(
      deadline,
      event.index,
      state.submission.title,
      rules.alsoRemind?.(state, deadline),
    );
    return system({
      action: 'reminder',
      about,
      rule: step.rule,
      notices: step.notices,
      patch: { deadlines: replaceDeadline(state.deadlines, step.deadline) } as Partial<State>,
    });
  }
  const milestone = rules.onDue?.(state, deadline, ctx);
  if (milestone) return milestone;
  const { escalation, action, rule, notices } = breachStep(
    deadline,
    (level) => rules.ownerAt(state, deadline, level),
    rules.chainOf?.(state, deadline) ?? state.submission.jurisdiction,
    state.submission.title,
    ctx.policy,
    ctx.now,
    rules.alsoRemind?.(state, deadline),
  );
  return system({
    action,
    about,
    rule,
    notices,
    patch: {
      ...rules.escalated?.(state, deadline, escalation.toLevel, ctx),
      deadlines: replaceDeadline(state.deadlines, escalation.deadline),
    } as Partial<State>,
  });
}

import { Deadline, DeadlineEvent, dueEvents, nextDueAt } from '../deadlines/deadline';
import { Decision } from '../timeline';

type OnDeadline<S> = (state: S, event: DeadlineEvent, now: number) => Decision<S>;

/**
 * Every decision the clock owes a case at `now`, in order, each made on the state the one before
 * left: the workflow commits them one revision each when it wakes.
 */
export function dueDecisions<S extends { deadlines: Deadline[] }>(
  state: S,
  now: number,
  onDeadline: OnDeadline<S>,
): Decision<S>[] {
  const decisions: Decision<S>[] = [];
  for (let current = state; ;) {
    const [event] = dueEvents(current.deadlines, now);
    if (!event) return decisions;
    const decision = onDeadline(current, event, now);
    decisions.push(decision);
    current = decision.state;
  }
}

/** What a case's timers decide from its state up to `until`, woken at each due moment as its workflow is. */
export function decisionsUntil<S extends { deadlines: Deadline[] }>(
  state: S,
  until: number,
  onDeadline: OnDeadline<S>,
): Decision<S>[] {
  const decisions: Decision<S>[] = [];
  for (let current = state, at = nextDueAt(state.deadlines); at !== undefined && at <= until;) {
    const woken = dueDecisions(current, at, onDeadline);
    if (!woken.length) return decisions;
    decisions.push(...woken);
    current = woken[woken.length - 1].state;
    at = nextDueAt(current.deadlines);
  }
  return decisions;
}

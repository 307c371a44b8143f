import { AgendaItem, AgendaState, ItemDecision } from './agenda';

const day = 86_400_000;

/** Whole calendar days an item has waited since it arrived. */
export function waitingDays(item: AgendaItem, now: number): number {
  return Math.floor((now - Date.parse(item.arrivedAt)) / day);
}

/** The committee's deadline on an item has passed: the case's own deadline lapses at the same moment. */
export function isOverdue(item: AgendaItem, now: number): boolean {
  return item.decision?.dueAt !== undefined && Date.parse(item.decision.dueAt) <= now;
}

/** Items that have waited longer than `days` days, longest first. */
export function waitingLongerThan(state: AgendaState, days: number, now: number): AgendaItem[] {
  return state.items
    .filter((item) => now - Date.parse(item.arrivedAt) > days * day)
    .sort((a, b) => Date.parse(a.arrivedAt) - Date.parse(b.arrivedAt));
}

/** Items whose committee deadline has passed, most overdue first. */
export function overdueItems(state: AgendaState, now: number): AgendaItem[] {
  return state.items
    .filter((item) => isOverdue(item, now))
    .sort((a, b) => Date.parse(a.decision!.dueAt!) - Date.parse(b.decision!.dueAt!));
}

export type AgendaItemView = AgendaItem & { waitingDays: number; overdue: boolean };

/** The agenda as the committee reads it at `now`: how long each item has waited, and which are overdue. */
export function viewAgenda(state: AgendaState, now: number): AgendaItemView[] {
  return state.items.map((item) => ({
    ...item,
    waitingDays: waitingDays(item, now),
    overdue: isOverdue(item, now),
  }));
}

/** Every decision the committee took on one item, oldest first, even after the item left. */
export function decisionsOn(state: AgendaState, key: string): (ItemDecision & { item: string })[] {
  return state.meetings.flatMap((meeting) => meeting.decisions.filter((d) => d.item === key));
}

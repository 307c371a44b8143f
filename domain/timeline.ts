import { Actor } from './actors';

/** One line of a case's story: who did what, when, why; and for system steps, which rule. */
export interface TimelineEntry {
  at: string;
  revision: number;
  actor: Actor;
  action: string;
  note?: string;
  from?: string;
  to?: string;
  level?: string;
  rule?: string;
  /** The sub-case an entry concerns, e.g. a plan's problem p2. */
  about?: string;
}

/** A message to one recipient; the workflow sends it through the notification activities. */
export interface Notice {
  recipient: string;
  kind: NoticeKind;
  message: string;
}

/** Pressure rises in steps: 提醒 before the deadline, 催办 on breach, 督办 by the level above, 通报 at the top. */
export type NoticeKind =
  | 'assigned'
  | 'reminder'
  | 'urge'
  | 'supervise'
  | 'public_notice'
  | 'agenda'
  | 'extension'
  | 'outcome'
  | 'returned'
  | 'return_visit'
  | 'handover'
  /** Not about a case: the holiday calendar runs out within the horizon (worker/calendarWatch.ts). */
  | 'calendar_coverage'
  /** Not about a case: a unit's report of the 14th/28th cycle (domain/kpi/report.ts). */
  | 'cycle_report';

/** The result of a decision: the next state and what must happen because of it. */
/** One notice of `kind` to each recipient, each told once. */
export function tell(recipients: string[], kind: Notice['kind'], message: string): Notice[] {
  return [...new Set(recipients)].map((recipient) => ({ recipient, kind, message }));
}

export interface Decision<S> {
  state: S;
  notices: Notice[];
}

/** A business refusal: the action is not allowed now. The API answers 409 or 403. */
export class Refusal extends Error {
  constructor(
    readonly code: 'not_allowed_in_state' | 'forbidden' | 'invalid',
    message: string,
  ) {
    super(message);
    this.name = 'Refusal';
  }
}

export interface EntryChange {
  actor: Actor;
  action: string;
  note?: string;
  rule?: string;
  about?: string;
}

/** The timeline entry for one revision: who, what, why, and the status change if there was one. */
export function timelineEntry(
  at: string,
  revision: number,
  fromStatus: string,
  toStatus: string,
  change: EntryChange,
  level?: string,
): TimelineEntry {
  return {
    at,
    revision,
    actor: change.actor,
    action: change.action,
    ...(change.note ? { note: change.note } : {}),
    ...(toStatus !== fromStatus ? { from: fromStatus, to: toStatus } : {}),
    ...(level ? { level } : {}),
    ...(change.rule ? { rule: change.rule } : {}),
    ...(change.about ? { about: change.about } : {}),
  };
}

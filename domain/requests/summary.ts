import { TimelineEntry } from '../timeline';
import { isOnAgendaNow } from './agendaStay';
import { CitizenRequestState, currentDeadline } from './state';

/**
 * The id of the ladder level a request sits at, under the policy the case runs on: as its newest
 * timeline entry recorded it. The API's own policy may have renamed or reordered its levels since.
 */
export function caseLevelId(
  state: CitizenRequestState,
  newest: TimelineEntry | undefined = state.timeline.at(-1),
): string {
  return newest?.level ?? String(state.level);
}

/**
 * What a list shows of a request: everything but the resident's words and person, and the
 * timeline. Lists store it as it is, so the API presents a list item without reading the state.
 */
export function requestSummary(state: CitizenRequestState, levelId: string) {
  const { submission } = state;
  // A committee's deadline stands in for the stage's, so a lead's lapse shows in overdue lists.
  const deadline = currentDeadline(state);
  return {
    id: submission.id,
    revision: state.revision,
    status: state.status,
    category: submission.category,
    ...(submission.classification && { classification: submission.classification }),
    urgency: submission.urgency,
    channel: submission.channel,
    title: submission.title,
    gridId: submission.gridId,
    ...(submission.addressUnmatched && { addressUnmatched: true as const }),
    major: submission.major,
    onAgenda: isOnAgendaNow(state),
    level: levelId,
    unit: submission.jurisdiction[state.level],
    assignee: state.assignee,
    deadline: deadline && {
      stage: deadline.purpose,
      owner: deadline.owner,
      dueAt: deadline.dueAt,
      rule: deadline.rule,
      reminders: deadline.reminders.map((r) => ({ at: r.at, sent: r.sent })),
      ...(deadline.calendarFallback && { calendarFallback: deadline.calendarFallback }),
    },
    pendingExtension: state.pendingExtension && {
      by: state.pendingExtension.by.id,
      duration: state.pendingExtension.duration,
      reason: state.pendingExtension.reason,
    },
    outcome: state.outcome,
    mergedInto: state.mergedInto,
    submittedAt: state.submittedAt,
    updatedAt: state.updatedAt,
    closedAt: state.closedAt,
  };
}

export type RequestSummary = ReturnType<typeof requestSummary>;

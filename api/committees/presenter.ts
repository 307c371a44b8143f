import { caseKind } from '../../common/caseKinds';
import { AgendaState, arrivalLabels, ItemDecision, Meeting } from '../../domain/committee/agenda';
import { decisionLabels, supervisionLabels } from '../../domain/committee/decisions';
import { AgendaItemView } from '../../domain/committee/queries';

/** A decision with its labels (and, for a lead, the supervision level's). */
export function presentDecision<D extends ItemDecision>(decided: D) {
  const { decision } = decided;
  return {
    ...decided,
    kindLabel: decisionLabels[decision.kind],
    ...(decision.kind === 'assignLead' ? { supervisionLabel: supervisionLabels[decision.supervision] } : {}),
  };
}

/** An agenda item: why it arrived, how long it waited, what was decided, and where its case's history is. */
export function presentItem(item: AgendaItemView) {
  return {
    ...item,
    reasonLabel: arrivalLabels[item.reason],
    decision: item.decision && presentDecision(item.decision),
    // A plan's problem has its own view with its own timeline.
    history: `/api/v1/${caseKind(item.case.kind).apiPath}/${item.case.id}/${item.case.problem ? `problems/${item.case.problem}` : 'history'}`,
  };
}

export function presentAgenda(state: AgendaState, items: AgendaItemView[]) {
  return {
    committeeId: state.committeeId,
    revision: state.revision,
    updatedAt: state.updatedAt,
    items: items.map(presentItem),
  };
}

export function presentMeeting(meeting: Meeting) {
  return { ...meeting, decisions: meeting.decisions.map(presentDecision) };
}

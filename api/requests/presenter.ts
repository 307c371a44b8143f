import { Policy } from '../../domain/policy/policy';
import { CitizenRequestState, statusLabels } from '../../domain/requests/state';

/** The one shape clients see for a request, whether read live from Temporal or from the projection. */
export function presentRequest(state: CitizenRequestState, policy: Policy) {
  const { submission } = state;
  return {
    id: submission.id,
    revision: state.revision,
    status: state.status,
    statusLabel: statusLabels[state.status],
    category: submission.category,
    categoryLabel: policy.categories[submission.category]?.label,
    urgency: submission.urgency,
    channel: submission.channel,
    title: submission.title,
    description: submission.description,
    requester: { id: submission.requester.id, name: submission.requester.name },
    gridId: submission.gridId,
    major: submission.major,
    onAgenda: state.onAgenda,
    level: policy.ladder[state.level]?.id ?? String(state.level),
    unit: submission.jurisdiction[state.level],
    assignee: state.assignee,
    deadline: state.deadline && {
      stage: state.deadline.purpose,
      owner: state.deadline.owner,
      dueAt: state.deadline.dueAt,
      rule: state.deadline.rule,
      reminders: state.deadline.reminders.map((r) => ({ at: r.at, sent: r.sent })),
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

export function presentListItem(state: CitizenRequestState, policy: Policy) {
  const { description: _description, requester: _requester, ...item } = presentRequest(state, policy);
  return item;
}

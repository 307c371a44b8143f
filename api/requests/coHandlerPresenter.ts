import { OrgDirectory } from '../../domain/org';
import { coHandlerKey } from '../../domain/requests/coHandling';
import { CitizenRequestState, CoHandlerStatus } from '../../domain/requests/state';

export const coHandlerStatusLabels: Record<CoHandlerStatus, { zh: string; en: string }> = {
  open: { zh: '协办中', en: 'Open' },
  reported: { zh: '已反馈', en: 'Reported' },
  released: { zh: '已解除', en: 'Released' },
  ended: { zh: '随诉求终止', en: 'Ended with the request' },
};

/** Each co-handler's part, with its unit's name and its running deadline's owner and due time. */
export function presentCoHandlers(state: CitizenRequestState, org: Pick<OrgDirectory, 'nameOf'>) {
  return (state.coHandlers ?? []).map((part) => {
    const running = state.deadlines.find((d) => d.id === coHandlerKey(part.unit));
    return {
      unit: part.unit,
      unitName: org.nameOf(part.unit),
      task: part.task,
      status: part.status,
      statusLabel: coHandlerStatusLabels[part.status],
      dueAt: running?.dueAt ?? part.dueAt,
      owner: running?.owner ?? part.unit,
      lapses: part.lapses,
      assignedBy: part.assignedBy,
      assignedAt: part.assignedAt,
      ...(part.note ? { note: part.note } : {}),
      ...(part.doneAt ? { doneAt: part.doneAt } : {}),
    };
  });
}

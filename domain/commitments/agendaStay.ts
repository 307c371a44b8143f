import { AgendaMove, caseRef, itemKey } from '../committee/agenda';
import { TimelineEntry } from '../timeline';
import { CommitmentState } from './state';

/**
 * What a revision of a plan, pairing or pledge means for its committee's agenda, problem by problem
 * (the case itself never goes there): an open problem at the top rung arrives (again: arriving is
 * idempotent); one that was there and was resolved, withdrawn, or closed with its commitment leaves.
 * A problem sent back down left at the meeting that sent it.
 */
export function commitmentAgendaMoves(state: CommitmentState, entries: TimelineEntry[]): AgendaMove[] {
  const { jurisdiction } = state.submission;
  const top = jurisdiction.length - 1;
  const committeeId = jurisdiction[jurisdiction.length - 1];
  return state.problems
    .filter((problem) => problem.level === top)
    .flatMap((problem): AgendaMove[] => {
      const ref = caseRef(state.submission.kind, state.submission.id, problem.id);
      if (problem.status === 'open')
        return [
          {
            move: 'arrive',
            committeeId,
            arrival: {
              case: ref,
              reason: 'escalated_on_breach',
              title: problem.title,
              unit: jurisdiction[Math.max(0, jurisdiction.length - 2)],
            },
          },
        ];
      const endedNow = entries.some((entry) => entry.about === problem.id) || state.status === 'closed';
      return endedNow ? [{ move: 'leave', committeeId, key: itemKey(ref) }] : [];
    });
}

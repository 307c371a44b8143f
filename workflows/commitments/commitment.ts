import { continueAsNew, patched, setHandler, workflowInfo } from '@temporalio/workflow';
import { commitmentActionUpdate, CommitmentInput, commitmentStateQuery } from '../../common/commitments';
import { CommitmentState } from '../../domain/commitments/state';
import { commitmentClosing, decide, onDeadline, openCommitment } from '../../domain/commitments/transitions';
import { endsAt } from '../../domain/cases/ending';
import { addDuration } from '../../domain/policy/calendar';
import { Decision } from '../../domain/timeline';
import { CaseShell, firstDecisionAt } from '../shared/caseShell';
import { handleActions } from '../shared/actions';

/**
 * The shape every three-year commitment shares: obligations with deadlines, problems as cases
 * within it, a yearly assessment, handover, suspension and closure. It lives its whole term,
 * continuing as new before its history grows large and carrying its state across.
 */
export async function runCommitment(input: CommitmentInput): Promise<CommitmentState> {
  const { policy } = input;
  const ctx = () => ({ policy, now: Date.now() });
  // Runs recorded before counted the window from the last change, so each comment pushed the end out.
  const endsFromClosing = patched('case-ends-from-its-closing');
  const first: Decision<CommitmentState> = input.carried
    ? { state: input.carried, notices: [] }
    : openCommitment(input.submission, { policy, now: firstDecisionAt(input.openedAt) });

  const shell = new CaseShell<CommitmentState>(first.state, {
    caseId: workflowInfo().workflowId,
    projectedRevision: input.carried?.revision,
    endsAt: (state) =>
      endsFromClosing
        ? endsAt(commitmentClosing(state), policy)
        : state.status === 'closed'
          ? addDuration(Date.parse(state.updatedAt), policy.reopenWindow, policy.calendar)
          : undefined,
    onDeadline: (state, event, now) => onDeadline(state, event, { policy, now }),
    readModel: 'commitment',
    continueAfterEvents: input.continueAfterEvents,
  });
  shell.commit(first);

  setHandler(commitmentStateQuery, () => shell.state);
  handleActions(shell, commitmentActionUpdate, (state, command) => decide(state, command, ctx()));

  const exit = await shell.run();
  if (exit === 'continue') return continueAsNew<typeof runCommitment>({ ...input, carried: shell.state });
  return shell.state;
}

import { CommitmentState, currentHolders, currentLead } from '../../domain/commitments/state';
import { ProblemState } from '../../domain/problems/problem';
import { Projection } from '../../common/projection';
import { commitmentWorkflowId } from '../../common/commitments';
import { problemWorkflowIdFor } from '../../domain/commitments/transitions';
import { Models } from '../db/models';
import { appendTimeline } from '../db/timeline';
import { upsertIfNewer } from '../db/versionedUpsert';

export function commitmentProjectionActivities(models: Models) {
  return {
    /** The commitment and its funds ledger; each write idempotent, the commitment ordered by revision. */
    async projectCommitment({ state, entries }: Projection<CommitmentState>): Promise<void> {
      const { submission } = state;
      await appendTimeline(models.Timeline, commitmentWorkflowId(submission.kind, submission.id), entries);
      const obligations = state.deadlines.filter((d) => d.purpose !== 'assessment');
      const next = obligations.map((d) => Date.parse(d.dueAt)).sort((a, b) => a - b)[0];
      await upsertIfNewer(models.Commitment, {
        _id: submission.id,
        revision: state.revision,
        kind: submission.kind,
        status: state.status,
        title: submission.title,
        team: submission.team.name,
        department: submission.team.department,
        enterprise: submission.enterprise?.name,
        lead: currentLead(state),
        holders: currentHolders(state),
        year: state.year,
        startsAt: new Date(state.startsAt),
        endsAt: new Date(state.endsAt),
        nextObligationDueAt: next === undefined ? undefined : new Date(next),
        escalated: obligations.some((d) => d.level > 0),
        gridId: submission.gridId,
        units: submission.jurisdiction,
        updatedAt: new Date(state.updatedAt),
        state,
      });
      if (!state.funds.length) return;
      // Funding entries never change once recorded, so inserting the missing ones is idempotent.
      await models.Funding.bulkWrite(
        state.funds.map((f) => ({
          updateOne: { filter: { _id: `${submission.id}:${f.id}` }, update: { $setOnInsert: { ...f, _id: `${submission.id}:${f.id}`, commitmentId: submission.id } }, upsert: true },
        })),
        { ordered: false },
      );
    },

    async projectProblem({ state, entries }: Projection<ProblemState>): Promise<void> {
      const { input } = state;
      await appendTimeline(models.Timeline, problemWorkflowIdFor(input.commitmentId, input.problemId), entries);
      await upsertIfNewer(models.Problem, {
        _id: `${input.commitmentId}:${input.problemId}`,
        revision: state.revision,
        commitmentId: input.commitmentId,
        problemId: input.problemId,
        title: input.title,
        area: input.area,
        status: state.status,
        level: state.level,
        owner: state.deadline?.owner ?? state.owner,
        dueAt: state.deadline ? new Date(state.deadline.dueAt) : undefined,
        outcome: state.outcome,
        updatedAt: new Date(state.updatedAt),
        state,
      });
    },
  };
}

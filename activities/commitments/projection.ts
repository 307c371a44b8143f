import { CommitmentState, currentHolders, currentLead } from '../../domain/commitments/state';
import { Projection } from '../../common/projection';
import { commitmentWorkflowId } from '../../common/commitments';
import { Models } from '../db/models';
import { bulkUpsert } from '../db/bulk';
import { appendTimeline } from '../db/timeline';
import { upsertIfNewer } from '../db/versionedUpsert';

export function commitmentProjectionActivities(models: Models) {
  return {
    /** The commitment, its problems and its funds ledger; each write idempotent, ordered by revision. */
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
      // Each problem gets its own read model, ordered by the commitment's revision like the commitment itself.
      for (const problem of state.problems) {
        const deadline = state.deadlines.find((d) => d.id === `problem:${problem.id}`);
        await upsertIfNewer(models.Problem, {
          _id: `${submission.id}:${problem.id}`, revision: state.revision, commitmentId: submission.id, problemId: problem.id,
          title: problem.title, area: problem.area, status: problem.status, level: problem.level, owner: deadline?.owner ?? currentLead(state),
          dueAt: deadline ? new Date(deadline.dueAt) : undefined, outcome: problem.outcome, updatedAt: new Date(state.updatedAt), state: problem,
        });
      }
      if (!state.funds.length) return;
      // Funding entries never change once recorded, so inserting the missing ones is idempotent.
      await bulkUpsert(
        models.Funding,
        state.funds.map((f) => ({
          updateOne: { filter: { _id: `${submission.id}:${f.id}` }, update: { $setOnInsert: { ...f, _id: `${submission.id}:${f.id}`, commitmentId: submission.id } }, upsert: true },
        })),
      );
    },
  };
}

import { CommitmentState, currentHolders, currentLead } from '../../domain/commitments/state';
import { Projection } from '../../common/projection';
import { commitmentWorkflowId } from '../../common/commitments';
import { Models } from '../db/models';
import { CommitmentDoc, FundingDoc, ProblemDoc } from '../db/commitmentModels';
import { bulkUpsert } from '../db/bulk';
import { appendTimeline } from '../db/timeline';
import { upsertIfNewer } from '../db/versionedUpsert';
import { countLanded, Landed, timeSlices, unitScopes } from '../db/slices';
import { unitFields } from '../db/listShapes';

/** The list each kind's documents are counted in (activities/db/slices.ts). */
export const commitmentList = (kind: string) => `commitments.${kind}`;

/** Where a commitment is counted: the day its term starts, in every scope it is listed in. */
export function commitmentLanded(doc: CommitmentDoc): Landed[] {
  return unitScopes(doc.units).map((scope) => ({ scope, day: doc.day }));
}

/** A commitment's list document, with its state (timeline apart) for reads by id. */
export function toCommitmentDoc(state: CommitmentState): CommitmentDoc {
  const { submission } = state;
  const obligations = state.deadlines.filter((d) => d.purpose !== 'assessment');
  const next = obligations.map((d) => Date.parse(d.dueAt)).sort((a, b) => a - b)[0];
  return {
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
    ...timeSlices(state.startsAt),
    endsAt: new Date(state.endsAt),
    nextObligationDueAt: next === undefined ? undefined : new Date(next),
    escalated: obligations.some((d) => d.level > 0),
    gridId: submission.gridId,
    units: submission.jurisdiction,
    ...unitFields(submission.jurisdiction),
    updatedAt: new Date(state.updatedAt),
    state,
  };
}

/** Each problem's own read model, versioned by the commitment's revision like the commitment itself. */
export function toProblemDocs(state: CommitmentState): ProblemDoc[] {
  const { submission } = state;
  return state.problems.map((problem) => {
    const deadline = state.deadlines.find((d) => d.id === `problem:${problem.id}`);
    return {
      _id: `${submission.id}:${problem.id}`,
      revision: state.revision,
      commitmentId: submission.id,
      problemId: problem.id,
      title: problem.title,
      area: problem.area,
      status: problem.status,
      level: problem.level,
      owner: deadline?.owner ?? currentLead(state),
      dueAt: deadline ? new Date(deadline.dueAt) : undefined,
      outcome: problem.outcome,
      updatedAt: new Date(state.updatedAt),
      state: problem,
    };
  });
}

/** The funds ledger (台账): one document per funding entry, never changed once recorded. */
export function toFundingDocs(state: CommitmentState): FundingDoc[] {
  const { submission } = state;
  return state.funds.map((f) => ({ ...f, _id: `${submission.id}:${f.id}`, commitmentId: submission.id }));
}

export function commitmentProjectionActivities(models: Models) {
  return {
    /**
     * The commitment, its problems and its funds ledger; each write idempotent, ordered by revision.
     * The opening is counted before the list document is written, as a request's filing is.
     */
    async projectCommitment({ state, entries }: Projection<CommitmentState>): Promise<void> {
      const { submission } = state;
      const doc = toCommitmentDoc(state);
      await appendTimeline(models.Timeline, commitmentWorkflowId(submission.kind, submission.id), entries);
      if (entries.some((entry) => entry.action === 'open'))
        await countLanded(models.Slice, commitmentList(submission.kind), commitmentLanded(doc));
      await upsertIfNewer(models.Commitment, doc);
      for (const problem of toProblemDocs(state)) await upsertIfNewer(models.Problem, problem);
      const funds = toFundingDocs(state);
      if (!funds.length) return;
      // Funding entries never change once recorded, so inserting the missing ones is idempotent.
      await bulkUpsert(
        models.Funding,
        funds.map((doc) => ({
          updateOne: { filter: { _id: doc._id }, update: { $setOnInsert: doc }, upsert: true },
        })),
      );
    },
  };
}

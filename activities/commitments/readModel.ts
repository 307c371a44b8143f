import { commitmentWorkflowId } from '../../common/commitments';
import type { Doc } from '../../reconcile/drift';
import { collection } from '../../reconcile/collection';
import type { ReadModelDefinition } from '../readModels/readModel';
import {
  commitmentLanded,
  commitmentList,
  commitmentProjectionActivities,
  toCommitmentDoc,
  toFundingDocs,
  toProblemDocs,
} from './projection';

/** Plans, pairings and pledges: the commitment, its problems (each a case of its own) and its funds ledger. */
export const commitmentReadModel: ReadModelDefinition<'commitment'> = {
  project: (models) => commitmentProjectionActivities(models).projectCommitment,
  load: (state) => state,
  caseId: (state) => commitmentWorkflowId(state.submission.kind, state.submission.id),
  collections: (models) => ({
    commitments: collection(models.Commitment),
    problems: collection(models.Problem),
    funds: collection(models.Funding),
  }),
  expected(models, state) {
    const id = state.submission.id;
    return [
      {
        collection: 'commitments',
        docs: [toCommitmentDoc(state)],
        stored: async () => {
          const doc = await models.Commitment.findById(id).lean<Doc>();
          return doc ? [doc] : [];
        },
      },
      {
        collection: 'problems',
        docs: toProblemDocs(state),
        stored: () => models.Problem.find({ commitmentId: id }).lean<Doc[]>(),
        diff: { revision: state.revision, extraIsDrift: true },
      },
      {
        collection: 'funds',
        docs: toFundingDocs(state),
        stored: () => models.Funding.find({ commitmentId: id }).lean<Doc[]>(),
      },
    ];
  },
  landed: (state) => {
    const doc = toCommitmentDoc(state);
    return { list: commitmentList(doc.kind), landed: commitmentLanded(doc) };
  },
};

import { requestWorkflowId } from '../../common/requests';
import { requestStateFrom } from '../../domain/requests/state';
import type { Doc } from '../../reconcile/drift';
import { collection } from '../../reconcile/collection';
import type { ReadModelDefinition } from '../readModels/readModel';
import { requestLanded, requestProjectionActivities, toRequestDoc } from './projection';

const found = <D>(doc: D | null): D[] => (doc ? [doc] : []);

/** Requests: the list document (`requests`) and the last state (`request_states`, read past Temporal's retention). */
export const requestReadModel: ReadModelDefinition<'request'> = {
  project: (models) => requestProjectionActivities(models).projectRequest,
  load: requestStateFrom,
  caseId: (state) => requestWorkflowId(state.submission.id),
  collections: (models) => ({
    request_states: collection(models.RequestState),
    requests: collection(models.Request),
  }),
  expected(models, state, timeline) {
    const id = state.submission.id;
    return [
      {
        collection: 'request_states',
        docs: [{ _id: id, revision: state.revision, state: { ...state, timeline: [] } } as Doc],
        stored: async () => found(await models.RequestState.findById(id).lean<Doc>()),
      },
      {
        collection: 'requests',
        docs: [toRequestDoc(state, timeline)],
        stored: async () => found(await models.Request.findById(id).lean<Doc>()),
      },
    ];
  },
  landed: (state, timeline) => ({ list: 'requests', landed: requestLanded(toRequestDoc(state, timeline)) }),
};

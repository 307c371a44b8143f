import { requestWorkflowId } from '../../common/requests';
import { requestStateFrom } from '../../domain/requests/state';
import type { Doc } from '../../reconcile/drift';
import { collection, Collection } from '../../reconcile/collection';
import type { KpiContributionDoc } from '../db/kpiModel';
import type { Models } from '../db/models';
import { forgetRemoved } from '../kpi/totals';
import type { ReadModelDefinition } from '../readModels/readModel';
import { contributionDocs } from '../kpi/projection';
import { requestLanded, requestProjectionActivities, toRequestDoc } from './projection';

const found = <D>(doc: D | null): D[] => (doc ? [doc] : []);

/** Contributions a repair removes are taken out of the ledger's totals too. */
function contributions(models: Models): Collection {
  const plain = collection(models.KpiContribution);
  return {
    ...plain,
    async remove(ids) {
      // By id one at a time: FerretDB serves no `$in` from an index.
      const removed = (
        await Promise.all(ids.map((_id) => models.KpiContribution.findById(_id).lean<KpiContributionDoc>()))
      ).filter((doc) => doc !== null);
      await plain.remove(ids);
      await forgetRemoved(models, removed);
    },
  };
}

/**
 * Requests: the list document (`requests`), the last state (`request_states`, read past Temporal's
 * retention) and what each contributes to the ledger per day (`kpi_contributions`). The ledger's
 * per-unit day totals (`kpi_totals`) and the marks of what changed them (`kpi_marks`) are all the
 * requests' together: a rebuild empties them, and its marks have them summed again at its end.
 */
export const requestReadModel: ReadModelDefinition<'request'> = {
  project: (models) => requestProjectionActivities(models).projectRequest,
  load: requestStateFrom,
  caseId: (state) => requestWorkflowId(state.submission.id),
  collections: (models) => ({
    request_states: collection(models.RequestState),
    requests: collection(models.Request),
    kpi_contributions: contributions(models),
    kpi_totals: collection(models.KpiTotal),
    kpi_marks: collection(models.KpiMark),
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
      {
        // A day no fact of the case counts on is drift too: a ledger would count it.
        collection: 'kpi_contributions',
        docs: contributionDocs(state, timeline),
        stored: () => models.KpiContribution.find({ requestId: id }).lean<Doc[]>().exec(),
        diff: { revision: state.revision, extraIsDrift: true },
      },
    ];
  },
  landed: (state, timeline) => ({ list: 'requests', landed: requestLanded(toRequestDoc(state, timeline)) }),
};

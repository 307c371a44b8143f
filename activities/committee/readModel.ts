import { Connection, Model, Schema } from 'mongoose';
import { committeeWorkflowId } from '../../common/committee';
import { AgendaState } from '../../domain/committee/agenda';
import { collection } from '../../reconcile/collection';
import type { Doc } from '../../reconcile/drift';
import { appendTimeline } from '../db/timeline';
import { upsertIfNewer } from '../db/versionedUpsert';
import type { ReadModelDefinition } from '../readModels/readModel';

/**
 * A committee's agenda and every meeting it held, in one document read by `_id` (the committee's
 * unit): what the agenda, past meetings and a case's decisions read. Its size follows that one
 * committee's meetings, never the number of stored cases.
 */
export interface AgendaDoc {
  _id: string;
  revision: number;
  state: AgendaState;
}

export function createAgendaModel(connection: Connection): Model<AgendaDoc> {
  return connection.model<AgendaDoc>(
    'CommitteeAgenda',
    new Schema<AgendaDoc>(
      { _id: String, revision: { type: Number, required: true }, state: Schema.Types.Mixed },
      { versionKey: false, collection: 'committee_agendas' },
    ),
  );
}

function toAgendaDoc(state: AgendaState): AgendaDoc {
  return { _id: state.committeeId, revision: state.revision, state: { ...state, timeline: [] } };
}

export const committeeReadModel: ReadModelDefinition<'committee'> = {
  project:
    (models) =>
    async ({ state, entries }) => {
      await appendTimeline(models.Timeline, committeeWorkflowId(state.committeeId), entries);
      await upsertIfNewer(models.CommitteeAgenda, toAgendaDoc(state));
    },
  load: (stored) => stored,
  caseId: (state) => committeeWorkflowId(state.committeeId),
  collections: (models) => ({ committee_agendas: collection(models.CommitteeAgenda) }),
  expected: (models, state) => [
    {
      collection: 'committee_agendas',
      docs: [toAgendaDoc(state) as unknown as Doc],
      stored: async () => {
        const doc = await models.CommitteeAgenda.findById(state.committeeId).lean<Doc>();
        return doc ? [doc] : [];
      },
    },
  ],
};

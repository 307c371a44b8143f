import { AgendaState } from '../domain/committee/agenda';
import { CommitmentState } from '../domain/commitments/state';
import { CitizenRequestState } from '../domain/requests/state';
import { TimelineEntry } from '../domain/timeline';
import { KeyedNotice } from './notifications';

/**
 * What a projection activity receives for one revision of a case: the state with its timeline
 * emptied, and the timeline entries added since the last projection. Read models keep the
 * entries in their own collection.
 */
export interface Projection<S> {
  state: S;
  entries: TimelineEntry[];
}

/** The read model each kind of case is projected into, with the state it holds. */
export interface ReadModelStates {
  request: CitizenRequestState;
  commitment: CommitmentState;
  committee: AgendaState;
}
export type ReadModel = keyof ReadModelStates;

/** What one activity commits after a case moved on: the newest revision's projection and every notice not yet delivered. */
export type CommittedRevision = {
  [M in ReadModel]: Projection<ReadModelStates[M]> & { readModel: M; notices: KeyedNotice[] };
}[ReadModel];

/**
 * What the activity answers. The entries and notices it wrote come back because a local
 * activity's input never reaches the history, only its result: the auditor's timeline reads
 * them there. The webhook is a channel of the worker's configuration, which workflows cannot read.
 */
export interface RevisionReceipt {
  entries: TimelineEntry[];
  notices: KeyedNotice[];
  webhookConfigured: boolean;
  /**
   * When the writes were done (ISO 8601, the worker's clock). A workflow's clock stands still
   * within its task while a local activity runs, and the server starts a timer only when the
   * task completes: a timer set after the activity counts from here, or it fires late by the
   * activity's time. Absent from receipts recorded before.
   */
  committedAt?: string;
}

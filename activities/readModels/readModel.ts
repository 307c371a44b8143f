import type { Projection, ReadModel, ReadModelStates } from '../../common/projection';
import type { TimelineEntry } from '../../domain/timeline';
import type { Collection } from '../../reconcile/collection';
import type { DiffOptions, Doc } from '../../reconcile/drift';
import type { Landed } from '../db/slices';
import type { Models } from '../db/models';

/** What one collection must hold for a case, and how to read what it holds now. */
export interface ExpectedDocs {
  collection: string;
  docs: Doc[];
  stored(): Promise<Doc[]>;
  diff?: DiffOptions;
}

/**
 * One read model: the collections a kind of case is projected into. The worker writes each revision
 * through `project`; reconciliation compares `expected` with what is stored and rebuilds through
 * `project` again. Timeline entries and notices are every case's, kept apart from these.
 */
export interface ReadModelDefinition<M extends ReadModel> {
  /** Writes one revision (its entries included): idempotent and ordered by revision. */
  project(models: Models): (projection: Projection<ReadModelStates[M]>) => Promise<void>;
  /** A state stored in any shape this model's code once wrote (an ended run's result), as the code holds it now. */
  load(stored: ReadModelStates[M]): ReadModelStates[M];
  /** The case's workflow ID. */
  caseId(state: ReadModelStates[M]): string;
  /** The collections this model owns, by the name reconciliation reports. */
  collections(models: Models): Record<string, Collection>;
  /** Everything those collections must hold for a case at `state`, whose whole timeline is `timeline`. */
  expected(models: Models, state: ReadModelStates[M], timeline: TimelineEntry[]): ExpectedDocs[];
  /** Filings counted in list slices, under the list's name. */
  landed?(state: ReadModelStates[M], timeline: TimelineEntry[]): { list: string; landed: Landed[] };
}

import { TimelineEntry } from '../domain/timeline';

/**
 * What a projection activity receives for one revision of a case: the state with its timeline
 * emptied, and the timeline entries added since the last projection. Read models keep the
 * entries in their own collection.
 */
export interface Projection<S> {
  state: S;
  entries: TimelineEntry[];
}

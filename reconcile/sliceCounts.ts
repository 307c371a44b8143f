import { Model } from 'mongoose';
import { countAtLeast, SliceDoc, tallyLanded } from '../activities/db/slices';
import { noticesLanded } from '../activities/notifications/inbox';
import { readModelOf } from '../activities/readModels';
import { CaseTruth } from './truth';

/**
 * How many requests, commitments and notices truly landed in each slice, tallied over every case read: the
 * figure a slice count must never be below (activities/db/slices.ts).
 */
export class SliceTally {
  readonly counts = new Map<string, number>();

  add(truth: CaseTruth): void {
    const model = readModelOf(truth.readModel);
    const filed = model.landed?.(truth.state, truth.state.timeline);
    if (filed) tallyLanded(filed.list, filed.landed, this.counts);
    tallyLanded('notifications', noticesLanded(truth.notices), this.counts);
  }
}

/**
 * Raises every stored count below the tally to it, in one pass over the counts. Counts above it
 * stay: a retried or repeated write counted twice, or a case filed after the tally counted itself.
 * Returns how many were raised.
 */
export async function raiseLowCounts(model: Model<SliceDoc>, tally: SliceTally): Promise<number> {
  const low = new Map(tally.counts);
  for await (const stored of model.find({}).lean<SliceDoc[]>().cursor()) {
    if ((low.get(stored._id) ?? Infinity) <= stored.n) low.delete(stored._id);
  }
  await countAtLeast(model, low);
  return low.size;
}

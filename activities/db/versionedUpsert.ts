import { Model } from 'mongoose';

/**
 * Writes a read model only if it is newer than what is stored, so a retried or late write
 * never puts an older state over a newer one. The filter cannot match a newer document, so
 * the upsert tries to insert and the unique _id refuses it: that refusal means "already newer".
 */
export async function upsertIfNewer<T extends { _id: string; revision: number }>(
  model: Model<T>,
  doc: T,
): Promise<'written' | 'stale'> {
  try {
    // Replaced whole: a field the new state no longer has (a deadline met, say) must not linger.
    await model.replaceOne({ _id: doc._id, revision: { $lt: doc.revision } } as never, doc as never, {
      upsert: true,
    });
    return 'written';
  } catch (err) {
    if ((err as { code?: number }).code === 11000) return 'stale';
    throw err;
  }
}

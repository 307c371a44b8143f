import { Model } from 'mongoose';
import { TimelineEntry } from '../../domain/timeline';
import { bulkUpsert } from './bulk';
import { TimelineDoc } from './models';

/** Entries never change once written, so inserting the missing ones makes a retry harmless. */
export async function appendTimeline(model: Model<TimelineDoc>, caseId: string, entries: TimelineEntry[]): Promise<void> {
  if (!entries.length) return;
  await bulkUpsert(
    model,
    entries.map((entry) => ({
      updateOne: { filter: { _id: `${caseId}:${entry.revision}` }, update: { $setOnInsert: { caseId, revision: entry.revision, entry } }, upsert: true },
    })),
  );
}

/** A case's whole timeline from the read model, for when its workflow is past Temporal's retention. */
export async function readTimeline(model: Model<TimelineDoc>, caseId: string): Promise<TimelineEntry[]> {
  const docs = await model.find({ caseId }).sort({ revision: 1 }).lean();
  return docs.map((d) => d.entry);
}

import { Model } from 'mongoose';
import { TimelineEntry } from '../../domain/timeline';
import { bulkUpsert } from './bulk';
import { TimelineDoc } from './models';

/** A timeline entry's document: the case's workflow ID and the entry's revision name it. */
export function toTimelineDoc(caseId: string, entry: TimelineEntry): TimelineDoc {
  return { _id: `${caseId}:${entry.revision}`, caseId, revision: entry.revision, entry };
}

/** Entries never change once written, so inserting the missing ones makes a retry harmless. */
export async function appendTimeline(
  model: Model<TimelineDoc>,
  caseId: string,
  entries: TimelineEntry[],
): Promise<void> {
  if (!entries.length) return;
  await bulkUpsert(
    model,
    entries.map((entry) => {
      const { _id, ...doc } = toTimelineDoc(caseId, entry);
      return { updateOne: { filter: { _id }, update: { $setOnInsert: doc }, upsert: true } };
    }),
  );
}

/** A case's whole timeline from the read model, for when its workflow is past Temporal's retention. */
export async function readTimeline(model: Model<TimelineDoc>, caseId: string): Promise<TimelineEntry[]> {
  const docs = await model.find({ caseId }).sort({ revision: 1 }).lean();
  return docs.map((d) => d.entry);
}

import { mongo, AnyBulkWriteOperation, Model } from 'mongoose';

/**
 * FerretDB 1.24 over PostgreSQL keeps a PostgreSQL connection for every update in a bulk that
 * matches a stored document until the whole bulk ends; once concurrent bulks hold its whole pool
 * (50 by default, 180 as scripts/servers.ts starts it) they wait on each other forever. So bulks go
 * in small chunks: with 10, it takes 18 concurrent ones.
 */
const chunk = 10;
/** Each retry follows a concurrent insert of the same key, which cannot happen twice to one upsert. */
const duplicateRetries = 3;

/**
 * Two writers upserting a key neither found both insert it, and one is refused with E11000 (on
 * MongoDB and FerretDB alike). Only the refused operations go again, as updates of the document
 * the other writer made: retrying the whole bulk would apply the others twice.
 */
export async function bulkUpsert<T>(model: Model<T>, ops: AnyBulkWriteOperation<T>[]): Promise<void> {
  for (let start = 0; start < ops.length; start += chunk) {
    let pending = ops.slice(start, start + chunk);
    for (let attempt = 0; pending.length; attempt++) {
      try {
        await model.bulkWrite(pending, { ordered: false });
        pending = [];
      } catch (err) {
        const refused = err instanceof mongo.MongoBulkWriteError ? [err.writeErrors].flat() : [];
        if (attempt === duplicateRetries || !refused.length || refused.some((e) => e.code !== 11000))
          throw err;
        pending = refused.map((e) => pending[e.index]);
      }
    }
  }
}

import { AnyBulkWriteOperation, Model } from 'mongoose';

/**
 * FerretDB 1.24 over PostgreSQL keeps a PostgreSQL connection for every update in a bulk that
 * matches a stored document until the whole bulk ends; past its pool (about 50) a bulk waits on
 * itself forever. So bulks go in chunks well below that.
 */
const chunk = 20;

export async function bulkUpsert<T>(model: Model<T>, ops: AnyBulkWriteOperation<T>[]): Promise<void> {
  for (let start = 0; start < ops.length; start += chunk) await model.bulkWrite(ops.slice(start, start + chunk), { ordered: false });
}

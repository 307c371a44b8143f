import { AnyBulkWriteOperation, Model } from 'mongoose';

/**
 * FerretDB 1.24 over PostgreSQL keeps a PostgreSQL connection for every update in a bulk that
 * matches a stored document until the whole bulk ends; once concurrent bulks hold its whole pool
 * (50 by default, 180 as scripts/servers.ts starts it) they wait on each other forever. So bulks go
 * in small chunks: with 10, it takes 18 concurrent ones.
 */
const chunk = 10;

export async function bulkUpsert<T>(model: Model<T>, ops: AnyBulkWriteOperation<T>[]): Promise<void> {
  for (let start = 0; start < ops.length; start += chunk) await model.bulkWrite(ops.slice(start, start + chunk), { ordered: false });
}

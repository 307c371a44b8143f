import { createHash } from 'node:crypto';
import { Connection, Model } from 'mongoose';
import pg from 'pg';
import { kpiLookupFields } from './kpiModel';
import { cycleReportLookupFields } from './reportModel';
import { kpiMarkLookupFields, kpiTotalLookupFields } from './kpiTotalsModel';
import {
  categoryNodeFields,
  commitmentListShapes,
  inboxListShapes,
  openUnitFields,
  pushdownFields,
  requestDueShapes,
  requestListShapes,
} from './listShapes';

export type StoreKind = 'mongodb' | 'ferretdb-postgresql' | 'ferretdb';

/** Fields found by equality in each collection besides `_id`; a collection not named is found by `_id` only. */
const lookupFields: Record<string, string[]> = {
  // A category node narrows a slice further, as department and team do commitments'.
  requests: [
    ...pushdownFields([...requestListShapes, ...requestDueShapes]),
    ...openUnitFields,
    ...categoryNodeFields,
    'assignee',
  ],
  timeline: ['caseId'],
  // By case too: reconciliation reads a case's notices (reconcile/caseRepair.ts).
  notifications: [...pushdownFields(inboxListShapes), 'caseId'],
  problems: ['commitmentId'],
  funds: ['commitmentId'],
  // Department and team narrow a slice further; they are equality too.
  commitments: [...pushdownFields(commitmentListShapes), 'department', 'team'],
  action_log: ['seq', 'target'],
  kpi_contributions: kpiLookupFields,
  cycle_reports: cycleReportLookupFields,
  kpi_totals: kpiTotalLookupFields,
  kpi_marks: kpiMarkLookupFields,
};

/**
 * Gets the read models' store ready for their queries, idempotently, at every process start.
 * MongoDB: the compound indexes the list shapes declare. FerretDB over PostgreSQL pushes equality
 * down as `_jsonb->'field' @> value`, which its own btree indexes cannot serve: so a GIN index on
 * that expression per looked-up field (and on `_id` everywhere, for every by-id read and upsert),
 * made in PostgreSQL directly. FerretDB on SQLite pushes down `_id` alone: nothing to make.
 */
export async function prepareStore(db: Connection, postgresUrl?: string): Promise<StoreKind> {
  const info = await db.db!.admin().command({ buildInfo: 1 });
  const models = Object.values(db.models) as Model<unknown>[];
  if (!info.ferretdbVersion) {
    await Promise.all(models.map((model) => model.createIndexes()));
    return 'mongodb';
  }
  if (!postgresUrl) return 'ferretdb';
  // FerretDB makes a collection's table on first use; make them all now so every index has its table.
  await Promise.all(models.map((model) => model.createCollection().catch(ignoreExisting)));
  await createGinIndexes(
    postgresUrl,
    db.db!.databaseName,
    models.map((model) => model.collection.collectionName),
  );
  return 'ferretdb-postgresql';
}

function ignoreExisting(err: { code?: number }): void {
  if (err.code !== 48) throw err; // NamespaceExists
}

/** One name per table and field, within PostgreSQL's 63 characters. */
export function ginIndexName(table: string, field: string): string {
  return `lianxin_gin_${createHash('sha256').update(`${table}\u0000${field}`).digest('hex').slice(0, 16)}`;
}

/** FerretDB's PostgreSQL table of each collection of a database, from its own metadata. */
export async function ferretDbTables(
  client: pg.ClientBase | pg.Pool,
  database: string,
): Promise<Map<string, string>> {
  const tables = await client.query<{ collection: string; table: string }>(
    `SELECT _jsonb->>'_id' AS collection, _jsonb->>'table' AS table FROM ${pg.escapeIdentifier(database)}._ferretdb_database_metadata`,
  );
  return new Map(tables.rows.map(({ collection, table }) => [collection, table]));
}

async function createGinIndexes(postgresUrl: string, database: string, collections: string[]): Promise<void> {
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  try {
    // The worker and the API start together; one of them builds at a time.
    await client.query(`SELECT pg_advisory_lock(hashtext('lianxin pushdown indexes'))`);
    const ident = (name: string) => client.escapeIdentifier(name);
    const tables = await ferretDbTables(client, database);
    for (const [collection, table] of [...tables].filter(([name]) => collections.includes(name))) {
      for (const field of ['_id', ...(lookupFields[collection] ?? [])]) {
        await client.query(
          `CREATE INDEX IF NOT EXISTS ${ident(ginIndexName(table, field))} ON ${ident(database)}.${ident(table)} USING gin ((_jsonb->${client.escapeLiteral(field)}))`,
        );
      }
    }
  } finally {
    await client.end();
  }
}

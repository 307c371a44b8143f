import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import { createModels, Models } from '../../activities/db/models';
import { prepareStore, StoreKind } from '../../activities/db/store';
import { FerretDbOptions, freePort, startFerretDb } from '../../scripts/servers';

export interface ReadModelStore {
  db: mongoose.Connection;
  models: Models;
  kind: StoreKind;
  postgresUrl?: string;
  stop(): Promise<void>;
}

/** The read models alone on a fresh FerretDB (or the MongoDB at `mongoUri`), prepared as the app prepares them. */
export async function startReadModelStore(
  database: string,
  opts: { backend?: FerretDbOptions['backend']; mongoUri?: string } = {},
): Promise<ReadModelStore> {
  const dataDir = opts.mongoUri ? undefined : fs.mkdtempSync(path.join(os.tmpdir(), 'lianxin-readmodels-'));
  const ferret = dataDir
    ? await startFerretDb({ port: await freePort(), dataDir, durable: false, backend: opts.backend })
    : undefined;
  const db = await mongoose.createConnection(`${opts.mongoUri ?? ferret!.uri}/${database}`).asPromise();
  const models = createModels(db);
  const kind = await prepareStore(db, ferret?.postgresUrl);
  return {
    db,
    models,
    kind,
    postgresUrl: ferret?.postgresUrl,
    async stop() {
      await db.close();
      await ferret?.stop();
      if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

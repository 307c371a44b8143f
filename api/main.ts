import { readFileSync } from 'node:fs';
import { Client, Connection } from '@temporalio/client';
import mongoose from 'mongoose';
import { createModels } from '../activities/db/models';
import { prepareStore } from '../activities/db/store';
import { createActionLogModel } from '../audit/actionLog/store';
import { CaseAuditor } from '../audit/auditor';
import { installQuietRuntime } from '../audit/quietRuntime';
import { bundleWorkflows } from '../worker/bundle';
import { loadEnvOrExit } from '../config/env';
import { buildOrgDirectory } from '../domain/org';
import { parsePolicy } from '../domain/policy/policy';
import { startApi } from './server';

async function main(): Promise<void> {
  const env = loadEnvOrExit();
  installQuietRuntime();
  const policy = parsePolicy(JSON.parse(readFileSync(env.POLICY_FILE, 'utf8')));
  const org = buildOrgDirectory(JSON.parse(readFileSync(env.ORG_FILE, 'utf8')), policy);
  const db = await mongoose.createConnection(env.MONGODB_URI, { serverSelectionTimeoutMS: 10_000 }).asPromise();
  const connection = await Connection.connect({ address: env.TEMPORAL_ADDRESS });
  const temporal = new Client({ connection, namespace: env.TEMPORAL_NAMESPACE });
  const models = createModels(db);
  const actionLog = createActionLogModel(db);
  await prepareStore(db, env.FERRETDB_POSTGRES_URL || undefined);
  const api = await startApi({ temporal, db, models, actionLog, auditor: new CaseAuditor({ temporal, archiveDir: env.ARCHIVE_DIR }, () => bundleWorkflows()), policy, org, taskQueue: env.TEMPORAL_TASK_QUEUE }, env.API_HOST, env.API_PORT);
  console.log(`api listening on ${api.url}/api/v1`);
  const stop = async () => {
    await api.stop();
    await connection.close();
    await db.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});

import { readFileSync, writeFileSync } from 'node:fs';
import { Client, Connection } from '@temporalio/client';
import mongoose from 'mongoose';
import { createModels } from '../activities/db/models';
import { createApp } from '../api/app';
import { ApiDeps } from '../api/deps';
import { createLogger } from '../common/log';
import { readCategoryTree } from '../config/categoriesFile';
import { envSchema } from '../config/env';
import { buildOrgDirectory } from '../domain/org';
import { parsePolicy } from '../domain/policy/policy';
import { runScript } from './cli';
import { consoleSignIn } from '../identity/consoleSignIn';

/**
 * The API's OpenAPI document, made without any server: the routes describe themselves when the app
 * is built, and nothing is connected until a request comes. The console's typed client is generated
 * from it (`npm run console:types`), and a unit test keeps the committed copy current.
 */
export function apiDocument(): unknown {
  const env = envSchema.parse({});
  const policy = parsePolicy(JSON.parse(readFileSync(env.POLICY_FILE, 'utf8')));
  const db = mongoose.createConnection();
  // Only what building the routes reads; a request would need the rest, and none is sent.
  const deps = {
    db,
    models: createModels(db),
    log: createLogger(),
    temporal: new Client({ connection: Connection.lazy({ address: env.TEMPORAL_ADDRESS }) }),
    directory: { store: {} },
    identity: { consoleSignIn: consoleSignIn(env) },
    policy,
    org: buildOrgDirectory(JSON.parse(readFileSync(env.ORG_FILE, 'utf8')), policy),
    categories: readCategoryTree(env.CATEGORIES_FILE, policy),
  } as unknown as ApiDeps;
  return createApp(deps).locals.openapi;
}

if (require.main === module)
  runScript('openapi', async () => {
    const [out] = process.argv.slice(2);
    const text = `${JSON.stringify(apiDocument(), null, 2)}\n`;
    if (out) writeFileSync(out, text);
    else process.stdout.write(text);
  });

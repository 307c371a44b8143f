import { parseArgs } from 'node:util';
import mongoose from 'mongoose';
import { loadEnvOrExit } from '../config/env';
import { DirectoryStore } from '../directory/store';
import { durationSeconds } from '../identity/claims';
import { builtInIssuer } from '../identity/config';
import { fail, runScript } from './cli';

/**
 * `npm run -s token -- <personId> [--role r] [--unit u] [--ttl 8h]`: prints a bearer token of the
 * built-in issuer for a person of the org directory (in one of their assignments when --role or
 * --unit picks it). For curl: `-H "Authorization: Bearer $(npm run -s token -- sec-1)"`.
 */
async function main(): Promise<void> {
  const env = loadEnvOrExit();
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { role: { type: 'string' }, unit: { type: 'string' }, ttl: { type: 'string' } },
  });
  const [personId] = positionals;
  if (!personId || positionals.length > 1)
    fail('usage: npm run -s token -- <personId> [--role r] [--unit u] [--ttl 8h]');
  if (env.AUTH_JWKS_URL)
    fail('AUTH_JWKS_URL is set: tokens come from the OIDC provider, not the built-in issuer');
  const ttlSeconds = values.ttl === undefined ? undefined : durationSeconds(values.ttl);
  if (values.ttl !== undefined && !ttlSeconds)
    fail(`--ttl ${values.ttl}: expected a duration like 8h, 30m or 7d`);
  const db = await mongoose
    .createConnection(env.MONGODB_URI, { serverSelectionTimeoutMS: 5_000 })
    .asPromise();
  try {
    const person = await new DirectoryStore(db).person(personId);
    if (!person)
      fail(`${personId} is not a person of the org directory (npm run seed loads the demo people)`);
    if (person.disabled) fail(`${personId} is disabled`);
    const held = person.assignments.some(
      (a) => (!values.role || a.role === values.role) && (!values.unit || a.unit === values.unit),
    );
    if (!held) {
      const list = person.assignments.map((a) => `${a.role}@${a.unit}`).join(', ');
      fail(`${personId} holds no such assignment; they hold ${list}`);
    }
    const { token } = await builtInIssuer(env).issue(personId, { ...values, ttlSeconds });
    console.log(token);
  } finally {
    await db.close();
  }
}

runScript('token', main);

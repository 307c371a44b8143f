import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DirectoryStore } from '../../directory/store';
import { Identity } from '../../identity/config';
import { BuiltInIssuer } from '../../identity/issuer';
import { KeyFile } from '../../identity/keyFile';
import { createTokenVerifier } from '../../identity/verifier';
import { PersonRole } from '../../domain/actors';

export type Who = { id: string; role: string; unit: string };

/** The issuer and audience the test stacks run with: the defaults of config/env.ts. */
export const testAuth = { issuer: 'lianxin', audience: 'lianxin-api', subjectClaim: 'sub' };

/** A built-in issuer over `keyDir` (a fresh temp folder unless given), and the API's identity trusting it. */
export function testIdentity(
  keyDir = mkdtempSync(join(tmpdir(), 'lianxin-auth-')),
): Identity & { issuer: BuiltInIssuer } {
  const keys = new KeyFile(keyDir);
  return {
    verify: createTokenVerifier({ ...testAuth, clockToleranceSeconds: 5, keys }),
    subjectClaim: testAuth.subjectClaim,
    issuer: new BuiltInIssuer(keys, { ...testAuth, ttlSeconds: 8 * 3600 }),
    consoleSignIn: { mode: 'password' },
  };
}

/**
 * What a test sends to act as `who`: a bearer token from the built-in issuer for a person of the
 * directory holding that assignment. Tests name ad-hoc actors (`member-x`, a plan's lead), so the
 * person is put in the directory first, as an administrator would have; a token asks for exactly
 * that role and unit. Made once per actor.
 */
export function tokenCredentials(store: DirectoryStore, issuer: BuiltInIssuer) {
  const made = new Map<string, Promise<Record<string, string>>>();
  return (who: Who): Promise<Record<string, string>> => {
    const key = `${who.id}\n${who.role}\n${who.unit}`;
    let headers = made.get(key);
    if (!headers) {
      headers = (async () => {
        await store.ensureAssignment(who.id, who.id, { role: who.role as PersonRole, unit: who.unit });
        const { token } = await issuer.issue(who.id, { role: who.role, unit: who.unit });
        return { authorization: `Bearer ${token}` };
      })();
      headers.catch(() => made.delete(key));
      made.set(key, headers);
    }
    return headers;
  };
}

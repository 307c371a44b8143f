import { join } from 'node:path';
import { Env } from '../config/env';
import { durationSeconds } from './claims';
import { consoleSignIn, ConsoleSignIn } from './consoleSignIn';
import { BuiltInIssuer } from './issuer';
import { KeyFile } from './keyFile';
import { createTokenVerifier, TokenVerifier } from './verifier';

/** How the API learns who calls: a verifier, and the built-in issuer when it is on. */
export interface Identity {
  verify: TokenVerifier;
  /** The claim naming the person in the org directory */
  subjectClaim: string;
  /** On when no AUTH_JWKS_URL is set: it signs logins' tokens and serves its JWKS */
  issuer?: BuiltInIssuer;
  /** What the console is told about signing in (GET /api/v1/auth/config) */
  consoleSignIn: ConsoleSignIn;
}

export const authKeyDir = (env: Env) => env.AUTH_KEY_DIR || join(env.DATA_DIR, 'auth');

export function builtInIssuer(env: Env): BuiltInIssuer {
  return new BuiltInIssuer(new KeyFile(authKeyDir(env)), {
    issuer: env.AUTH_ISSUER,
    audience: env.AUTH_AUDIENCE,
    subjectClaim: env.AUTH_SUBJECT_CLAIM,
    ttlSeconds: durationSeconds(env.AUTH_TOKEN_TTL)!,
  });
}

export function identityFromEnv(env: Env): Identity {
  const issuer = env.AUTH_JWKS_URL ? undefined : builtInIssuer(env);
  return {
    verify: createTokenVerifier({
      issuer: env.AUTH_ISSUER,
      audience: env.AUTH_AUDIENCE,
      clockToleranceSeconds: env.AUTH_CLOCK_TOLERANCE_S,
      jwksUrl: env.AUTH_JWKS_URL || undefined,
      keys: issuer?.keys,
    }),
    subjectClaim: env.AUTH_SUBJECT_CLAIM,
    issuer,
    consoleSignIn: consoleSignIn(env),
  };
}

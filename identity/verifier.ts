import { createLocalJWKSet, createRemoteJWKSet, errors, JWTPayload, jwtVerify, JWTVerifyGetKey } from 'jose';
import { KeyFile } from './keyFile';

/** A token refused, with the reason the caller is told (never the token itself). */
export class TokenRefusal extends Error {}

export interface VerifierOptions {
  issuer: string;
  audience: string;
  clockToleranceSeconds: number;
  /** The office's OIDC provider's JWKS; without it, the built-in issuer's key file */
  jwksUrl?: string;
  /** How long after a fetch of the JWKS an unknown key id waits before the next (jose's default: 30 s) */
  jwksCooldownMs?: number;
  keys?: KeyFile;
}

export type TokenVerifier = (token: string) => Promise<JWTPayload>;

/** Signatures only: `none` and shared-secret (HS*) algorithms are refused whatever the header says. */
const algorithms = [
  'ES256',
  'ES384',
  'ES512',
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'EdDSA',
  'Ed25519',
];

/**
 * Verifies a bearer token: signature against the JWKS, issuer, audience, expiry and not-before
 * (with a small clock tolerance). Keys rotate without a restart: the remote set is fetched again
 * when a token names an unknown key id (jose's `createRemoteJWKSet`), the key file is read again
 * when it changed since it was last read.
 */
export function createTokenVerifier(options: VerifierOptions): TokenVerifier {
  const getKey = options.jwksUrl
    ? createRemoteJWKSet(new URL(options.jwksUrl), { cooldownDuration: options.jwksCooldownMs })
    : keyFileSet(options.keys ?? fail('a key file or a JWKS URL'));
  return async (token) => {
    try {
      const { payload } = await jwtVerify(token, getKey, {
        issuer: options.issuer,
        audience: options.audience,
        clockTolerance: options.clockToleranceSeconds,
        algorithms,
        requiredClaims: ['exp'],
      });
      return payload;
    } catch (err) {
      throw refusalOf(err, options);
    }
  };
}

function keyFileSet(file: KeyFile): JWTVerifyGetKey {
  let loaded: { stamp: string | undefined; set: JWTVerifyGetKey } | undefined;
  const load = async () => {
    const stamp = file.stamp();
    loaded = { stamp, set: createLocalJWKSet(await file.jwks()) };
    return loaded.set;
  };
  return async (header, token) => {
    const set = loaded?.set ?? (await load());
    try {
      return await set(header, token);
    } catch (err) {
      if (!(err instanceof errors.JWKSNoMatchingKey) || file.stamp() === loaded?.stamp) throw err;
      return (await load())(header, token);
    }
  };
}

function refusalOf(err: unknown, options: VerifierOptions): unknown {
  if (err instanceof errors.JWTExpired) return new TokenRefusal('the token has expired');
  if (err instanceof errors.JWTClaimValidationFailed) {
    if (err.claim === 'nbf') return new TokenRefusal('the token is not valid yet (nbf)');
    if (err.claim === 'iss') return new TokenRefusal(`the token was not issued by ${options.issuer}`);
    if (err.claim === 'aud')
      return new TokenRefusal(`the token is not meant for audience ${options.audience}`);
    return new TokenRefusal(`the token's ${err.claim} claim is ${err.reason}`);
  }
  if (err instanceof errors.JWSSignatureVerificationFailed)
    return new TokenRefusal('the token signature does not verify');
  if (err instanceof errors.JWKSNoMatchingKey)
    return new TokenRefusal('the token is signed by an unknown key');
  if (err instanceof errors.JOSEAlgNotAllowed || err instanceof errors.JOSENotSupported)
    return new TokenRefusal('the token is signed with an algorithm that is not accepted');
  if (err instanceof errors.JWSInvalid || err instanceof errors.JWTInvalid)
    return new TokenRefusal('the token is malformed');
  return err;
}

function fail(what: string): never {
  throw new Error(`token verification needs ${what}`);
}

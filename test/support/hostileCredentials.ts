import { createSign, generateKeyPairSync, KeyObject } from 'node:crypto';
import { importJWK, SignJWT } from 'jose';
import { roleClaim, unitClaim } from '../../identity/claims';
import { BuiltInIssuer } from '../../identity/issuer';
import { testAuth, Who } from './credentials';

export interface CredentialVariant {
  name: string;
  headers: Record<string, string>;
  /** Whether the API must take the caller as `actor` */
  valid: boolean;
}

/** Claims a token for `actor` would carry; `overrides` make it wrong in one way. */
const claimsFor = (actor: Who, overrides: Record<string, unknown>) => {
  const now = Math.floor(Date.now() / 1000);
  return {
    iss: testAuth.issuer,
    aud: testAuth.audience,
    sub: actor.id,
    [roleClaim]: actor.role,
    [unitClaim]: actor.unit,
    iat: now,
    nbf: now - 60,
    exp: now + 3600,
    ...overrides,
  };
};

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A compact JWS built by hand, as a forger would: ES256 with `key`, or `alg: none` without one. */
function token(claims: object, key?: KeyObject): string {
  const header = key ? { alg: 'ES256', typ: 'JWT', kid: 'forged' } : { alg: 'none', typ: 'JWT' };
  const signingInput = `${base64url(header)}.${base64url(claims)}`;
  if (!key) return `${signingInput}.`;
  const signature = createSign('SHA256').update(signingInput).sign({ key, dsaEncoding: 'ieee-p1363' });
  return `${signingInput}.${signature.toString('base64url')}`;
}

/** Signs any claims with the API's own issuer's current key: a token wrong in exactly the way its claims say. */
export function signedByIssuer(issuer: BuiltInIssuer): (claims: object) => Promise<string> {
  return async (claims) => {
    const key = await issuer.keys.current();
    return new SignJWT({ ...claims })
      .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: 'JWT' })
      .sign(await importJWK(key.jwk, key.alg));
  };
}

/**
 * Every way a caller may present itself, for the fuzz test: none; valid (`credentials`, the one
 * place tests say who is calling); the actor headers of old, which name nobody now; and bearer
 * tokens that must never be believed: signed by a key the API does not know, unsigned (`alg:
 * none`), expired, for another audience, not a token at all, or under another scheme. The expired
 * and wrong-audience tokens are signed by the API's own issuer (`sign`), so each is wrong in that
 * one way only.
 */
export async function credentialVariants(
  actor: Who,
  credentials: (who: Who) => Promise<Record<string, string>>,
  sign: (claims: object) => Promise<string>,
): Promise<CredentialVariant[]> {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const bearer = (value: string) => ({ authorization: `Bearer ${value}` });
  const now = Math.floor(Date.now() / 1000);
  return [
    { name: 'no credentials', headers: {}, valid: false },
    { name: 'valid', headers: await credentials(actor), valid: true },
    {
      name: 'actor headers of old',
      headers: { 'x-actor-id': actor.id, 'x-actor-role': actor.role, 'x-actor-unit': actor.unit },
      valid: false,
    },
    {
      name: 'token signed by an unknown key',
      headers: bearer(token(claimsFor(actor, {}), privateKey)),
      valid: false,
    },
    { name: 'unsigned token (alg none)', headers: bearer(token(claimsFor(actor, {}))), valid: false },
    {
      name: 'expired token',
      headers: bearer(await sign(claimsFor(actor, { nbf: now - 7200, exp: now - 3600 }))),
      valid: false,
    },
    {
      name: 'token for another audience',
      headers: bearer(await sign(claimsFor(actor, { aud: 'another-api' }))),
      valid: false,
    },
    { name: 'not a token', headers: bearer('not.a.token'), valid: false },
    { name: 'another scheme', headers: { authorization: 'Basic YWRtaW46YWRtaW4=' }, valid: false },
  ];
}

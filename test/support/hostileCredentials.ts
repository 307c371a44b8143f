import { createSign, generateKeyPairSync, KeyObject } from 'node:crypto';
import { authHeaders } from './e2eSystem';

export interface CredentialVariant {
  name: string;
  headers: Record<string, string>;
  /** Whether the API must take the caller as `actor` */
  valid: boolean;
}

/** Claims a token for `actor` would carry; `overrides` make it wrong in one way. */
const claimsFor = (actor: { id: string; role: string; unit: string }, overrides: Record<string, unknown>) => {
  const now = Math.floor(Date.now() / 1000);
  return {
    iss: 'lianxin',
    aud: 'lianxin-api',
    sub: actor.id,
    role: actor.role,
    unit: actor.unit,
    iat: now,
    nbf: now - 60,
    exp: now + 3600,
    ...overrides,
  };
};

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/**
 * A compact JWS built by hand (jose is ESM-only and the jest runtime loads CommonJS): ES256 with
 * `key`, or `alg: none` without one.
 */
function token(claims: object, key?: KeyObject): string {
  const header = key ? { alg: 'ES256', typ: 'JWT', kid: 'forged' } : { alg: 'none', typ: 'JWT' };
  const signingInput = `${base64url(header)}.${base64url(claims)}`;
  if (!key) return `${signingInput}.`;
  const signature = createSign('SHA256').update(signingInput).sign({ key, dsaEncoding: 'ieee-p1363' });
  return `${signingInput}.${signature.toString('base64url')}`;
}

/**
 * Every way a caller may present itself, for the fuzz test: none; valid (authHeaders, the one
 * place tests say who is calling); malformed actor headers; and bearer tokens that must never be
 * believed: signed by a key the API does not know, unsigned (`alg: none`), expired, for another
 * audience, not a token at all, or under another scheme. `sign`, when given, signs with the
 * API's own issuer: then the expired and wrong-audience tokens are wrong only in that one way.
 */
export function credentialVariants(
  actor: { id: string; role: string; unit: string },
  sign?: (claims: object) => string,
): CredentialVariant[] {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const signed = (claims: object) => (sign ? sign(claims) : token(claims, privateKey));
  const bearer = (value: string) => ({ authorization: `Bearer ${value}` });
  return [
    { name: 'no credentials', headers: {}, valid: false },
    { name: 'valid', headers: authHeaders(actor), valid: true },
    {
      name: 'malformed actor headers',
      headers: { 'x-actor-id': '$where', 'x-actor-role': 'root', 'x-actor-unit': '../../etc' },
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
      headers: bearer(signed(claimsFor(actor, { exp: Math.floor(Date.now() / 1000) - 3600 }))),
      valid: false,
    },
    {
      name: 'token for another audience',
      headers: bearer(signed(claimsFor(actor, { aud: 'another-api' }))),
      valid: false,
    },
    { name: 'not a token', headers: bearer('not.a.token'), valid: false },
    { name: 'another scheme', headers: { authorization: 'Basic YWRtaW46YWRtaW4=' }, valid: false },
  ];
}

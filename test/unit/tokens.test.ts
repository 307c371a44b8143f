import { once } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, importJWK, SignJWT, UnsecuredJWT } from 'jose';
import { BuiltInIssuer } from '../../identity/issuer';
import { KeyFile } from '../../identity/keyFile';
import { createTokenVerifier, TokenRefusal } from '../../identity/verifier';

const auth = { issuer: 'lianxin', audience: 'lianxin-api', subjectClaim: 'sub' };
const now = () => Math.floor(Date.now() / 1000);

function builtIn() {
  const keys = new KeyFile(mkdtempSync(join(tmpdir(), 'lianxin-keys-')));
  const issuer = new BuiltInIssuer(keys, { ...auth, ttlSeconds: 3600 });
  const verify = createTokenVerifier({ ...auth, clockToleranceSeconds: 5, keys });
  return { keys, issuer, verify };
}

/** A token signed with the built-in issuer's current key, with claims and times as the test wants them. */
async function signed(
  keys: KeyFile,
  claims: Record<string, unknown>,
  times: { iat?: number; nbf?: number; exp: number },
) {
  const key = await keys.current();
  let jwt = new SignJWT({ sub: 'sec-1', ...claims })
    .setProtectedHeader({ alg: key.alg, kid: key.kid })
    .setIssuer((claims.iss as string) ?? auth.issuer)
    .setAudience((claims.aud as string) ?? auth.audience)
    .setExpirationTime(times.exp);
  if (times.nbf !== undefined) jwt = jwt.setNotBefore(times.nbf);
  return jwt.sign(await importJWK(key.jwk, key.alg));
}

async function refusal(promise: Promise<unknown>): Promise<string> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(TokenRefusal);
  return (err as Error).message;
}

describe('bearer tokens verified with jose', () => {
  test('When the built-in issuer signs a token, then it verifies with its subject, issuer, audience and times', async () => {
    const { issuer, verify } = builtIn();
    const { token, expiresAt } = await issuer.issue('sec-1', { role: 'branch_secretary', unit: 'grid-g01' });
    const claims = await verify(token);
    expect(claims).toMatchObject({
      sub: 'sec-1',
      iss: 'lianxin',
      aud: 'lianxin-api',
      lianxin_role: 'branch_secretary',
      lianxin_unit: 'grid-g01',
    });
    expect(new Date(claims.exp! * 1000).toISOString()).toBe(expiresAt);
    expect(claims.exp! - claims.iat!).toBe(3600);
  });

  test('When a token is expired, not yet valid, for another audience or issuer, then each is refused saying why', async () => {
    const { keys, verify } = builtIn();
    expect(await refusal(verify(await signed(keys, {}, { exp: now() - 60 })))).toBe('the token has expired');
    // Within the clock tolerance (5 s) a just-expired token still passes.
    await expect(verify(await signed(keys, {}, { exp: now() - 2 }))).resolves.toMatchObject({ sub: 'sec-1' });
    expect(await refusal(verify(await signed(keys, {}, { nbf: now() + 600, exp: now() + 3600 })))).toBe(
      'the token is not valid yet (nbf)',
    );
    expect(await refusal(verify(await signed(keys, { aud: 'another-api' }, { exp: now() + 60 })))).toBe(
      'the token is not meant for audience lianxin-api',
    );
    expect(
      await refusal(verify(await signed(keys, { iss: 'https://evil.example' }, { exp: now() + 60 }))),
    ).toBe('the token was not issued by lianxin');
  });

  test('When a token is signed by another key, unsigned (alg none) or malformed, then it is refused', async () => {
    const { keys, verify } = builtIn();
    const key = await keys.current();
    const stranger = await generateKeyPair('ES256');
    const sameKid = await new SignJWT({ sub: 'sec-1' })
      .setProtectedHeader({ alg: 'ES256', kid: key.kid })
      .setIssuer(auth.issuer)
      .setAudience(auth.audience)
      .setExpirationTime('1h')
      .sign(stranger.privateKey);
    expect(await refusal(verify(sameKid))).toBe('the token signature does not verify');
    const otherKid = await new SignJWT({ sub: 'sec-1' })
      .setProtectedHeader({ alg: 'ES256', kid: 'not-ours' })
      .setIssuer(auth.issuer)
      .setAudience(auth.audience)
      .setExpirationTime('1h')
      .sign(stranger.privateKey);
    expect(await refusal(verify(otherKid))).toBe('the token is signed by an unknown key');
    const none = new UnsecuredJWT({ sub: 'admin-1' })
      .setIssuer(auth.issuer)
      .setAudience(auth.audience)
      .setExpirationTime('1h')
      .encode();
    expect(await refusal(verify(none))).toBe('the token is signed with an algorithm that is not accepted');
    expect(await refusal(verify('not.a.token'))).toBe('the token is malformed');
    const noExp = await new SignJWT({ sub: 'sec-1' })
      .setProtectedHeader({ alg: key.alg, kid: key.kid })
      .setIssuer(auth.issuer)
      .setAudience(auth.audience)
      .sign(await importJWK(key.jwk, key.alg));
    expect(await refusal(verify(noExp))).toBe("the token's exp claim is missing");
  });

  test('When the key file is rotated by another process, then a verifier already running accepts tokens of both keys', async () => {
    const { keys, issuer, verify } = builtIn();
    const before = await issuer.issue('sec-1');
    await expect(verify(before.token)).resolves.toMatchObject({ sub: 'sec-1' });
    // Another process (npm run auth -- rotate) adds a key: a key file of its own over the same folder.
    const [original] = await keys.keys();
    const rotated = await new KeyFile(keys.dir).rotate();
    const after = await new BuiltInIssuer(new KeyFile(keys.dir), { ...auth, ttlSeconds: 60 }).issue('sec-1');
    const { kid } = JSON.parse(Buffer.from(after.token.split('.')[0], 'base64url').toString());
    expect(kid).toBe(rotated.kid);
    await expect(verify(after.token)).resolves.toMatchObject({ sub: 'sec-1' });
    await expect(verify(before.token)).resolves.toMatchObject({ sub: 'sec-1' });
    expect((await keys.jwks()).keys.map((k) => k.kid)).toEqual([original.kid, rotated.kid]);
    expect((await keys.jwks()).keys.every((k) => !('d' in k))).toBe(true);
  });
});

describe('tokens of an OIDC provider, verified against its JWKS URL', () => {
  let server: Server;
  let served: { keys: unknown[] } = { keys: [] };
  let fetches = 0;
  let url: string;
  beforeAll(async () => {
    server = createServer((_req, res) => {
      fetches++;
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(served));
    }).listen(0, '127.0.0.1');
    await once(server, 'listening');
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`;
  });
  afterAll(() => server.close());

  async function providerKey(kid: string) {
    const pair = await generateKeyPair('RS256', { extractable: true });
    const jwk = { ...(await exportJWK(pair.publicKey)), kid, alg: 'RS256', use: 'sig' };
    const sign = (claims: Record<string, unknown>) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: 'RS256', kid })
        .setIssuer('https://sso.county.example')
        .setAudience('lianxin-api')
        .setIssuedAt()
        .setExpirationTime('10m')
        .sign(pair.privateKey);
    return { jwk, sign };
  }

  test('When the provider rotates its keys, then the verifier fetches the set again for the unknown key, without a restart', async () => {
    const first = await providerKey('k1');
    served = { keys: [first.jwk] };
    const verify = createTokenVerifier({
      issuer: 'https://sso.county.example',
      audience: 'lianxin-api',
      clockToleranceSeconds: 5,
      jwksUrl: url,
      jwksCooldownMs: 0,
    });
    await expect(verify(await first.sign({ preferred_username: 'leader-1' }))).resolves.toMatchObject({
      preferred_username: 'leader-1',
    });
    expect(fetches).toBe(1);
    const second = await providerKey('k2');
    served = { keys: [first.jwk, second.jwk] };
    // A token of the old key needs no fetch; one of the new key fetches the set again, once.
    await expect(verify(await first.sign({ sub: 'x' }))).resolves.toMatchObject({ sub: 'x' });
    expect(fetches).toBe(1);
    await expect(verify(await second.sign({ sub: 'y' }))).resolves.toMatchObject({ sub: 'y' });
    await expect(verify(await second.sign({ sub: 'z' }))).resolves.toMatchObject({ sub: 'z' });
    expect(fetches).toBe(2);
    const stranger = await providerKey('k3');
    expect(await refusal(verify(await stranger.sign({ sub: 'x' })))).toBe(
      'the token is signed by an unknown key',
    );
  });
});

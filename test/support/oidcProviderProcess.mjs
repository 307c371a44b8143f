// A real OIDC provider (oidc-provider) standing in for an office's identity provider in the
// browser tests. oidc-provider ships only ES modules, which Jest's CommonJS runtime cannot load, so
// test/support/oidcProvider.ts runs this file with `node` and reads the issuer from its first line.
// Its one setting, a JSON argument: { port, clientId, redirectUri, resource, audience, peopleFile }.
import { readFileSync } from 'node:fs';
import process from 'node:process';
import { URL } from 'node:url';
import { exportJWK, generateKeyPair } from 'jose';
import Provider from 'oidc-provider';

const settings = JSON.parse(process.argv[2]);
const issuer = `http://127.0.0.1:${settings.port}`;
const people = new Map(JSON.parse(readFileSync(settings.peopleFile, 'utf8')).people.map((p) => [p.id, p]));
const { privateKey } = await generateKeyPair('RS256', { extractable: true });
const signingKey = { ...(await exportJWK(privateKey)), kid: 'test-1', alg: 'RS256', use: 'sig' };

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: settings.clientId,
      token_endpoint_auth_method: 'none',
      grant_types: ['authorization_code'],
      response_types: ['code'],
      redirect_uris: [settings.redirectUri],
      post_logout_redirect_uris: [settings.redirectUri],
    },
  ],
  jwks: { keys: [signingKey] },
  cookies: { keys: ['a test provider, not a secret'] },
  pkce: { required: () => true },
  // The people of the org directory are its accounts (the dev login form takes any id and no password check).
  async findAccount(_ctx, id) {
    const person = people.get(id);
    return person && { accountId: id, claims: () => ({ sub: id, name: person.name }) };
  },
  claims: { openid: ['sub'], profile: ['name'] },
  clientBasedCORS: (_ctx, origin, client) =>
    client.redirectUris.some((uri) => new URL(uri).origin === origin),
  // The console is the office's own application: its people are not asked to consent.
  async loadExistingGrant(ctx) {
    const grantId =
      ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) return ctx.oidc.provider.Grant.find(grantId);
    const grant = new ctx.oidc.provider.Grant({
      clientId: ctx.oidc.client.clientId,
      accountId: ctx.oidc.session.accountId,
    });
    grant.addOIDCScope('openid profile');
    grant.addResourceScope(settings.resource, 'lianxin');
    await grant.save();
    return grant;
  },
  features: {
    devInteractions: { enabled: true },
    rpInitiatedLogout: { enabled: true },
    // The access token is a JWT for the API: its audience is what the API's AUTH_AUDIENCE expects.
    resourceIndicators: {
      enabled: true,
      defaultResource: () => settings.resource,
      useGrantedResource: () => true,
      getResourceServerInfo: () => ({
        scope: 'lianxin',
        audience: settings.audience,
        accessTokenFormat: 'jwt',
        accessTokenTTL: 3600,
      }),
    },
  },
});

provider.listen(settings.port, '127.0.0.1', () => process.stdout.write(`${issuer}\n`));

import express from 'express';
import { once } from 'node:events';
import { AddressInfo } from 'node:net';
import { browserPolicy } from '../../api/browserPolicy';
import { ConsoleSignIn } from '../../identity/consoleSignIn';

/** The content security policy an answer carries, as directive → sources. */
async function policyOf(signIn: ConsoleSignIn): Promise<Record<string, string[]>> {
  const app = express();
  app.use(browserPolicy([], signIn));
  app.get('/', (_req, res) => res.send('ok'));
  const server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  try {
    const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    const header = res.headers.get('content-security-policy') ?? '';
    return Object.fromEntries(
      header.split(';').map((directive) => {
        const [name, ...sources] = directive.trim().split(/\s+/);
        return [name, sources];
      }),
    );
  } finally {
    server.close();
  }
}

const provider: ConsoleSignIn = {
  mode: 'oidc',
  issuer: 'https://sso.county.example/realms/lianxin',
  clientId: 'lianxin-console',
  scopes: ['openid', 'profile'],
};

describe("the console's content security policy", () => {
  test('When the console signs in through the office’s provider, then its pages may fetch from the provider’s origin and nowhere else', async () => {
    const policy = await policyOf(provider);
    expect(policy['connect-src']).toEqual(["'self'", 'https://sso.county.example']);
    expect(policy['default-src']).toEqual(["'self'"]);
    expect(policy['script-src']).toEqual(["'self'"]);
    expect(policy['form-action']).toEqual(["'self'"]);
    expect(policy['frame-ancestors']).toEqual(["'self'"]);
  });

  test('When the console signs in by password or not at all, then its pages fetch from their own origin only', async () => {
    for (const signIn of [{ mode: 'password' }, { mode: 'none' }] as const) {
      const policy = await policyOf(signIn);
      expect([signIn.mode, policy['connect-src']]).toEqual([signIn.mode, ["'self'"]]);
      expect([signIn.mode, policy['default-src']]).toEqual([signIn.mode, ["'self'"]]);
    }
  });
});

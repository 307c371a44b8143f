import { envSchema, loadEnv } from '../../config/env';
import { consoleSignIn } from '../../identity/consoleSignIn';

const provider = {
  AUTH_ISSUER: 'https://sso.county.example/realms/lianxin',
  AUTH_JWKS_URL: 'https://sso.county.example/realms/lianxin/protocol/openid-connect/certs',
};

describe('how the console signs in', () => {
  test('When no OIDC provider is configured, then the console signs in by password with the built-in issuer', () => {
    expect(consoleSignIn(loadEnv({}))).toEqual({ mode: 'password' });
  });

  test('When a provider and a console client are configured, then the console is told the issuer, the client and the scopes', () => {
    const env = loadEnv({
      ...provider,
      AUTH_CONSOLE_CLIENT_ID: 'lianxin-console',
      AUTH_CONSOLE_SCOPES: ' openid  profile email',
    });
    expect(consoleSignIn(env)).toEqual({
      mode: 'oidc',
      issuer: 'https://sso.county.example/realms/lianxin',
      clientId: 'lianxin-console',
      scopes: ['openid', 'profile', 'email'],
    });
  });

  test('When a provider issues the tokens but no console client is configured, then the console is told it cannot sign in', () => {
    expect(consoleSignIn(loadEnv(provider))).toEqual({ mode: 'none' });
  });

  test('When a console client is configured without a provider, or with an issuer that is not a URL, then the configuration is refused naming the variable', () => {
    const refusal = (source: Record<string, string>) =>
      envSchema.safeParse(source).error?.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    expect(refusal({ AUTH_CONSOLE_CLIENT_ID: 'lianxin-console' })).toEqual([
      'AUTH_CONSOLE_CLIENT_ID: only with AUTH_JWKS_URL: without a provider the console signs in by password',
    ]);
    expect(
      refusal({ ...provider, AUTH_ISSUER: 'lianxin', AUTH_CONSOLE_CLIENT_ID: 'lianxin-console' }),
    ).toEqual([
      'AUTH_ISSUER: with AUTH_CONSOLE_CLIENT_ID: the provider’s issuer URL, where the console finds its discovery document',
    ]);
  });
});

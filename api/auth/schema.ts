import { z } from 'zod';
import '../openapi';
import { assignmentView } from '../org/schema';
import { identifier, secret } from '../text';

export const loginBody = z
  .object({
    username: identifier(100, 'a username'),
    password: secret(1, 200),
    actingAs: z
      .object({ role: identifier(40, 'a role'), unit: identifier(100, 'a unit id') })
      .strict()
      .optional()
      .openapi({
        description:
          'which of the person’s assignments the token acts in (the console asks someone holding two); the first one unless given',
      }),
  })
  .strict();

const me = {
  person: z.object({ id: z.string(), name: z.string() }),
  assignments: z.array(assignmentView),
};

export const loginView = z
  .object({ token: z.string(), expiresAt: z.string(), ...me })
  .openapi('Login', { description: 'a bearer token for `Authorization: Bearer …`' });

export const meView = z
  .object({
    ...me,
    actingAs: z
      .object({ role: z.string(), unit: z.string() })
      .openapi({ description: 'the assignment this token acts in' }),
  })
  .openapi('Me');

export const jwksView = z
  .object({ keys: z.array(z.record(z.string(), z.unknown())) })
  .openapi('Jwks', { description: 'the built-in issuer’s public keys (RFC 7517)' });

export const consoleSignInView = z
  .discriminatedUnion('mode', [
    z.object({ mode: z.literal('password') }).openapi({
      description: 'the built-in issuer: POST /api/v1/auth/login with a username and password',
    }),
    z
      .object({
        mode: z.literal('oidc'),
        issuer: z.string().openapi({
          description:
            'the provider’s issuer URL; its discovery document is at /.well-known/openid-configuration under it',
          example: 'https://sso.county.example/realms/lianxin',
        }),
        clientId: z.string().openapi({ description: 'the console’s public client at the provider' }),
        scopes: z.array(z.string()).openapi({ example: ['openid', 'profile'] }),
      })
      .openapi({
        description:
          'the office’s OIDC provider: authorization code flow with PKCE, redirect URI `<origin>/console/login`; its access token is the bearer token',
      }),
    z.object({ mode: z.literal('none') }).openapi({
      description:
        'a provider issues the tokens but no console client is configured (AUTH_CONSOLE_CLIENT_ID)',
    }),
  ])
  .openapi('ConsoleSignIn', { description: 'how the console signs a person in' });

import { Env } from '../config/env';

/**
 * How the console signs a person in: by password with the built-in issuer; through the office's
 * OIDC provider (authorization code with PKCE, the provider found from its issuer's discovery
 * document); or not at all, when a provider issues the tokens but no console client is configured.
 */
export type ConsoleSignIn =
  | { mode: 'password' }
  | { mode: 'oidc'; issuer: string; clientId: string; scopes: string[] }
  | { mode: 'none' };

export function consoleSignIn(env: Env): ConsoleSignIn {
  if (!env.AUTH_JWKS_URL) return { mode: 'password' };
  if (!env.AUTH_CONSOLE_CLIENT_ID) return { mode: 'none' };
  return {
    mode: 'oidc',
    issuer: env.AUTH_ISSUER,
    clientId: env.AUTH_CONSOLE_CLIENT_ID,
    scopes: env.AUTH_CONSOLE_SCOPES.split(/\s+/).filter(Boolean),
  };
}

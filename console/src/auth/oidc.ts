import type { UserManager } from 'oidc-client-ts';
import type { components } from '../api/schema';

export type ConsoleSignIn = components['schemas']['ConsoleSignIn'];
export type OidcConfig = Extract<ConsoleSignIn, { mode: 'oidc' }>;

/**
 * Where the provider sends the browser back after signing in and after signing out: the sign-in
 * page. The office registers it with its provider as the console's redirect URI.
 */
export const returnUri = () => `${window.location.origin}/console/login`;

let managed: { key: string; manager: Promise<UserManager> } | undefined;

/**
 * The console as the provider's public client: authorization code with PKCE, its state kept per
 * tab as the session token is. Loaded only when the API says the console signs in through a
 * provider, so a password sign-in page does not carry the library.
 */
function managerFor(config: OidcConfig): Promise<UserManager> {
  const key = JSON.stringify(config);
  if (managed?.key !== key) {
    const manager = import('oidc-client-ts').then(
      ({ UserManager, WebStorageStateStore }) =>
        new UserManager({
          authority: config.issuer,
          client_id: config.clientId,
          redirect_uri: returnUri(),
          post_logout_redirect_uri: returnUri(),
          response_type: 'code',
          scope: config.scopes.join(' '),
          stateStore: new WebStorageStateStore({ store: window.sessionStorage }),
          userStore: new WebStorageStateStore({ store: window.sessionStorage }),
          automaticSilentRenew: false,
        }),
    );
    managed = { key, manager };
  }
  return managed.manager;
}

/** Sends the browser to the provider's sign-in. */
export async function startSignIn(config: OidcConfig): Promise<void> {
  await (await managerFor(config)).signinRedirect();
}

// One completion per return: React runs a page's effects twice in development, and a code is good once.
const completions = new Map<string, Promise<unknown>>();
function once<T>(url: string, complete: () => Promise<T>): Promise<T> {
  if (!completions.has(url)) completions.set(url, complete());
  return completions.get(url) as Promise<T>;
}

/** The access token of the sign-in the provider sent the browser back with (`?code=…&state=…`). */
export function completeSignIn(config: OidcConfig, url: string): Promise<string> {
  return once(url, async () => {
    const user = await (await managerFor(config)).signinRedirectCallback(url);
    return user.access_token;
  });
}

/** Forgets the sign-out request the provider answered (`?state=…` without a code). */
export function completeSignOut(config: OidcConfig, url: string): Promise<void> {
  return once(url, async () => {
    await (await managerFor(config)).signoutRedirectCallback(url);
  });
}

/** Forgets the provider's user in this tab (an expired or refused token). */
export async function forgetUser(config: OidcConfig): Promise<void> {
  await (await managerFor(config)).removeUser();
}

/**
 * Signs out at the provider too when it offers RP-initiated logout (`end_session_endpoint`), so the
 * next person at a shared computer is asked who they are; otherwise only this tab forgets the user.
 */
export async function signOutAtProvider(config: OidcConfig): Promise<void> {
  const manager = await managerFor(config);
  const endSession = await manager.metadataService.getEndSessionEndpoint().catch(() => undefined);
  if (endSession) await manager.signoutRedirect();
  else await manager.removeUser();
}

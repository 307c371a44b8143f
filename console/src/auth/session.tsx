import { useQuery } from '@tanstack/react-query';
import { createContext, ReactNode, useCallback, useContext, useMemo, useState } from 'react';
import { $api, api, ok, queryClient, setSessionToken } from '../api/client';
import type { components } from '../api/schema';
import { forgetUser, signOutAtProvider } from './oidc';

export type Me = components['schemas']['Me'];
type Login = components['schemas']['Login'];
export type Assignment = Login['assignments'][number];

export interface Session {
  /** Who the token is, as /me answers; undefined while signed out */
  me?: Me;
  /** The token's assignment: what this user may do is decided by its role and unit */
  role?: string;
  unit?: string;
  signIn(username: string, password: string, actingAs?: { role: string; unit: string }): Promise<Login>;
  /** Starts a session with a token from the office's OIDC provider, used as a password sign-in's token is */
  adoptToken(token: string): void;
  signOut(): void;
}

const SessionContext = createContext<Session | undefined>(undefined);
// Per tab and gone with the browser: a shared office computer does not stay signed in.
const stored = 'lianxin.token';

export function SessionProvider({ children }: { children: ReactNode }) {
  const [token, setToken] = useState<string | undefined>(() => sessionStorage.getItem(stored) ?? undefined);
  // The sign-in page asks the same: one request, kept through sign-outs.
  const asked = $api.useQuery('get', '/api/v1/auth/config', {}, { staleTime: Infinity });
  const signInMode = asked.data;
  const provider = signInMode?.mode === 'oidc' ? signInMode : undefined;
  const adoptToken = useCallback((next: string) => {
    sessionStorage.setItem(stored, next);
    setToken(next);
  }, []);
  // How the console signs in stays known after a sign-out: the sign-in page shows it next.
  const endSession = useCallback(() => {
    sessionStorage.removeItem(stored);
    setSessionToken(undefined, () => undefined);
    setToken(undefined);
    queryClient.removeQueries({ predicate: ({ queryKey }) => queryKey[1] !== '/api/v1/auth/config' });
  }, []);
  // A refused token (expired, or its person disabled) ends the session in this tab only.
  const refused = useCallback(() => {
    endSession();
    if (provider) void forgetUser(provider);
  }, [endSession, provider]);
  const signOut = useCallback(() => {
    endSession();
    if (provider) void signOutAtProvider(provider);
  }, [endSession, provider]);
  setSessionToken(token, refused);
  const me = useQuery({
    queryKey: ['me', token],
    queryFn: async () => ok(await api.GET('/api/v1/me')),
    // Once the sign-in mode is known: a stored token /me refuses also forgets the provider's user.
    enabled: !!token && !asked.isPending,
    staleTime: Infinity,
  });

  const signIn = useCallback(
    async (username: string, password: string, actingAs?: { role: string; unit: string }) => {
      const login = ok(await api.POST('/api/v1/auth/login', { body: { username, password, actingAs } }));
      setSessionToken(login.token, refused);
      adoptToken(login.token);
      return login;
    },
    [adoptToken, refused],
  );

  const value = useMemo<Session>(
    () => ({
      me: me.data,
      role: me.data?.actingAs.role,
      unit: me.data?.actingAs.unit,
      signIn,
      adoptToken,
      signOut,
    }),
    [me.data, signIn, adoptToken, signOut],
  );
  // A stored token is checked with /me before anything is drawn with it (a refused one signs out).
  if (token && me.isPending) return null;
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}

import { useQuery } from '@tanstack/react-query';
import { createContext, ReactNode, useCallback, useContext, useMemo, useState } from 'react';
import { api, ok, queryClient, setSessionToken } from '../api/client';
import type { components } from '../api/schema';

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
  signOut(): void;
}

const SessionContext = createContext<Session | undefined>(undefined);
// Per tab and gone with the browser: a shared office computer does not stay signed in.
const stored = 'lianxin.token';

export function SessionProvider({ children }: { children: ReactNode }) {
  const [token, setToken] = useState<string | undefined>(() => sessionStorage.getItem(stored) ?? undefined);
  const signOut = useCallback(() => {
    sessionStorage.removeItem(stored);
    setSessionToken(undefined, () => undefined);
    setToken(undefined);
    queryClient.clear();
  }, []);
  setSessionToken(token, signOut);
  const me = useQuery({
    queryKey: ['me', token],
    queryFn: async () => ok(await api.GET('/api/v1/me')),
    enabled: !!token,
    staleTime: Infinity,
  });

  const signIn = useCallback(
    async (username: string, password: string, actingAs?: { role: string; unit: string }) => {
      const login = ok(await api.POST('/api/v1/auth/login', { body: { username, password, actingAs } }));
      sessionStorage.setItem(stored, login.token);
      setSessionToken(login.token, signOut);
      setToken(login.token);
      return login;
    },
    [signOut],
  );

  const value = useMemo<Session>(
    () => ({
      me: me.data,
      role: me.data?.actingAs.role,
      unit: me.data?.actingAs.unit,
      signIn,
      signOut,
    }),
    [me.data, signIn, signOut],
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

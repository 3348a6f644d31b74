import type { Me } from '@faultline/contracts/browser';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, ReactNode, useContext, useEffect } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { api, get, whenSessionExpires } from '../api/http';
import { ProblemError } from '../api/problem';
import { FullPageLoader } from '../app/FullPageLoader';
import { signInPath } from './next-path';

export interface SignInRequest {
  email: string;
  password: string;
  accountId?: string;
}

const SessionContext = createContext<Me | undefined>(undefined);

/** Set at sign-in for this tab: a 401 afterwards means the session ended, not that there never was one. */
const SIGNED_IN = 'faultline.signedIn';

/** The signed-in person and their account; only inside pages behind RequireSession. */
export function useMe(): Me {
  const me = useContext(SessionContext);
  if (!me) throw new Error('useMe outside a signed-in page');
  return me;
}

export const ME_QUERY = ['identity', 'me'] as const;

/** Sign in, then back to `next`; "your session ended" only in a tab that had signed in (until it signs out). */
const backToSignIn = (next: string): string => signInPath(next, sessionStorage.getItem(SIGNED_IN) ? 'expired' : undefined);

export function useSignIn() {
  const client = useQueryClient();
  return async (request: SignInRequest) => {
    await api('session', '', { method: 'POST', body: request });
    sessionStorage.setItem(SIGNED_IN, 'yes');
    client.clear();
  };
}

export function useSignOut() {
  const client = useQueryClient();
  const navigate = useNavigate();
  return async () => {
    await api('session', '', { method: 'DELETE' }).catch(() => undefined);
    sessionStorage.removeItem(SIGNED_IN);
    client.clear();
    navigate('/sign-in');
  };
}

/** A page that needs a session: without one (or once it expires), sign in, then come back here. */
export function RequireSession({ children }: { children: ReactNode }) {
  const location = useLocation();
  const navigate = useNavigate();
  const client = useQueryClient();
  const me = useQuery({ queryKey: ME_QUERY, queryFn: ({ signal }) => get<Me>('identity', '/me', signal), retry: false, staleTime: 60_000 });
  useEffect(() => {
    whenSessionExpires(() => {
      client.clear();
      navigate(backToSignIn(window.location.pathname + window.location.search), { replace: true });
    });
  }, [client, navigate]);
  if (me.isPending) return <FullPageLoader />;
  if (me.error) {
    const expired = me.error instanceof ProblemError && me.error.problem.status === 401;
    if (expired) return <Navigate to={backToSignIn(location.pathname + location.search)} replace />;
    throw me.error;
  }
  return <SessionContext.Provider value={me.data}>{children}</SessionContext.Provider>;
}

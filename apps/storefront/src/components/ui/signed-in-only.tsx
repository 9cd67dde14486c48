'use client';

import Link from 'next/link';
import { createContext, useContext, type ReactNode } from 'react';
import type { Session } from '@/lib/api';
import { signInPath } from '@/lib/auth/sign-in-path';
import { useSession } from '../providers/use-session';
import { Loading } from './loading';

const SignedInContext = createContext<Session | null>(null);

/** `children` for a signed-in customer (their session: {@link useSignedInSession}); otherwise sign in and come back to `returnTo`. */
export function SignedInOnly({ what, returnTo, children }: { what: string; returnTo: string; children: ReactNode }) {
  const session = useSession();
  if (session === undefined) return <Loading />;
  if (session === null) {
    return (
      <div className="callout callout--info">
        <p className="callout__title">Sign in to see {what}</p>
        <p>
          <Link className="button" href={signInPath(returnTo)}>
            Sign in
          </Link>
        </p>
      </div>
    );
  }
  return <SignedInContext.Provider value={session}>{children}</SignedInContext.Provider>;
}

export function useSignedInSession(): Session {
  const session = useContext(SignedInContext);
  if (!session) throw new Error('useSignedInSession() is only available inside <SignedInOnly>');
  return session;
}

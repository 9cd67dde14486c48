'use client';

import type { Session } from '@/lib/api';
import { sessionStore } from '@/lib/session-store';
import { useBrowserStore } from '@/lib/use-browser-store';

/** `null` when signed out, `undefined` until the browser has been asked. */
export function useSession(): Session | null | undefined {
  return useBrowserStore<Session | null, undefined>(sessionStore(), undefined);
}

export function signIn(session: Session): void {
  sessionStore().update(() => session);
}

export function signOut(): void {
  sessionStore().update(() => null);
}

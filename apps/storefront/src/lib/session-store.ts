import type { Session } from './api';
import { browserStore, type BrowserStore } from './browser-store';

// localStorage, so that every tab of the browser shares the sign-in (the profile's "changed in
// another tab" case needs two tabs of the same customer). Scripts can read it, so the page's
// strict CSP (src/proxy.ts) is what keeps injected ones from running; a real shop would keep the
// token in an HttpOnly cookie, out of their reach (docs/security.md, "Storefront").
const SESSION_KEY = 'safe-checkout:session';

function isSession(value: unknown): value is Session | null {
  if (value === null) return true;
  const candidate = value as Partial<Session> | undefined;
  return typeof candidate?.accessToken === 'string' && typeof candidate.user?.id === 'string';
}

export function sessionStore(): BrowserStore<Session | null> {
  return browserStore<Session | null>('local', SESSION_KEY, null, isSession);
}

import { sessionStore } from '../session-store';
import { signInPath } from './sign-in-path';

/**
 * Ends a session the shop answered 401 to and returns the sign-in path back to `returnTo`. Only the
 * session goes: the cart and the checkout with its key stay, so the checkout resumes with the same
 * key after the new sign-in instead of minting one that could order a second time.
 */
export function endExpiredSession(returnTo: string): string {
  sessionStore().update(() => null);
  return signInPath(returnTo, 'expired');
}

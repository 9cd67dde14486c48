import { sessionStore } from '../session-store';
import { signInPath } from './sign-in-path';

/**
 * Ends a session the shop no longer accepts (it answered 401: the token expired) and returns
 * where to send the customer: sign-in, then back to `returnTo`. Only the session is removed:
 * the cart and the checkout record with its Idempotency-Key (localStorage, both
 * under the customer's id) stay, so the checkout resumes with the same key after the new sign-in
 * instead of minting one that could order a second time.
 */
export function endExpiredSession(returnTo: string): string {
  sessionStore().update(() => null);
  return signInPath(returnTo, 'expired');
}

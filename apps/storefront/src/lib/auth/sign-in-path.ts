/** Why the customer is sent to sign in; `expired`: the shop refused the session's token (401). */
export type SignInReason = 'signed-out' | 'expired';

/**
 * The sign-in page's address that comes back to `returnTo` (a path of this storefront) once
 * signed in. The sign-in page checks `next` again (`safeReturnPath`): it is a URL anyone
 * can send.
 *
 * @example
 * signInPath('/cart', 'expired'); // '/sign-in?next=%2Fcart&reason=expired'
 */
export function signInPath(returnTo: string, reason: SignInReason = 'signed-out'): string {
  const query = new URLSearchParams({ next: returnTo });
  if (reason === 'expired') query.set('reason', 'expired');
  return `/sign-in?${query.toString()}`;
}

/** `/sign-in?next=%2Fcart&reason=expired`. The sign-in page checks `next` again (`safeReturnPath`): anyone can send such a link. */
export function signInPath(returnTo: string, reason: 'signed-out' | 'expired' = 'signed-out'): string {
  const query = new URLSearchParams({ next: returnTo });
  if (reason === 'expired') query.set('reason', 'expired');
  return `/sign-in?${query.toString()}`;
}

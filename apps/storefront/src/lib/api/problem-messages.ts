interface CustomerMessage {
  title: string;
  advice: string;
}

// Keyed by the slug that ends the problem `type` (the HTTP contract promises these never change).
// Problems not listed here fall back to the API's own title and detail.
const MESSAGES: Record<string, CustomerMessage> = {
  'invalid-credentials': { title: 'Wrong email or password', advice: 'Check both, or use one of the demo accounts below.' },
  unauthorized: { title: 'Please sign in again', advice: 'Your session has expired or was signed out.' },
  forbidden: { title: 'Not yours', advice: 'You can only see and change your own account.' },
  'not-found': { title: 'Not found', advice: 'It does not exist, or it belongs to another customer.' },
  'validation-failed': { title: 'Some details need fixing', advice: 'Nothing was saved. Correct the fields listed and try again.' },
  'email-taken': { title: 'That email is already in use', advice: 'Another account uses this address. Choose a different one.' },
  'precondition-failed': {
    title: 'Changed somewhere else',
    advice: 'Someone (another tab or device) saved a newer version since you loaded this page. Nothing of yours was saved.',
  },
  'insufficient-stock': {
    title: 'Not enough stock',
    advice: 'Nothing was ordered or charged. Lower the quantity or remove the item, then check out again.',
  },
  'unknown-product': { title: 'A product no longer exists', advice: 'Nothing was ordered. Remove it from your cart and try again.' },
  'mixed-currency': { title: 'Items are priced in different currencies', advice: 'Nothing was ordered. Check out items of one currency at a time.' },
  'order-total-out-of-range': {
    title: 'This order total cannot be paid by card',
    advice: 'Nothing was ordered or charged: the total must be above zero and at most 999 999.99. Change the quantities and check out again.',
  },
  'payment-request-invalid': {
    title: 'The payment provider refused this payment',
    advice: 'Nothing was charged, and trying the same order again will not change that. Your cart is kept.',
  },
  'idempotency-key-reused': {
    title: 'This checkout already belongs to another cart',
    advice: 'The key was first used with different items, so the server refused to guess. Change the cart to start a new checkout.',
  },
  'idempotency-request-in-progress': {
    title: 'Your order is still being processed',
    advice: 'The first request has not finished yet. Check again in a moment: it is safe, it uses the same key.',
  },
  'idempotency-store-unavailable': {
    title: 'Orders are paused for a moment',
    advice: 'The service that prevents duplicate orders is unreachable, so nothing was run. Try again shortly.',
  },
  'payment-declined': { title: 'Your card was declined', advice: 'Your card was declined. Nothing was charged; your cart is kept.' },
  'payment-method-invalid': {
    title: 'This card cannot be used',
    advice: 'The payment provider does not know this card. Nothing was charged; your cart is kept.',
  },
  'payment-provider-unavailable': {
    title: 'The payment provider did not answer',
    advice:
      'Your order is waiting for its payment, and whether your card was charged is not known yet. Checking again with the same key finishes it, charging the card at most once.',
  },
  'internal-error': { title: 'Something failed on our side', advice: 'Nothing was saved. Trying again is safe.' },
  'service-unavailable': { title: 'The shop is temporarily unavailable', advice: 'Try again in a moment.' },
};

// Why the card issuer declined (`declineCode` of `payment-declined`; Stripe's decline codes).
// A code not listed is shown with its underscores as spaces; `generic_decline` gives no reason.
const DECLINE_REASONS: Record<string, string | undefined> = {
  generic_decline: undefined,
  insufficient_funds: 'insufficient funds',
};

/**
 * The customer's wording of a problem, else the API's own `title` and `detail`. `payment-declined`
 * words its `declineCode`; `too-many-requests` says how long to wait (`Retry-After`, whole seconds).
 */
export function customerMessage(slug: string | undefined, problem: Record<string, unknown> = {}, retryAfterSeconds?: number): CustomerMessage {
  if (slug === 'payment-declined') return declined(problem.declineCode);
  if (slug === 'too-many-requests') return tooManyRequests(retryAfterSeconds);
  const known = slug ? MESSAGES[slug] : undefined;
  if (known) return known;
  const text = (value: unknown) => (typeof value === 'string' && value) || undefined;
  return { title: text(problem.title) ?? 'The request failed', advice: text(problem.detail) ?? 'Please try again.' };
}

// Nothing was done, so the same attempt is safe to repeat once the wait is over.
function tooManyRequests(retryAfterSeconds: number | undefined): CustomerMessage {
  const when = retryAfterSeconds === undefined ? 'in a moment' : `in ${retryAfterSeconds} s`;
  return { title: 'Too many attempts', advice: `Too many attempts; try again ${when}.` };
}

function declined(declineCode: unknown): CustomerMessage {
  const known = MESSAGES['payment-declined'];
  // Only a code that looks like one (`do_not_honor`) is shown: the wording must stay the shop's.
  if (typeof declineCode !== 'string' || !/^[a-z][a-z_]{0,39}$/.test(declineCode)) return known;
  const reason = Object.hasOwn(DECLINE_REASONS, declineCode) ? DECLINE_REASONS[declineCode] : declineCode.replace(/_/g, ' ');
  return reason ? { title: known.title, advice: `Your card was declined — ${reason}. Nothing was charged; your cart is kept.` } : known;
}

import Stripe from 'stripe';
import { SIGNATURE_TOLERANCE_SECONDS, verifyWebhookSignature, WebhookSignatureError } from './webhook-signature';

const SECRET = 'whsec_current_secret_of_the_endpoint';
const OLD_SECRET = 'whsec_secret_before_the_rotation';
const NOW = 1_765_000_000;
const BODY = JSON.stringify({ id: 'evt_1', object: 'event', type: 'payment_intent.succeeded', data: { object: { id: 'pi_1' } } });
const stripe = new Stripe('sk_test_signature_spec');

/** The header Stripe's own SDK makes for `payload`, signed with `secret` at `timestamp`. */
function stripeHeader(payload: string, secret: string, timestamp = NOW): string {
  return stripe.webhooks.generateTestHeaderString({ payload, secret, timestamp });
}

function refusal(body: string, header: string | undefined, secrets: string[], now = NOW): string | undefined {
  try {
    verifyWebhookSignature(Buffer.from(body), header, secrets, now);
    return undefined;
  } catch (error) {
    if (error instanceof WebhookSignatureError) return error.reason;
    throw error;
  }
}

// Stripe-Signature as Stripe documents it (payments.md §5), checked against the official SDK's headers.
describe('verifyWebhookSignature(rawBody, header, secrets, nowSeconds)', () => {
  it('accepts a header the official stripe SDK signed over the same raw body with our secret', () => {
    expect(refusal(BODY, stripeHeader(BODY, SECRET), [SECRET])).toBeUndefined();
  });

  it('refuses a header signed with another secret', () => {
    expect(refusal(BODY, stripeHeader(BODY, 'whsec_someone_else'), [SECRET])).toBe('no-matching-signature');
  });

  it('refuses a body changed after signing, even by one byte of whitespace', () => {
    const header = stripeHeader(BODY, SECRET);
    expect(refusal(BODY.replace('"pi_1"', '"pi_2"'), header, [SECRET])).toBe('no-matching-signature');
    expect(refusal(`${BODY} `, header, [SECRET])).toBe('no-matching-signature');
  });

  it(`refuses a timestamp more than ${SIGNATURE_TOLERANCE_SECONDS} s old (a replayed delivery), and accepts one at the limit`, () => {
    expect(refusal(BODY, stripeHeader(BODY, SECRET, NOW - SIGNATURE_TOLERANCE_SECONDS - 1), [SECRET])).toBe('timestamp-outside-tolerance');
    expect(refusal(BODY, stripeHeader(BODY, SECRET, NOW - SIGNATURE_TOLERANCE_SECONDS), [SECRET])).toBeUndefined();
    expect(refusal(BODY, stripeHeader(BODY, SECRET, NOW + SIGNATURE_TOLERANCE_SECONDS + 1), [SECRET])).toBe('timestamp-outside-tolerance');
  });

  it('refuses a valid signature moved to another timestamp: the timestamp is signed too', () => {
    const signature = stripeHeader(BODY, SECRET).split(',v1=')[1];
    expect(refusal(BODY, `t=${NOW + 1},v1=${signature}`, [SECRET])).toBe('no-matching-signature');
  });

  describe('during a secret rotation', () => {
    // Stripe signs with every secret still valid and sends one v1 per secret in one header.
    const rotationHeader = (secrets: string[]) => `t=${NOW},${secrets.map((secret) => stripeHeader(BODY, secret).split(',')[1]).join(',')}`;

    it('accepts a header with several v1 values when any of them is ours', () => {
      expect(refusal(BODY, rotationHeader([OLD_SECRET, SECRET]), [SECRET])).toBeUndefined();
      expect(refusal(BODY, rotationHeader([SECRET, 'whsec_other']), [SECRET])).toBeUndefined();
    });

    it('accepts a signature made with either of the secrets we hold', () => {
      expect(refusal(BODY, stripeHeader(BODY, OLD_SECRET), [SECRET, OLD_SECRET])).toBeUndefined();
    });

    it('refuses a header whose v1 values are all someone else’s', () => {
      expect(refusal(BODY, rotationHeader(['whsec_a', 'whsec_b']), [SECRET])).toBe('no-matching-signature');
    });
  });

  it.each([
    ['no header', 'missing', undefined],
    ['no timestamp', 'malformed', `v1=${'a'.repeat(64)}`],
    ['no v1 value (only the test-mode v0)', 'malformed', `t=${NOW},v0=${'a'.repeat(64)}`],
    ['a v1 value that is not 64 hex digits', 'malformed', `t=${NOW},v1=abc`],
    ['a header of a hundred v1 values', 'malformed', `t=${NOW}${`,v1=${'a'.repeat(64)}`.repeat(100)}`],
  ])('refuses %s as %s', (_case, reason, header) => {
    expect(refusal(BODY, header, [SECRET])).toBe(reason);
  });
});

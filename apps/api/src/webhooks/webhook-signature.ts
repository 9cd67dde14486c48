import { createHmac, timingSafeEqual } from 'node:crypto';

/** How far a signature's timestamp may be from our clock (payments.md §5; Stripe's default). */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

// A header carries a handful of pairs (t, one v1 per active secret, maybe v0); more is not a
// signature but an attempt to make us compute HMACs.
const MAX_HEADER_LENGTH = 1024;
const MAX_SIGNATURES = 8;

/** Why a `Stripe-Signature` was refused; each maps to the same 400 for the sender. */
export type SignatureRefusal = 'missing' | 'malformed' | 'timestamp-outside-tolerance' | 'no-matching-signature';

export class WebhookSignatureError extends Error {
  constructor(readonly reason: SignatureRefusal) {
    super(`webhook signature refused: ${reason}`);
  }
}

/**
 * Verifies a `Stripe-Signature` header (`t=<unix seconds>,v1=<hex>[,v1=<hex>…]`) over the raw
 * body, as Stripe documents it: HMAC-SHA256 of `"<t>.<body>"` with the endpoint's secret. Any v1
 * value may match any of `secrets` (during a rotation Stripe signs with the old and the new
 * secret, and we may hold both); comparisons are constant-time, so a forger learns nothing from
 * how long a refusal took.
 *
 * @throws WebhookSignatureError when the header is missing or malformed, its timestamp is more
 *   than {@link SIGNATURE_TOLERANCE_SECONDS} from `nowSeconds` (a replayed old delivery), or no
 *   v1 value matches
 */
export function verifyWebhookSignature(rawBody: Buffer, header: string | undefined, secrets: readonly string[], nowSeconds: number): void {
  if (!header) throw new WebhookSignatureError('missing');
  const { timestamp, signatures } = parseSignatureHeader(header);
  if (Math.abs(nowSeconds - timestamp) > SIGNATURE_TOLERANCE_SECONDS) throw new WebhookSignatureError('timestamp-outside-tolerance');
  const signedPayload = Buffer.concat([Buffer.from(`${timestamp}.`, 'utf8'), rawBody]);
  const expected = secrets.map((secret) => createHmac('sha256', secret).update(signedPayload).digest());
  const matches = signatures.some((signature) => expected.some((digest) => digest.length === signature.length && timingSafeEqual(digest, signature)));
  if (!matches) throw new WebhookSignatureError('no-matching-signature');
}

function parseSignatureHeader(header: string): { timestamp: number; signatures: Buffer[] } {
  if (header.length > MAX_HEADER_LENGTH) throw new WebhookSignatureError('malformed');
  let timestamp: number | undefined;
  const signatures: Buffer[] = [];
  for (const pair of header.split(',')) {
    const separator = pair.indexOf('=');
    const name = pair.slice(0, separator).trim();
    const value = pair.slice(separator + 1).trim();
    if (name === 't' && /^\d{1,12}$/.test(value)) timestamp = Number(value);
    // Other schemes (v0 is Stripe's test-only one) are ignored, as Stripe's own libraries do.
    if (name === 'v1' && /^[0-9a-f]{64}$/i.test(value)) signatures.push(Buffer.from(value, 'hex'));
  }
  if (timestamp === undefined || signatures.length === 0 || signatures.length > MAX_SIGNATURES) throw new WebhookSignatureError('malformed');
  return { timestamp, signatures };
}

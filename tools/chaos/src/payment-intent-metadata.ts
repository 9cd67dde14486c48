import type { Prisma } from '@safe-checkout/db';

/**
 * A field of a PaymentIntent's `metadata` as the sandbox stores it (string values only, like
 * Stripe's), or undefined when absent.
 */
export function metadataField(intent: { metadata: Prisma.JsonValue }, name: string): string | undefined {
  return (intent.metadata as Record<string, string> | null)?.[name];
}

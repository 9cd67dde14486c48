import type { PaymentIntent, PrismaClient } from '@safe-checkout/db';

/**
 * The sandbox's PaymentIntents for one order (`metadata[order_id]`), oldest first: the provider's
 * side of payments.md §3, read in the database the sandbox writes.
 */
export function paymentIntentsOfOrder(prisma: PrismaClient, orderId: string, status?: 'succeeded' | 'requires_payment_method'): Promise<PaymentIntent[]> {
  return prisma.paymentIntent.findMany({
    where: { metadata: { path: ['order_id'], equals: orderId }, ...(status ? { status } : {}) },
    orderBy: { createdAt: 'asc' },
  });
}

/** The sandbox's PaymentIntents charged for one customer (`metadata[user_id]`), whatever order they name. */
export function paymentIntentsOfUser(prisma: PrismaClient, userId: string, status?: 'succeeded' | 'requires_payment_method'): Promise<PaymentIntent[]> {
  return prisma.paymentIntent.findMany({
    where: { metadata: { path: ['user_id'], equals: userId }, ...(status ? { status } : {}) },
    orderBy: { createdAt: 'asc' },
  });
}

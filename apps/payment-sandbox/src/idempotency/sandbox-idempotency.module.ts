import { Module } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { ScheduleModule } from '@nestjs/schedule';
import { PrismaClient, transactionConnectionsOf } from '@safe-checkout/db';
import { IdempotencyModule as IdempotencyLibraryModule } from '@safe-checkout/idempotency-nest';
import { transactionalKeyStore } from '@safe-checkout/idempotency-prisma';
import type { Request } from 'express';
import { Registry } from 'prom-client';
import { AuthenticatedRequest } from '../auth/authenticated-request';
import { PrismaTransactionHost } from '../database/transaction-host';

/** Stripe keeps idempotency keys for 24 hours (payments.md §1). */
export const STRIPE_IDEMPOTENCY_KEY_TTL_SECONDS = 86_400;

/**
 * Stripe takes any `Idempotency-Key` of 1–255 characters (https://docs.stripe.com/api/idempotent_requests);
 * the 16-character minimum is the shop API's own rule, not a provider's.
 */
export const STRIPE_IDEMPOTENCY_KEY_MIN_LENGTH = 1;

/**
 * The project's idempotency libraries, wired as Stripe's idempotency: keys in the sandbox's own
 * database (the shop's keys and the provider's never meet), scoped by the account of the secret
 * key, recorded in the transaction that writes the PaymentIntent. Declines need no
 * `renderFinalAnswer`: the handler returns them (see PaymentIntentsController.create), so they are
 * stored like successes; every thrown error is a rejection, and frees the key.
 */
@Module({
  imports: [
    ScheduleModule.forRoot(),
    IdempotencyLibraryModule.forRootAsync({
      inject: [PrismaClient, TransactionHost],
      useFactory: (prisma: PrismaClient, txHost: PrismaTransactionHost) => ({
        ...transactionalKeyStore(prisma, txHost, transactionConnectionsOf(prisma)),
        scopeOf: (request: Request) => (request as AuthenticatedRequest).account,
        ttlSeconds: STRIPE_IDEMPOTENCY_KEY_TTL_SECONDS,
        keyMinLength: STRIPE_IDEMPOTENCY_KEY_MIN_LENGTH,
        // The sandbox serves no metrics: a registry of its own keeps its counters apart from those
        // of any other application in the same process (the tests run several).
        metricsRegistry: new Registry(),
      }),
    }),
  ],
})
export class SandboxIdempotencyModule {}

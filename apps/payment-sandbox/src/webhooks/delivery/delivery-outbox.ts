import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { Prisma, PrismaClient } from '@safe-checkout/db';
import { PENDING_DELIVERIES_COUNT, renderEvent } from '../events/event.representation';

/** A delivery the worker claimed: one attempt is now in flight under `leaseToken`. */
export interface ClaimedDelivery {
  id: string;
  /** Attempts including this one. */
  attempts: number;
  leaseToken: string;
  createdAt: Date;
}

/** What an attempt sends: the endpoint's URL and secret, and the event's JSON as of now. */
export interface DeliveryContent {
  url: string;
  secret: string;
  body: string;
  /** The event's type, for the attempt's span. */
  type: string;
  /** The trace context of the request that caused the event, when it was traced. */
  traceParent: string | null;
}

/** How to claim due deliveries. */
export interface ClaimOptions {
  account: string;
  limit: number;
  /** Attempts a delivery may have had; those at the bound are left to {@link DeliveryOutbox.failExhausted}. */
  maxAttempts: number;
  /** How long the attempt may take before another claim may take the delivery over. */
  leaseMs: number;
  /** See WebhookDeliveryFaults.reorderWindowMs; 0 for oldest first, as due. */
  reorderWindowMs: number;
}

/**
 * The webhook outbox in the sandbox's database (payments.md §5): claiming due deliveries under a
 * lease, and recording each attempt's outcome. Every write is fenced by the lease token, so an
 * attempt that outlived its lease (its delivery claimed again) records nothing.
 */
@Injectable()
export class DeliveryOutbox {
  constructor(@Inject(PrismaClient) private readonly prisma: PrismaClient) {}

  /**
   * Claims up to `limit` due deliveries of the account: counts the attempt and pushes
   * `next_attempt_at` to the end of the lease, so that if this process dies mid-attempt the
   * delivery is due again once the lease ends. SKIP LOCKED lets processes claim side by side.
   */
  async claimDue({ account, limit, maxAttempts, leaseMs, reorderWindowMs }: ClaimOptions): Promise<ClaimedDelivery[]> {
    const leaseToken = randomUUID();
    const reordering = reorderWindowMs > 0;
    const rows = await this.prisma.$queryRaw<ClaimedDelivery[]>`
      WITH due AS (
        SELECT id FROM webhook_deliveries
        WHERE account = ${account} AND status = 'pending' AND next_attempt_at <= now() AND attempts < ${maxAttempts}
          ${reordering ? this.heldUntilWindowEnds(account, reorderWindowMs) : Prisma.empty}
        ORDER BY ${reordering ? Prisma.sql`created_at DESC` : Prisma.sql`next_attempt_at`}
        LIMIT ${limit}
        FOR UPDATE SKIP LOCKED
      )
      UPDATE webhook_deliveries d
      SET attempts = d.attempts + 1, lease_token = ${leaseToken}::uuid, last_attempt_at = now(),
          next_attempt_at = now() + make_interval(secs => ${leaseMs / 1000})
      FROM due WHERE d.id = due.id
      RETURNING d.id, d.attempts, d.lease_token AS "leaseToken", d.created_at AS "createdAt"`;
    // UPDATE … RETURNING keeps no order: restore the claim's.
    return rows.sort((a, b) => (reordering ? b.createdAt.getTime() - a.createdAt.getTime() : a.createdAt.getTime() - b.createdAt.getTime()));
  }

  // Chaos reordering: first attempts are held until the oldest of them is `windowMs` old, then all
  // go at once, newest first (the claim's order), so events of one window arrive in reverse.
  private heldUntilWindowEnds(account: string, windowMs: number): Prisma.Sql {
    return Prisma.sql`AND (attempts > 0 OR (
      SELECT min(created_at) FROM webhook_deliveries WHERE account = ${account} AND status = 'pending' AND attempts = 0
    ) <= now() - make_interval(secs => ${windowMs / 1000}))`;
  }

  /**
   * Marks failed the deliveries whose last allowed attempt was cut short (the process died
   * during it, so no outcome was recorded): attempts stay bounded across crashes.
   */
  async failExhausted(account: string, maxAttempts: number): Promise<number> {
    return this.prisma.$executeRaw`
      UPDATE webhook_deliveries
      SET status = 'failed', lease_token = NULL, last_error = coalesce(last_error || '; ', '') || 'last attempt interrupted (the sandbox stopped)'
      WHERE account = ${account} AND status = 'pending' AND next_attempt_at <= now() AND attempts >= ${maxAttempts}`;
  }

  /** The request body of an attempt, or `undefined` when the endpoint was deleted meanwhile. */
  async contentOf(deliveryId: string): Promise<DeliveryContent | undefined> {
    const delivery = await this.prisma.webhookDelivery.findUnique({
      where: { id: deliveryId },
      include: { endpoint: true, event: { include: PENDING_DELIVERIES_COUNT } },
    });
    if (!delivery) return undefined;
    const { event, endpoint } = delivery;
    return { url: endpoint.url, secret: endpoint.secret, body: JSON.stringify(renderEvent(event)), type: event.type, traceParent: event.traceParent };
  }

  async recordSuccess(claim: ClaimedDelivery, status: number): Promise<void> {
    await this.prisma.webhookDelivery.updateMany({
      where: { id: claim.id, leaseToken: claim.leaseToken },
      data: { status: 'succeeded', deliveredAt: new Date(), leaseToken: null, lastResponseStatus: status, lastError: null },
    });
  }

  /** A failed attempt: due again after `retryInMs`, or failed for good when that is `undefined`. */
  async recordFailure(claim: ClaimedDelivery, outcome: { status?: number; error?: string }, retryInMs: number | undefined): Promise<void> {
    const retry = retryInMs !== undefined;
    await this.prisma.webhookDelivery.updateMany({
      where: { id: claim.id, leaseToken: claim.leaseToken },
      data: {
        status: retry ? 'pending' : 'failed',
        nextAttemptAt: retry ? new Date(Date.now() + retryInMs) : undefined,
        leaseToken: null,
        lastResponseStatus: outcome.status ?? null,
        lastError: outcome.error ?? `HTTP ${outcome.status}`,
      },
    });
  }

  /**
   * Gives the delivery back at once (the worker is stopping): the attempt stays counted, since
   * the receiver may have seen it, and the next process sends it again.
   */
  async release(claim: ClaimedDelivery): Promise<void> {
    await this.prisma.webhookDelivery.updateMany({
      where: { id: claim.id, leaseToken: claim.leaseToken },
      data: { nextAttemptAt: new Date(), leaseToken: null, lastError: 'attempt interrupted (the sandbox stopped)' },
    });
  }
}

import { setTimeout as sleep } from 'node:timers/promises';
import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { accountOf } from '../../auth/secret-key';
import { SANDBOX_CONFIG, SandboxConfig } from '../../config/sandbox-config';
import { afterFailedAttempt } from './delivery-schedule';
import { ClaimedDelivery, DeliveryOutbox } from './delivery-outbox';
import { postSignedEvent, ReceiverAnswer } from './post-signed-event';
import { WEBHOOK_DELIVERY_FAULTS, WebhookDeliveryFaults } from './webhook-delivery-faults';
import type { WebhookDeliveryConfig } from './webhook-delivery-config';

// Time to record an attempt's outcome after its timeout, within the lease.
const LEASE_MARGIN_MS = 2_000;

/**
 * Sends the outbox's due deliveries (payments.md §5): polls for them, at most `concurrency`
 * attempts in flight, each signed, bounded by its timeout and recorded in the outbox; a failed
 * one is rescheduled by {@link afterFailedAttempt}. Nothing lives only in memory: a process that
 * dies mid-attempt leaves the delivery leased, and it is due again when the lease ends.
 */
@Injectable()
export class WebhookDeliveryWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('WebhookDelivery');
  private readonly config: WebhookDeliveryConfig;
  /** The one account whose secret key this process accepts, hence whose events it delivers. */
  private readonly account: string;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly stopping = new AbortController();
  private pollTimer: NodeJS.Timeout | undefined;
  /** The poll running now, if any: polls never overlap. */
  private polling: Promise<void> | undefined;

  constructor(
    @Inject(SANDBOX_CONFIG) sandboxConfig: SandboxConfig,
    private readonly outbox: DeliveryOutbox,
    @Inject(WEBHOOK_DELIVERY_FAULTS) private readonly faults: WebhookDeliveryFaults,
  ) {
    this.config = sandboxConfig.webhooks;
    this.account = accountOf(sandboxConfig.secretKey);
  }

  onApplicationBootstrap(): void {
    this.schedulePoll(0);
  }

  /** Stops claiming, aborts the attempts in flight and gives their deliveries back for the next start. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopping.abort();
    clearTimeout(this.pollTimer);
    // A poll may be claiming right now: its attempts, started with the abort already signalled,
    // give their deliveries back like the others.
    await this.polling;
    await Promise.allSettled([...this.inFlight]);
  }

  private schedulePoll(delayMs: number): void {
    if (this.stopping.signal.aborted) return;
    clearTimeout(this.pollTimer);
    this.pollTimer = setTimeout(() => {
      this.polling ??= this.poll().finally(() => {
        this.polling = undefined;
        this.schedulePoll(this.config.pollIntervalMs);
      });
    }, delayMs);
  }

  private async poll(): Promise<void> {
    try {
      await this.outbox.failExhausted(this.account, this.config.maxAttempts);
      const free = this.config.concurrency - this.inFlight.size;
      if (free > 0 && !this.stopping.signal.aborted) {
        const claimed = await this.outbox.claimDue({
          account: this.account,
          limit: free,
          maxAttempts: this.config.maxAttempts,
          leaseMs: this.config.attemptTimeoutMs + this.faults.maxDelayMs + LEASE_MARGIN_MS,
          reorderWindowMs: this.faults.reorderWindowMs,
        });
        for (const claim of claimed) this.track(this.attempt(claim));
      }
    } catch (error) {
      // The database may be restarting: the deliveries wait in the outbox for the next poll.
      this.logger.warn(`could not poll the webhook outbox: ${(error as Error).message}`);
    }
  }

  private track(attempt: Promise<void>): void {
    this.inFlight.add(attempt);
    void attempt.finally(() => {
      this.inFlight.delete(attempt);
      // A slot is free: look for the next due delivery now rather than at the next tick.
      this.schedulePoll(0);
    });
  }

  private async attempt(claim: ClaimedDelivery): Promise<void> {
    try {
      const content = await this.outbox.contentOf(claim.id);
      if (!content) return;
      const answer = await this.send(content.url, content.body, content.secret);
      if (isSuccess(answer)) return await this.outbox.recordSuccess(claim, answer.status);
      if (answer.status === undefined && this.stopping.signal.aborted) return await this.outbox.release(claim);
      const next = afterFailedAttempt(claim.attempts, answer.retryAfterMs, this.config);
      await this.outbox.recordFailure(claim, answer, next.giveUp ? undefined : next.delayMs);
    } catch (error) {
      // Left leased: due again when the lease ends.
      this.logger.warn(`webhook delivery ${claim.id}: could not record the attempt: ${(error as Error).message}`);
    }
  }

  private async send(url: string, body: string, secret: string): Promise<ReceiverAnswer> {
    const faults = this.faults.forAttempt();
    if (faults.delayMs > 0) await sleep(faults.delayMs, undefined, { signal: this.stopping.signal }).catch(() => undefined);
    if (faults.drop) return { error: 'chaos: dropped before sending' };
    const request = { url, body, secret, timeoutMs: this.config.attemptTimeoutMs, signal: this.stopping.signal };
    const answers = await Promise.all(Array.from({ length: faults.copies }, () => postSignedEvent(request)));
    return answers.find(isSuccess) ?? answers[0];
  }
}

function isSuccess(answer: ReceiverAnswer): answer is ReceiverAnswer & { status: number } {
  return answer.status !== undefined && answer.status >= 200 && answer.status < 300;
}

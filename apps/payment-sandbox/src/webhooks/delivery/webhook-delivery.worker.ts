import { setTimeout as sleep } from 'node:timers/promises';
import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { inStoredTrace, SPAN_ATTRIBUTES as A } from '@safe-checkout/tracing';
import { accountOf } from '../../auth/secret-key';
import { SANDBOX_CONFIG, SandboxConfig } from '../../config/sandbox-config';
import { afterFailedAttempt } from './delivery-schedule';
import { ClaimedDelivery, DeliveryContent, DeliveryOutbox } from './delivery-outbox';
import { DeliveriesQueuedListener } from './deliveries-queued.listener';
import { postSignedEvent, ReceiverAnswer } from './post-signed-event';
import { WEBHOOK_DELIVERY_FAULTS, WebhookDeliveryFaults } from './webhook-delivery-faults';
import type { WebhookDeliveryConfig } from './webhook-delivery-config';

// Time to record an attempt's outcome after its timeout, within the lease.
const LEASE_MARGIN_MS = 2_000;

/**
 * Sends the outbox's due deliveries (payments.md §5), at most `concurrency` attempts in flight,
 * each signed, bounded by its timeout and recorded in the outbox; a failed one is rescheduled by
 * {@link afterFailedAttempt}. It looks for due deliveries when a transaction that queued some
 * commits (LISTEN, any sandbox process's), when one of its own retries falls due, when an attempt
 * frees a slot, and every `pollIntervalMs` for the rest (another process's retries, a lease that
 * ended, a notification lost while the LISTEN was down). Nothing lives only in memory: a process
 * that dies mid-attempt leaves the delivery leased, due again when the lease ends.
 */
@Injectable()
export class WebhookDeliveryWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('WebhookDelivery');
  private readonly config: WebhookDeliveryConfig;
  /** The one account whose secret key this process accepts, hence whose events it delivers. */
  private readonly account: string;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly stopping = new AbortController();
  private readonly listener: DeliveriesQueuedListener;
  private pollTimer: NodeJS.Timeout | undefined;
  private nextPollAtMs = Infinity;
  /** The poll running now, if any: polls never overlap. */
  private polling: Promise<void> | undefined;
  /** A wake-up came while a poll ran, which may have claimed before that commit: poll again. */
  private pollAgain = false;

  constructor(
    @Inject(SANDBOX_CONFIG) sandboxConfig: SandboxConfig,
    private readonly outbox: DeliveryOutbox,
    @Inject(WEBHOOK_DELIVERY_FAULTS) private readonly faults: WebhookDeliveryFaults,
  ) {
    this.config = sandboxConfig.webhooks;
    this.account = accountOf(sandboxConfig.secretKey);
    this.listener = new DeliveriesQueuedListener(
      sandboxConfig.database.url,
      (account) => account === this.account && this.schedulePoll(0),
      (error) => this.logger.warn(`no LISTEN for queued webhook deliveries, polling only: ${error.message}`),
    );
  }

  onApplicationBootstrap(): void {
    this.schedulePoll(0);
  }

  /** Whether queued deliveries wake this worker now (false: it finds them at its next poll). */
  get listening(): boolean {
    return this.listener.listening;
  }

  /** Stops claiming, aborts the attempts in flight and gives their deliveries back for the next start. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopping.abort();
    clearTimeout(this.pollTimer);
    // A poll may be claiming right now: its attempts, started with the abort already signalled,
    // give their deliveries back like the others.
    await this.polling;
    await Promise.allSettled([...this.inFlight]);
    await this.listener.close();
  }

  /** Polls in `delayMs`, unless a poll is already due sooner. */
  private schedulePoll(delayMs: number): void {
    if (this.stopping.signal.aborted) return;
    const atMs = Date.now() + delayMs;
    if (this.pollTimer && this.nextPollAtMs <= atMs) return;
    clearTimeout(this.pollTimer);
    this.nextPollAtMs = atMs;
    this.pollTimer = setTimeout(() => {
      this.pollTimer = undefined;
      this.nextPollAtMs = Infinity;
      if (this.polling) return void (this.pollAgain = true);
      this.polling = this.poll().finally(() => {
        this.polling = undefined;
        this.schedulePoll(this.pollAgain ? 0 : this.config.pollIntervalMs);
        this.pollAgain = false;
      });
    }, delayMs);
  }

  private async poll(): Promise<void> {
    // Reopened here when it was lost: until then, polls alone find the deliveries.
    await this.listener.ensureListening();
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
      const answer = await this.tracedSend(content, claim.attempts);
      if (isSuccess(answer)) return await this.outbox.recordSuccess(claim, answer.status);
      if (answer.status === undefined && this.stopping.signal.aborted) return await this.outbox.release(claim);
      const next = afterFailedAttempt(claim.attempts, answer.retryAfterMs, this.config);
      await this.outbox.recordFailure(claim, answer, next.giveUp ? undefined : next.delayMs);
      if (!next.giveUp) this.schedulePoll(next.delayMs);
    } catch (error) {
      // Left leased: due again when the lease ends.
      this.logger.warn(`webhook delivery ${claim.id}: could not record the attempt: ${(error as Error).message}`);
    }
  }

  // In the trace of the charge that caused the event, so that the shop's handling of it is too.
  private tracedSend(content: DeliveryContent, attempt: number): Promise<ReceiverAnswer> {
    const attributes = { [A.attempt]: attempt, [A.webhookEventType]: content.type };
    return inStoredTrace(
      content.traceParent,
      `webhook delivery #${attempt}`,
      attributes,
      (traceHeaders) => this.send(content.url, content.body, content.secret, traceHeaders),
      (answer) => ({
        attributes: answer.status === undefined ? {} : { [A.httpStatus]: answer.status },
        failure: isSuccess(answer) ? undefined : (answer.error ?? `HTTP ${answer.status}`),
      }),
    );
  }

  private async send(url: string, body: string, secret: string, traceHeaders: Record<string, string>): Promise<ReceiverAnswer> {
    const faults = this.faults.forAttempt();
    if (faults.delayMs > 0) await sleep(faults.delayMs, undefined, { signal: this.stopping.signal }).catch(() => undefined);
    if (faults.drop) return { error: 'chaos: dropped before sending' };
    const request = { url, body, secret, timeoutMs: this.config.attemptTimeoutMs, signal: this.stopping.signal, traceHeaders };
    const answers = await Promise.all(Array.from({ length: faults.copies }, () => postSignedEvent(request)));
    return answers.find(isSuccess) ?? answers[0];
  }
}

function isSuccess(answer: ReceiverAnswer): answer is ReceiverAnswer & { status: number } {
  return answer.status !== undefined && answer.status >= 200 && answer.status < 300;
}

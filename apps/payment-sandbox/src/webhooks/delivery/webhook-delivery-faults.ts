/** What the chaos entry point does to one delivery attempt (never in main.ts: see chaos-main.ts). */
export interface AttemptFaults {
  /** Not sent at all; the attempt fails as a lost request would, and the schedule retries it. */
  drop: boolean;
  /** Identical requests sent at once (1 = no duplicate); the attempt succeeds if any is answered 2xx. */
  copies: number;
  /** Held this long before sending, so the event arrives late. */
  delayMs: number;
}

/** Faults injected into webhook deliveries. */
export interface WebhookDeliveryFaults {
  /** Longest {@link AttemptFaults.delayMs} it ever returns: the attempt's lease covers it. */
  readonly maxDelayMs: number;
  /**
   * When above 0, first attempts are held until the oldest held one is this old, then all are
   * released newest first: the events of each window reach the receiver in reverse order (in
   * exactly reverse order with a concurrency of 1; roughly, when several attempts run at once).
   */
  readonly reorderWindowMs: number;
  forAttempt(): AttemptFaults;
}

export const WEBHOOK_DELIVERY_FAULTS = Symbol('WEBHOOK_DELIVERY_FAULTS');

/** main.ts: every delivery as it is. */
export const NO_DELIVERY_FAULTS: WebhookDeliveryFaults = {
  maxDelayMs: 0,
  reorderWindowMs: 0,
  forAttempt: () => ({ drop: false, copies: 1, delayMs: 0 }),
};

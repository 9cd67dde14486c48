import type { RetryDelay, StopReason } from '@safe-checkout/retrying-client';
import type { components } from './openapi.gen';

type Schemas = components['schemas'];

/** An amount of money in minor units (cents), with its ISO 4217 currency. */
export interface Money {
  cents: number;
  currency: string;
}

/** A catalog entry, as the API sends it (price in minor units). */
export type Product = Schemas['Product'];

/** A signed-in customer: the bearer token and who it belongs to. */
export type Session = Schemas['LoginResult'];

/** One line of a cart or of an order request: which product, how many. */
export interface CartItem {
  productId: string;
  quantity: number;
}

// An order's status, payment, receipt and the shop's own attempts at the payment provider, exactly
// as the API's OpenAPI document says them.
export type OrderStatus = Schemas['OrderStatus'];
export type PaymentConfirmation = Schemas['PaymentConfirmation'];
export type ChargeWait = Schemas['ChargeWait'];
export type ChargeAttempt = Schemas['ChargeAttempt'];
export type ChargeRun = Schemas['ChargeRun'];
/** The shop server's own attempts at the payment provider for an order, all with one key derived from the order. */
export type ChargeAttempts = Schemas['ChargeAttempts'];

/** An order as the API sends it (amounts in minor units of `currency`). */
export type Order = Schemas['Order'];

/** One page of `GET /orders`, newest first; `nextCursor` is `null` on the last page. */
export type OrderPage = Schemas['OrderPage'];

/**
 * What one checkout asks the shop for: these items, charged to this payment method (the
 * provider's id, e.g. `pm_card_visa`). The whole of it is the body the checkout's key belongs to.
 */
export interface OrderRequest {
  items: CartItem[];
  paymentMethod: string;
}

/** A shipping address as the forms edit it: an absent second line is the empty string. */
export interface ShippingAddress {
  line1: string;
  line2: string;
  city: string;
  postalCode: string;
  /** ISO 3166-1 alpha-2, e.g. `GB`. */
  country: string;
}

/** What the customer can edit on the profile page. */
export interface ProfileFields {
  name: string;
  email: string;
  shippingAddress: ShippingAddress;
}

export interface Profile extends ProfileFields {
  id: string;
  /** ISO 8601 timestamp of the last change that changed something; absent if never changed. */
  updatedAt?: string;
}

/** A profile together with the version it was read at (its strong ETag), for `If-Match`. */
export interface VersionedProfile {
  profile: Profile;
  etag: string;
}

/** An order the API confirmed; `replayed` when the answer was the stored one of an earlier request with the same key. */
export interface PlacedOrder {
  order: Order;
  replayed: boolean;
}

/**
 * How one HTTP attempt of an order request ended, as the retry timeline shows it:
 * `sent` (no answer yet), `dropped` (the connection failed, no answer), `timed-out`,
 * `server-error` (5xx), `in-progress` (409: the same key is still running), and for a 201 what
 * the shop says it did (`Idempotency-Outcome`): `created` (ran the order from the start),
 * `resumed` (finished the order an earlier attempt had created, e.g. its charge) or `replayed`
 * (the stored answer of an earlier attempt); `rejected` (another 4xx) and `cut-off` (the page was
 * reloaded or closed before an answer came).
 */
export type AttemptOutcome = 'sent' | 'dropped' | 'timed-out' | 'server-error' | 'in-progress' | 'created' | 'resumed' | 'replayed' | 'rejected' | 'cut-off';

/**
 * What the shop's problem answer says about the order, in its own words (the `Problem-Outcome`
 * header, from the API's problem catalogue): `final` (the same request and key get this answer
 * again), `not-run` (nothing was done; the same key may run later), `in-progress` (another
 * request with the key is still running) or `unfinished` (the order may stand part-way; the same
 * key resumes it).
 */
export type ProblemOutcome = 'final' | 'not-run' | 'in-progress' | 'unfinished';

export interface AttemptAnswer {
  outcome: AttemptOutcome;
  /** The HTTP status, when the server answered. */
  status?: number;
  /** The answer carried `Idempotent-Replayed: true`. */
  replayed?: boolean;
  /**
   * The last segment of the problem `type` when the answer was the API's RFC 9457 problem
   * (`internal-error`); absent for an error page from something in front of the API.
   */
  slug?: string;
  /** The shop's `Problem-Outcome`; absent when the answer was not the shop's own problem (a gateway's page). */
  problemOutcome?: ProblemOutcome;
}

/** Why the client waited as long as it did before retry number `retry` (1-based): the retrying client's own decision. */
export type WaitReason = RetryDelay & { retry: number };

/** Why the client stopped retrying a request: the retrying client's own reason. */
export type GiveUpReason = StopReason;

/** Receives the life of one order request, attempt by attempt, as it happens. */
export interface OrderAttemptObserver {
  attemptSent(attempt: number): void;
  attemptEnded(attempt: number, answer: AttemptAnswer): void;
  /** The client will retry after attempt `attempt` failed, after `wait`. */
  retryScheduled(attempt: number, wait: WaitReason): void;
  /** The client gave up after attempt `attempt`, for `reason`. */
  gaveUp(attempt: number, reason: GiveUpReason): void;
}

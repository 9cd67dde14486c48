import type { RetryDelay, StopReason } from '@safe-checkout/retrying-client';
import type { components } from './openapi.gen';

// The API's shapes come from its OpenAPI document (openapi.gen.ts, checked by the storefront's
// lint), so they cannot drift from it; only a profile differs on the app's side (see below).
type Schemas = components['schemas'];

export type Product = Schemas['Product'];
/** A signed-in customer: the bearer token and who it belongs to. */
export type Session = Schemas['LoginResult'];
export type Order = Schemas['Order'];
/** One page of `GET /orders`, newest first; `nextCursor` is `null` on the last page. */
export type OrderPage = Schemas['OrderPage'];
export type OrderStatus = Schemas['OrderStatus'];
export type PaymentConfirmation = Schemas['PaymentConfirmation'];
/** The shop server's own attempts at the payment provider for an order, all with one key derived from the order. */
export type ChargeAttempts = Schemas['ChargeAttempts'];
export type ChargeRun = Schemas['ChargeRun'];
export type ChargeAttempt = Schemas['ChargeAttempt'];
export type ChargeWait = Schemas['ChargeWait'];
/** What one checkout asks for: these items, charged to this payment method (`pm_…`); the body its key belongs to. */
export type OrderRequest = Schemas['CreateOrderDto'];
export type CartItem = OrderRequest['items'][number];

/** An amount of money in minor units (cents), with its ISO 4217 currency. */
export interface Money {
  cents: number;
  currency: string;
}

/** A shipping address as the forms edit it: an absent second line is the empty string. */
export type ShippingAddress = Required<Schemas['ShippingAddress']>;
/** What the customer can edit on the profile page. */
export type ProfileFields = Pick<Schemas['UserProfile'], 'name' | 'email'> & { shippingAddress: ShippingAddress };
export type Profile = ProfileFields & Pick<Schemas['UserProfile'], 'id' | 'updatedAt'>;
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
 * The shop's `Problem-Outcome` header (its problem catalogue): `final` (the same request and key
 * get this answer again), `not-run` (nothing was done), `in-progress` (another request with the
 * key is still running) or `unfinished` (the order may stand part-way; the same key resumes it).
 */
export type ProblemOutcome = 'final' | 'not-run' | 'in-progress' | 'unfinished';

export interface AttemptAnswer {
  outcome: AttemptOutcome;
  /** The HTTP status, when the server answered. */
  status?: number;
  /** The answer carried `Idempotent-Replayed: true`. */
  replayed?: boolean;
  /** The last segment of the problem `type` (`internal-error`); absent for an error page from something in front of the API. */
  slug?: string;
  /** Absent when the answer was not the shop's own problem (a gateway's page). */
  problemOutcome?: ProblemOutcome;
}

/** Why the client waited as long as it did before retry number `retry` (1-based): the retrying client's own decision. */
export type WaitReason = RetryDelay & { retry: number };

/** Why the client stopped retrying a request: the retrying client's own reason. */
export type GiveUpReason = StopReason;

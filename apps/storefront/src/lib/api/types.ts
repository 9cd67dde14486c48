import type { RetryDelay, StopReason } from '@safe-checkout/retrying-client';
import type { components } from './openapi.gen';

// The API's shapes come from its OpenAPI document (openapi.gen.ts, checked by lint), so they cannot drift from it.
type Schemas = components['schemas'];

export type Product = Schemas['Product'];
export type Session = Schemas['LoginResult'];
export type Order = Schemas['Order'];
export type OrderPage = Schemas['OrderPage'];
export type OrderStatus = Schemas['OrderStatus'];
export type PaymentConfirmation = Schemas['PaymentConfirmation'];
export type ChargeAttempts = Schemas['ChargeAttempts'];
export type ChargeRun = Schemas['ChargeRun'];
export type ChargeAttempt = Schemas['ChargeAttempt'];
export type ChargeWait = Schemas['ChargeWait'];
/** What one checkout asks for, the body its key belongs to. */
export type OrderRequest = Schemas['CreateOrderDto'];
export type CartItem = OrderRequest['items'][number];

/** An amount in minor units (cents), with its ISO 4217 currency. */
export interface Money {
  cents: number;
  currency: string;
}

/** A shipping address as the forms edit it: an absent second line is the empty string. */
export type ShippingAddress = Required<Schemas['ShippingAddress']>;
export type ProfileFields = Pick<Schemas['UserProfile'], 'name' | 'email'> & { shippingAddress: ShippingAddress };
export type Profile = ProfileFields & Pick<Schemas['UserProfile'], 'id' | 'updatedAt'>;
/** A profile with the version it was read at (its strong ETag), for `If-Match`. */
export interface VersionedProfile {
  profile: Profile;
  etag: string;
}

/** `replayed`: the answer was the stored one of an earlier request with the same key. */
export interface PlacedOrder {
  order: Order;
  replayed: boolean;
}

/**
 * How one attempt of an order request ended on the timeline: no answer yet (`sent`), none at all
 * (`dropped`, `timed-out`, or `cut-off` by a page closed first), a 5xx, a 409 `in-progress`, another
 * 4xx (`rejected`), or for a 201 what the shop says it did (`Idempotency-Outcome`): `created`,
 * `resumed` (finished the order an earlier attempt had created) or `replayed`.
 */
export type AttemptOutcome = 'sent' | 'dropped' | 'timed-out' | 'server-error' | 'in-progress' | 'created' | 'resumed' | 'replayed' | 'rejected' | 'cut-off';

/**
 * The shop's `Problem-Outcome` header (its problem catalogue): `final` (the same request and key
 * get this answer again), `not-run` (nothing was done), `in-progress` (another request with the key
 * is running) or `unfinished` (the order may stand part-way; the same key resumes it).
 */
export type ProblemOutcome = 'final' | 'not-run' | 'in-progress' | 'unfinished';

export interface AttemptAnswer {
  outcome: AttemptOutcome;
  status?: number;
  replayed?: boolean;
  /** The last segment of the problem `type`; absent for an error page from something in front of the API. */
  slug?: string;
  problemOutcome?: ProblemOutcome;
}

/** The retrying client's own decision on the wait before retry number `retry` (1-based). */
export type WaitReason = RetryDelay & { retry: number };

export type GiveUpReason = StopReason;

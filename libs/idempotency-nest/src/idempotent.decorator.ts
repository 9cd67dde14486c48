import { SetMetadata } from '@nestjs/common';

export const IDEMPOTENT_ROUTE = 'safe-checkout:idempotent';

/** How an `@Idempotent()` route treats its key. */
export interface IdempotentRouteOptions {
  /**
   * Whether a request without `Idempotency-Key` is rejected with 400 idempotency-key-missing
   * (default `true`, http-contract.md). `false` runs such a request once, unrecorded, as Stripe's
   * API does; a request that does send a key is still claimed, replayed or rejected.
   */
  keyRequired?: boolean;
  /**
   * Whether the handler returns an `AtomicOperation` (phases and their input) for the
   * layer to run, instead of the response itself (default `false`: the handler is the one phase,
   * run in the transaction that stores its response). A phased handler runs outside any
   * transaction and must not write: its phases do.
   */
  phased?: boolean;
}

/**
 * Makes a route retry-safe: it requires an `Idempotency-Key`, runs at most once per user and
 * key, and replays its stored response to repeats (http-contract.md "Idempotency-Key semantics").
 *
 * @example
 * @Post() @Idempotent()
 * create(@Body() body: CreateOrderDto) { … }
 * @example
 * @Post() @Idempotent({ phased: true })
 * create(@Body() body: CreateOrderDto): AtomicOperation { return atomicOperation(this.checkout.phases, body); }
 */
export const Idempotent = (options: IdempotentRouteOptions = {}) =>
  SetMetadata(IDEMPOTENT_ROUTE, { keyRequired: options.keyRequired ?? true, phased: options.phased ?? false } satisfies Required<IdempotentRouteOptions>);

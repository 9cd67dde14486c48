import { SetMetadata } from '@nestjs/common';

export const IDEMPOTENT_ROUTE = 'safe-checkout:idempotent';

/**
 * Makes a route retry-safe: it requires an `Idempotency-Key`, runs at most once per user and
 * key, and replays its stored response to repeats (http-contract.md "Idempotency-Key semantics").
 *
 * @example
 * @Post() @Idempotent()
 * create(@Body() body: CreateOrderDto) { … }
 */
export const Idempotent = () => SetMetadata(IDEMPOTENT_ROUTE, true);

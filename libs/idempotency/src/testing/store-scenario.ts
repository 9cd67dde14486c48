import assert, { AssertionError } from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { ClaimRequest, ClaimResult, IdempotencyKeyStore, Lease } from '../idempotency-key-store';
import type { StoredResponse } from '../idempotency-record';
import { fingerprintRequest } from '../request-fingerprint';

/** One behaviour every {@link IdempotencyKeyStore} must show, runnable under any test framework. */
export interface IdempotencyKeyStoreScenario {
  /** What the store does, in specification style; use it as the test name. */
  name: string;
  /** Runs against the given store, which must be empty; rejects with an `AssertionError` on a violation. */
  run(store: IdempotencyKeyStore): Promise<void>;
}

// In the past on purpose: rows a real database holds from "now" are not expired at these times.
const T0_MS = Date.parse('2001-01-01T00:00:00.000Z');

/** T0 + `ms` milliseconds: scenarios pass explicit times, so no store needs a fake clock. */
export function at(ms: number): Date {
  return new Date(T0_MS + ms);
}

/** A real fingerprint (64 hex characters), distinct per label. */
export function fingerprintOf(label: string): string {
  return fingerprintRequest({ method: 'POST', route: '/orders', query: undefined, body: { label } });
}

/** A claim at T0 on a fresh scope and key, 30 s lease, 24 h retention, unless overridden. */
export function claimRequest(overrides: Partial<ClaimRequest> = {}): ClaimRequest {
  return {
    scope: `user-${randomUUID()}`,
    key: randomUUID(),
    fingerprint: fingerprintOf('original'),
    leaseMs: 30_000,
    ttlMs: 86_400_000,
    now: at(0),
    ...overrides,
  };
}

/** A 201 whose body has non-ASCII text and trailing whitespace, to prove byte-for-byte replay. */
export function orderCreated(orderId = 'ord_1'): StoredResponse {
  return {
    status: 201,
    headers: { 'content-type': 'application/json; charset=utf-8', location: `/orders/${orderId}` },
    body: `{"id":"${orderId}","note":"café ✓"}\n`,
  };
}

/** The lease of a `claimed` result; fails when the outcome or `tookOver` differ. */
export function leaseOf(result: ClaimResult, expectTookOver: boolean): Lease {
  if (result.outcome !== 'claimed' || result.tookOver !== expectTookOver) {
    throw new AssertionError({
      message: `expected outcome 'claimed' with tookOver ${expectTookOver}, got ${JSON.stringify(result)}`,
      actual: result,
      expected: { outcome: 'claimed', tookOver: expectTookOver },
    });
  }
  return result.lease;
}

/**
 * Asserts a claim's result by value. Both sides go through JSON first, so a store whose driver
 * builds objects in another realm (or with a null prototype) is compared on content alone.
 */
export function assertResult(actual: ClaimResult, expected: ClaimResult): void {
  assert.deepEqual(JSON.parse(JSON.stringify(actual)), JSON.parse(JSON.stringify(expected)));
}

/** Asserts two instants are the same millisecond, whatever realm built the `Date`s. */
export function assertSameTime(actual: Date, expected: Date): void {
  assert.equal(actual.getTime(), expected.getTime(), `expected ${expected.toISOString()}, got ${actual.toISOString()}`);
}

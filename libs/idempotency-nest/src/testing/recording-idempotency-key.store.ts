import type { ClaimRequest, ClaimResult, Lease, StoredResponse } from '@safe-checkout/idempotency';
import { InMemoryIdempotencyKeyStore, InMemoryIdempotencyKeyStoreOptions } from '@safe-checkout/idempotency/testing';

/** An in-memory store that appends `store.<method>` to a shared log on every call, to assert ordering. */
export class RecordingIdempotencyKeyStore extends InMemoryIdempotencyKeyStore {
  constructor(
    private readonly log: string[],
    options?: InMemoryIdempotencyKeyStoreOptions,
  ) {
    super(options);
  }

  override claim(request: ClaimRequest): Promise<ClaimResult> {
    this.log.push('store.claim');
    return super.claim(request);
  }

  override complete(lease: Lease, response: StoredResponse): Promise<void> {
    this.log.push('store.complete');
    return super.complete(lease, response);
  }

  override release(lease: Lease): Promise<void> {
    this.log.push('store.release');
    return super.release(lease);
  }
}

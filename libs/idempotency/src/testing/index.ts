export { InMemoryIdempotencyKeyStore } from './in-memory-idempotency-key.store';
export type { InMemoryIdempotencyKeyStoreOptions } from './in-memory-idempotency-key.store';
export { IDEMPOTENCY_KEY_STORE_CONTRACT } from './idempotency-key-store.contract';
export type { IdempotencyKeyStoreScenario } from './store-scenario';

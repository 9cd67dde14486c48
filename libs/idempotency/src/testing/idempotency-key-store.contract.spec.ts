import { randomUUID } from 'node:crypto';
import type { IdempotencyKeyStore } from '../idempotency-key-store';
import { IDEMPOTENCY_KEY_STORE_CONTRACT } from './idempotency-key-store.contract';
import { InMemoryIdempotencyKeyStore } from './in-memory-idempotency-key.store';

function scenario(namePrefix: string) {
  const found = IDEMPOTENCY_KEY_STORE_CONTRACT.find((candidate) => candidate.name.startsWith(namePrefix));
  if (found === undefined) throw new Error(`no scenario named "${namePrefix}…"`);
  return found;
}

function delegatingTo(store: InMemoryIdempotencyKeyStore): IdempotencyKeyStore {
  return {
    claim: (request) => store.claim(request),
    complete: (lease, response) => store.complete(lease, response),
    advance: (lease, point, state) => store.advance(lease, point, state),
    release: (lease, now) => store.release(lease, now),
    claimStalled: (request) => store.claimStalled(request),
    earliestLeaseExpiry: (recoveryPoints) => store.earliestLeaseExpiry(recoveryPoints),
    purgeExpired: (now, batchSize) => store.purgeExpired(now, batchSize),
  };
}

// Each broken store below has one classic idempotency bug; the contract must notice it.
describe('IDEMPOTENCY_KEY_STORE_CONTRACT', () => {
  it('names every scenario differently', () => {
    const names = IDEMPOTENCY_KEY_STORE_CONTRACT.map((candidate) => candidate.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it('catches a store that lets a fenced holder complete', async () => {
    const inner = new InMemoryIdempotencyKeyStore();
    const unfenced: IdempotencyKeyStore = {
      ...delegatingTo(inner),
      async complete(lease, response) {
        const record = inner.get(lease.scope, lease.key);
        if (record !== undefined) inner.put({ ...record, state: 'completed', response });
      },
    };
    await expect(scenario('fences the old holder').run(unfenced)).rejects.toThrow(/LeaseLostError|rejects/i);
  });

  it('catches a store that checks for a record and then inserts', async () => {
    const inner = new InMemoryIdempotencyKeyStore();
    const checkThenAct: IdempotencyKeyStore = {
      ...delegatingTo(inner),
      async claim(request) {
        if (inner.get(request.scope, request.key) !== undefined) return inner.claim(request);
        await null; // The window in which a concurrent duplicate also finds no record.
        const now = request.now ?? new Date();
        const { scope, key, fingerprint, leaseMs, ttlMs } = request;
        const lease = { scope, key, leaseToken: randomUUID(), leaseExpiresAt: new Date(now.getTime() + leaseMs) };
        const expiresAt = new Date(now.getTime() + ttlMs);
        inner.put({ ...lease, fingerprint, state: 'running', recoveryPoint: 'started', recoveryState: null, response: null, createdAt: now, expiresAt });
        return { outcome: 'claimed', lease, tookOver: false, resume: { recoveryPoint: 'started', recoveryState: null } };
      },
    };
    await expect(scenario('grants exactly one of 50 concurrent claims').run(checkThenAct)).rejects.toThrow(/expected/i);
  });

  it('catches a store that replays without comparing fingerprints', async () => {
    const inner = new InMemoryIdempotencyKeyStore();
    const careless: IdempotencyKeyStore = {
      ...delegatingTo(inner),
      async claim(request) {
        const existing = inner.get(request.scope, request.key);
        return inner.claim(existing === undefined ? request : { ...request, fingerprint: existing.fingerprint });
      },
    };
    await expect(scenario('answers mismatch for the same key').run(careless)).rejects.toThrow();
  });
});

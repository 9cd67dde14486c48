import { randomUUID } from 'node:crypto';
import { leaseOfRecord } from '../claim-record';
import type { ClaimRequest, ClaimResult, IdempotencyKeyStore, Lease, PurgeTurn, StalledClaim, StalledClaimRequest } from '../idempotency-key-store';
import { FINISHED, IdempotencyRecord, RecoveryPoint, STARTED, StoredResponse } from '../idempotency-record';
import { IdempotencyStoreUnavailableError } from '../idempotency-store-unavailable.error';
import { claimKey } from '../key-claim';
import { releasedRecord, retentionEnded } from '../key-life';
import { LeaseLostError } from '../lease-lost.error';
import { KeySettledSignal, SettledKeyWaiters, settledKeyId } from '../key-settled-signal';
import { copyRecord, copyResponse } from './record-copy';

/** Options of {@link InMemoryIdempotencyKeyStore}. */
export interface InMemoryIdempotencyKeyStoreOptions {
  /** The store's time, used when a claim carries no `now`; defaults to the system clock. */
  clock?: () => Date;
}

/**
 * An {@link IdempotencyKeyStore} in a `Map`, for tests of code built on the store; it passes
 * `IDEMPOTENCY_KEY_STORE_CONTRACT` like any real store must. Records are copied in and out, so
 * callers cannot alter stored state.
 *
 * Each claim yields to the event loop between reading a record and writing it, as a database
 * round-trip would, so concurrent claims interleave and lost compare-and-sets really happen.
 *
 * @example
 * const store = new InMemoryIdempotencyKeyStore({ clock: () => now });
 */
export class InMemoryIdempotencyKeyStore implements IdempotencyKeyStore, KeySettledSignal {
  private readonly records = new Map<string, IdempotencyRecord>();
  private readonly waiters = new SettledKeyWaiters();
  private readonly clock: () => Date;
  private outage: Error | undefined;
  private purgeTurn: { purgerId: string; endsAt: number } | undefined;

  constructor(options: InMemoryIdempotencyKeyStoreOptions = {}) {
    this.clock = options.clock ?? (() => new Date());
  }

  async claim(request: ClaimRequest): Promise<ClaimResult> {
    this.failIfDown();
    return claimKey<StoredRecord>(request, request.now ?? this.clock(), {
      insertOrRead: async (fresh) => {
        const stored = this.records.get(id(fresh));
        // Insert-if-absent happens synchronously, the in-memory equivalent of a unique constraint.
        if (stored === undefined) {
          this.records.set(id(fresh), fresh);
          return 'inserted';
        }
        // A database round-trip: lets concurrent claims interleave here. A settled promise, not
        // setImmediate or queueMicrotask, so Jest's fake timers cannot stall it.
        await Promise.resolve();
        return { record: copyRecord(stored), stored };
      },
      replace: async (read, fresh) => this.compareAndSet(read.stored, fresh),
    });
  }

  async complete(lease: Lease, response: StoredResponse): Promise<void> {
    this.failIfDown();
    const record = this.heldRecord(lease);
    if (record === undefined) throw new LeaseLostError(lease.scope, lease.key);
    this.records.set(id(lease), { ...record, state: 'completed', recoveryPoint: FINISHED, recoveryState: null, response: copyResponse(response) });
    this.waiters.settle(settledKeyId(lease.scope, lease.key));
  }

  waitUntilSettled(scope: string, key: string, timeoutMs: number): Promise<boolean> {
    return this.waiters.wait(settledKeyId(scope, key), timeoutMs);
  }

  async advance(lease: Lease, recoveryPoint: RecoveryPoint, recoveryState: unknown): Promise<void> {
    this.failIfDown();
    const record = this.heldRecord(lease);
    if (record === undefined) throw new LeaseLostError(lease.scope, lease.key);
    this.records.set(id(lease), { ...record, recoveryPoint, recoveryState: jsonCopy(recoveryState) });
  }

  async release(lease: Lease, now: Date = this.clock()): Promise<void> {
    this.failIfDown();
    const record = this.heldRecord(lease);
    if (record === undefined) return;
    const released = releasedRecord(record, now);
    if (released) this.records.set(id(lease), released);
    else this.records.delete(id(lease));
    this.waiters.settle(settledKeyId(lease.scope, lease.key));
  }

  async claimStalled({ recoveryPoints, lapsedForMs, leaseMs, limit, now }: StalledClaimRequest): Promise<StalledClaim[]> {
    this.failIfDown();
    const lapsedBefore = now.getTime() - lapsedForMs;
    const stalled = [...this.records.values()]
      .filter((r) => r.state === 'running' && recoveryPoints.includes(r.recoveryPoint))
      .filter((r) => r.leaseExpiresAt.getTime() <= lapsedBefore)
      .sort((a, b) => a.leaseExpiresAt.getTime() - b.leaseExpiresAt.getTime())
      .slice(0, limit);
    return stalled.map((record) => {
      const taken = { ...record, leaseToken: randomUUID(), leaseExpiresAt: new Date(now.getTime() + leaseMs) };
      this.records.set(id(record), taken);
      const resume = copyResume({ recoveryPoint: taken.recoveryPoint, recoveryState: taken.recoveryState });
      return { lease: leaseOfRecord(taken), resume, ...(taken.traceParent === undefined ? {} : { traceParent: taken.traceParent }) };
    });
  }

  async earliestLeaseExpiry(recoveryPoints: readonly RecoveryPoint[]): Promise<Date | undefined> {
    this.failIfDown();
    const expiries = [...this.records.values()]
      .filter((r) => r.state === 'running' && r.recoveryPoint !== STARTED && recoveryPoints.includes(r.recoveryPoint))
      .map((r) => r.leaseExpiresAt.getTime());
    return expiries.length ? new Date(Math.min(...expiries)) : undefined;
  }

  async purgeExpired(now: Date, batchSize: number, turn?: PurgeTurn): Promise<number | undefined> {
    this.failIfDown();
    if (!Number.isInteger(batchSize) || batchSize < 1) {
      throw new RangeError(`batchSize must be a positive integer, not ${batchSize}`);
    }
    if (turn && !this.hasPurgeTurn(turn, now)) return undefined;
    const purged = this.purgeBatch(now, batchSize);
    if (turn) this.purgeTurn = { purgerId: turn.purgerId, endsAt: now.getTime() + (purged === batchSize ? turn.turnMs : 0) };
    return purged;
  }

  private hasPurgeTurn(turn: PurgeTurn, now: Date): boolean {
    return this.purgeTurn === undefined || this.purgeTurn.purgerId === turn.purgerId || this.purgeTurn.endsAt <= now.getTime();
  }

  private purgeBatch(now: Date, batchSize: number): number {
    const expired = [...this.records.entries()]
      .filter(([, record]) => retentionEnded(record, now))
      .sort(([, a], [, b]) => a.expiresAt.getTime() - b.expiresAt.getTime())
      .slice(0, batchSize);
    for (const [recordId, record] of expired) {
      this.records.delete(recordId);
      // As the PostgreSQL store's trigger: a key purged while running (at 'started') wakes its waiters to claim it afresh.
      if (record.state === 'running') this.waiters.settle(settledKeyId(record.scope, record.key));
    }
    return expired.length;
  }

  /** A copy of the record for (scope, key), or undefined; for assertions. */
  get(scope: string, key: string): IdempotencyRecord | undefined {
    const record = this.records.get(id({ scope, key }));
    return record === undefined ? undefined : copyRecord(record);
  }

  /** Copies of all records; for assertions. */
  all(): IdempotencyRecord[] {
    return [...this.records.values()].map((record) => copyRecord(record));
  }

  /** Stores a copy of `record` as is, replacing any record for its (scope, key); to arrange a state. */
  put(record: IdempotencyRecord): void {
    this.records.set(id(record), copyRecord(record));
  }

  /**
   * Makes every method reject with {@link IdempotencyStoreUnavailableError} (with `cause`) until
   * {@link InMemoryIdempotencyKeyStore.recover} is called; to test the fail-closed 503 path.
   */
  simulateOutage(cause: Error = new Error('connect ECONNREFUSED 127.0.0.1:5432')): void {
    this.outage = cause;
  }

  /** Ends a {@link InMemoryIdempotencyKeyStore.simulateOutage}. */
  recover(): void {
    this.outage = undefined;
  }

  private failIfDown(): void {
    if (this.outage !== undefined) throw new IdempotencyStoreUnavailableError(undefined, { cause: this.outage });
  }

  private heldRecord(lease: Lease): IdempotencyRecord | undefined {
    const record = this.records.get(id(lease));
    return record?.state === 'running' && record.leaseToken === lease.leaseToken ? record : undefined;
  }

  // Compares the whole record, not just its token: `complete` keeps the token, and a take-over
  // decided on a record that has since completed must lose (else the operation runs twice).
  private compareAndSet(expected: IdempotencyRecord, replacement: IdempotencyRecord): boolean {
    if (this.records.get(id(replacement)) !== expected) return false;
    this.records.set(id(replacement), replacement);
    return true;
  }
}

/** A record as a claim read it: a copy to decide on, and the stored object to compare-and-set on. */
interface StoredRecord {
  record: IdempotencyRecord;
  stored: IdempotencyRecord;
}

function id(of: { scope: string; key: string }): string {
  // JSON of the pair: no separator character can make two different pairs collide.
  return JSON.stringify([of.scope, of.key]);
}

function jsonCopy(value: unknown): unknown {
  return value === null || value === undefined ? null : JSON.parse(JSON.stringify(value));
}

function copyResume(resume: { recoveryPoint: RecoveryPoint; recoveryState: unknown }) {
  return { recoveryPoint: resume.recoveryPoint, recoveryState: jsonCopy(resume.recoveryState) };
}

import { decideOnExistingRecord } from './claim-decision';
import type { IdempotencyRecord } from './idempotency-record';

const NOW = new Date('2030-06-01T12:00:00.000Z');
const ms = (offset: number) => new Date(NOW.getTime() + offset);
const FINGERPRINT = 'a'.repeat(64);
const OTHER_FINGERPRINT = 'b'.repeat(64);
const RESPONSE = { status: 201, headers: { location: '/orders/1' }, body: '{"id":"1"}' };

function running(overrides: Partial<IdempotencyRecord> = {}): IdempotencyRecord {
  return {
    scope: 'user-1',
    key: '8e03978e-40d5-43e8-bc93-6894a57f9324',
    fingerprint: FINGERPRINT,
    state: 'running',
    leaseToken: '0b9a7f5e-5c1c-4d43-9d1b-3f0f4a1b2c3d',
    leaseExpiresAt: ms(10_000),
    recoveryPoint: 'started',
    recoveryState: null,
    response: null,
    createdAt: ms(-20_000),
    expiresAt: ms(86_400_000),
    ...overrides,
  };
}

function completed(overrides: Partial<IdempotencyRecord> = {}): IdempotencyRecord {
  return running({ state: 'completed', response: RESPONSE, ...overrides });
}

const decide = (record: IdempotencyRecord, fingerprint = FINGERPRINT) => decideOnExistingRecord(record, fingerprint, NOW);
const FROM_THE_START = { recoveryPoint: 'started', recoveryState: null };
const RETENTION_EXPIRED = { outcome: 'take-over', reason: 'retention-expired', resume: FROM_THE_START };

describe('decideOnExistingRecord(record, fingerprint, now)', () => {
  describe('1. retention expired', () => {
    it('takes over a key whose retention ends exactly now', () => {
      expect(decide(completed({ expiresAt: NOW }))).toEqual(RETENTION_EXPIRED);
    });

    it('treats a retention-expired key as new even with another body', () => {
      expect(decide(completed({ expiresAt: ms(-1) }), OTHER_FINGERPRINT)).toEqual(RETENTION_EXPIRED);
    });

    it('takes over a retention-expired running record even if its lease looks live', () => {
      expect(decide(running({ expiresAt: ms(-1), leaseExpiresAt: ms(5_000) }))).toEqual(RETENTION_EXPIRED);
    });

    it('keeps a key whose retention ends a millisecond from now', () => {
      expect(decide(completed({ expiresAt: ms(1) }))).toEqual({ outcome: 'replay', response: RESPONSE });
    });
  });

  describe('2. fingerprint differs', () => {
    it('answers mismatch for a completed record instead of replaying it', () => {
      expect(decide(completed(), OTHER_FINGERPRINT)).toEqual({ outcome: 'mismatch' });
    });

    it('answers mismatch for a running record, live or lapsed, instead of waiting or taking over', () => {
      expect(decide(running(), OTHER_FINGERPRINT)).toEqual({ outcome: 'mismatch' });
      expect(decide(running({ leaseExpiresAt: ms(-1) }), OTHER_FINGERPRINT)).toEqual({ outcome: 'mismatch' });
    });
  });

  describe('3. completed', () => {
    it('replays the stored response, however long ago its lease lapsed', () => {
      const lapsedLongAgo = completed({ leaseExpiresAt: ms(-3_600_000) });
      expect(decide(lapsedLongAgo)).toEqual({ outcome: 'replay', response: RESPONSE });
    });

    it('refuses a completed record without a response, which no store may write', () => {
      expect(() => decide(completed({ response: null }))).toThrow(TypeError);
    });
  });

  describe('4. running with a live lease', () => {
    it.each([
      [20_000, 20],
      [19_001, 20],
      [1, 1],
    ])('answers in-progress with %i ms left as Retry-After %i s (rounded up, at least 1)', (leftMs, seconds) => {
      expect(decide(running({ leaseExpiresAt: ms(leftMs) }))).toEqual({
        outcome: 'in-progress',
        retryAfterSeconds: seconds,
      });
    });
  });

  describe('5. running with a lapsed lease', () => {
    it.each([0, -1, -60_000])('takes over when the lease ended %i ms from now', (offsetMs) => {
      const lapsed = running({ leaseExpiresAt: ms(offsetMs) });
      expect(decide(lapsed)).toEqual({ outcome: 'take-over', reason: 'lease-expired', resume: FROM_THE_START });
    });

    it("resumes at the lapsed holder's recovery point with its saved state", () => {
      const advanced = running({ leaseExpiresAt: ms(-1), recoveryPoint: 'order_created', recoveryState: { orderId: 'o-1' } });
      expect(decide(advanced)).toEqual({
        outcome: 'take-over',
        reason: 'lease-expired',
        resume: { recoveryPoint: 'order_created', recoveryState: { orderId: 'o-1' } },
      });
    });

    it('resumes a key in the middle of an operation even past its retention: starting over would repeat the committed phase', () => {
      const advanced = running({ expiresAt: ms(-1), leaseExpiresAt: ms(-1), recoveryPoint: 'order_created', recoveryState: { orderId: 'o-1' } });
      expect(decide(advanced)).toEqual({
        outcome: 'take-over',
        reason: 'lease-expired',
        resume: { recoveryPoint: 'order_created', recoveryState: { orderId: 'o-1' } },
      });
      expect(decide(advanced, OTHER_FINGERPRINT)).toEqual({ outcome: 'mismatch' });
    });
  });
});

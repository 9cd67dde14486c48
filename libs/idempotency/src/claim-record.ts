import { randomUUID } from 'node:crypto';
import type { ClaimRequest, Lease, ResumePoint } from './idempotency-key-store';
import { IdempotencyRecord, STARTED } from './idempotency-record';

/** Where a new operation starts. */
export const FROM_THE_START: ResumePoint = { recoveryPoint: STARTED, recoveryState: null };

/**
 * The record a claim writes: running under a new lease token, its times taken from `now`. Every
 * store builds its claims and take-overs with this, so they agree to the column. `resume` is
 * where the operation stands: {@link FROM_THE_START} for a new key or a retention-expired one, the
 * lapsed holder's recovery point for a take-over of the same request.
 */
export function newClaimRecord(request: ClaimRequest, now: Date, resume: ResumePoint = FROM_THE_START): IdempotencyRecord {
  const after = (ms: number) => new Date(now.getTime() + ms);
  return {
    scope: request.scope,
    key: request.key,
    fingerprint: request.fingerprint,
    state: 'running',
    leaseToken: randomUUID(),
    leaseExpiresAt: after(request.leaseMs),
    recoveryPoint: resume.recoveryPoint,
    recoveryState: resume.recoveryState,
    response: null,
    createdAt: after(0),
    expiresAt: after(request.ttlMs),
    ...(request.traceParent === undefined ? {} : { traceParent: request.traceParent }),
  };
}

/** The lease a claim record grants. */
export function leaseOfRecord(record: IdempotencyRecord): Lease {
  return { scope: record.scope, key: record.key, leaseToken: record.leaseToken, leaseExpiresAt: new Date(record.leaseExpiresAt) };
}

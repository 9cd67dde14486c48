import type { components } from './openapi.gen';
import type { ChargeAttempt, ChargeAttemptOutcome, ChargeAttempts, ChargeRun, ChargeRunResult, ChargeWait } from './types';

// The order's `chargeAttempts` exactly as the API's OpenAPI document describes them, and the
// mapping to the app's types: the retrying client's verdict, status and failure label become one
// outcome in the words the order page uses.
type Schemas = components['schemas'];

export type ChargeAttemptsDto = Schemas['ChargeAttempts'];
type ChargeRunDto = Schemas['ChargeRun'];
type ChargeAttemptDto = Schemas['ChargeAttempt'];

const RESULTS: Record<Schemas['ChargeRunResult'], ChargeRunResult> = {
  succeeded: 'succeeded',
  declined: 'declined',
  invalid_payment_method: 'invalid-payment-method',
  invalid_request: 'invalid-request',
  unknown: 'unknown',
};

export function toChargeAttempts(dto: ChargeAttemptsDto): ChargeAttempts {
  return { key: dto.idempotencyKey, runs: dto.runs.map(toChargeRun) };
}

function toChargeRun(dto: ChargeRunDto): ChargeRun {
  return {
    startedAt: dto.startedAt,
    // A result this storefront does not know yet is shown as what it cannot be sure of.
    result: Object.hasOwn(RESULTS, dto.result) ? RESULTS[dto.result] : 'unknown',
    ...(dto.stopReason ? { gaveUp: dto.stopReason } : {}),
    attempts: dto.attempts.map(toChargeAttempt),
  };
}

function toChargeAttempt(dto: ChargeAttemptDto): ChargeAttempt {
  return {
    attempt: dto.attempt,
    outcome: outcomeOf(dto),
    ...(dto.status === undefined ? {} : { status: dto.status }),
    ...(dto.reason === undefined ? {} : { reason: dto.reason }),
    durationMs: dto.durationMs,
    ...(dto.wait ? { wait: toChargeWait(dto.wait) } : {}),
  };
}

function toChargeWait({ basis, delayMs, capMs, retryAfterMs }: Schemas['ChargeWait']): ChargeWait {
  return { basis, delayMs, ...(capMs === undefined ? {} : { capMs }), ...(retryAfterMs === undefined ? {} : { retryAfterMs }) };
}

/** The client's verdict decides; the status and the failure label only say which kind. */
export function outcomeOf({ verdict, status, replayed, reason }: Pick<ChargeAttemptDto, 'verdict' | 'status' | 'replayed' | 'reason'>): ChargeAttemptOutcome {
  if (verdict === 'succeeded') return replayed ? 'replayed' : 'charged';
  if (verdict === 'definite') return status === 402 ? 'declined' : 'rejected';
  if (reason === 'timeout') return 'timed-out';
  if (reason === 'http:409-in-progress' || status === 409) return 'in-progress';
  if (status !== undefined && status >= 500) return 'server-error';
  return 'dropped';
}

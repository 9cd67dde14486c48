import type { AttemptAnswer } from '../api';

/**
 * What one answer says about the order (HTTP contract, "Idempotency-Key semantics"):
 * - `none`: no answer (dropped, timed out): that attempt may have placed it;
 * - `running`: 409, a request with this key is still running: it may yet place it;
 * - `unclear`: a 5xx that is not the API's problem (a gateway's 502): that attempt may have placed it;
 * - `server-error`: the shop's own 5xx problem (500 `internal-error`, 503 `service-unavailable`):
 *   with payments `POST /orders` is a chain of phases, and the failure may have come after the
 *   order was created; the key then stays at its recovery point and the shop's recovery worker
 *   finishes and charges it (payments.md). So that attempt, too, may have placed it;
 * - `refused`: turned away before the key was looked up (401, 408, 429, 503 store unavailable):
 *   this attempt did nothing, and says nothing about earlier ones;
 * - `charge-unknown`: 503 `payment-provider-unavailable`: the order exists, but whether its card
 *   was charged is unknown; the same key resumes at the charge, which is never made twice
 *   (payments.md §2);
 * - `declined`: 402 `payment-declined` or 422 `payment-method-invalid`: the card was refused,
 *   nothing was charged; a final answer, stored with the key;
 * - `rejected`: another 4xx, the shop's final answer for this order.
 */
export type AnswerClass = 'none' | 'running' | 'unclear' | 'server-error' | 'refused' | 'charge-unknown' | 'declined' | 'rejected';

const REFUSED_STATUSES: ReadonlySet<number> = new Set([401, 408, 429]);
const DECLINED_SLUGS: ReadonlySet<string> = new Set(['payment-declined', 'payment-method-invalid']);

/** The {@link AnswerClass} of one attempt's answer. */
export function answerClass(a: AttemptAnswer): AnswerClass {
  if (a.status === undefined) return 'none';
  if (a.outcome === 'in-progress') return 'running';
  if (REFUSED_STATUSES.has(a.status) || a.slug === 'idempotency-store-unavailable') return 'refused';
  if (a.slug === 'payment-provider-unavailable') return 'charge-unknown';
  if (a.status >= 500) return a.slug ? 'server-error' : 'unclear';
  if (a.slug !== undefined && DECLINED_SLUGS.has(a.slug)) return 'declined';
  return 'rejected';
}

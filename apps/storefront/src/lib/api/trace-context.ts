import type { RetryAttemptHooks } from '@safe-checkout/retrying-client';

export type RandomBytes = (length: number) => Uint8Array;

const browserRandomBytes: RandomBytes = (length) => crypto.getRandomValues(new Uint8Array(length));

/**
 * `hooks`, plus a W3C `traceparent` on every attempt: one trace id for the request, a new parent id
 * per attempt, sampled, so the API's and the provider's spans of every attempt land in one trace
 * (docs/tracing.md). No OpenTelemetry SDK in the browser: the header is all the servers need.
 */
export function withTraceContext(hooks: RetryAttemptHooks, randomBytes: RandomBytes = browserRandomBytes): RetryAttemptHooks {
  const traceId = hex(randomBytes(16));
  return {
    ...hooks,
    onAttempt: (event) => {
      event.setHeader('traceparent', `00-${traceId}-${hex(randomBytes(8))}-01`);
      hooks.onAttempt?.(event);
    },
  };
}

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

import type { AxiosRequestConfig } from 'axios';
import type { IAxiosRetryConfigExtended } from 'axios-retry';
import type { RetryAttemptHooks } from './retry-hooks';

declare module 'axios' {
  interface AxiosRequestConfig {
    /**
     * The `Idempotency-Key` of this logical operation, unquoted; sent as an RFC 8941 sf-string on
     * every attempt. Pass the same key again to resume an operation whose outcome was ambiguous.
     * An `Idempotency-Key` header set by the caller is used as is and takes precedence.
     * Default: none, or a fresh UUIDv4 for POST and PATCH when the client mints keys.
     */
    idempotencyKey?: string;
    /**
     * Overall deadline of this request, all attempts and waits included, in milliseconds from
     * the first attempt. Overrides the client's `deadlineMs`.
     */
    deadlineMs?: number;
    /** Observers of this request's attempts, called after the client's own. Default: none. */
    hooks?: RetryAttemptHooks;
    /**
     * axios-retry's per-request options, e.g. `{ retries: 0 }`. axios-retry declares this on the
     * axios copy it resolves itself; repeated here, with the identical type, for this library's.
     */
    'axios-retry'?: IAxiosRetryConfigExtended;
  }
}

/** The per-request options the retrying client adds to axios's request config. */
export type RetryingRequestConfig = Pick<AxiosRequestConfig, 'idempotencyKey' | 'deadlineMs' | 'hooks'>;

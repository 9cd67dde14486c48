import {
  DEFAULT_IDEMPOTENCY_KEY_TTL_SECONDS,
  DEFAULT_IDEMPOTENCY_LEASE_MS,
  DEFAULT_REPLAYED_HEADERS,
  IDEMPOTENCY_KEY_MIN_LENGTH,
  IdempotencyKeyStore,
  KeySettledSignal,
  StoredResponse,
} from '@safe-checkout/idempotency';
import type { Request } from 'express';
import { DEFAULT_MAX_PREFER_WAIT_SECONDS, DEFAULT_MAX_WAITING_DUPLICATES } from './duplicate-waiting';
import type { Registry } from 'prom-client';

/** How the idempotency layer is wired into an application. */
export interface IdempotencyModuleOptions {
  /** Where keys live (e.g. `PrismaIdempotencyKeyStore`). */
  store: IdempotencyKeyStore;
  /** Who the key belongs to (keys are scoped by user); `undefined` rejects the request as unauthenticated. */
  scopeOf: (request: Request) => string | undefined;
  /**
   * Shortest `Idempotency-Key` accepted, in characters. Default 16, this project's rule; a
   * Stripe-compatible server passes 1 (Stripe takes any key of 1–255 characters).
   */
  keyMinLength?: number;
  /** Retention of a key, in seconds. Default 86 400 (24 h). */
  ttlSeconds?: number;
  /** How long a running request holds its key, in ms. Default 30 000. */
  leaseMs?: number;
  /** Response headers stored and replayed (lower-case). Default `content-type`, `location`. */
  replayedHeaders?: readonly string[];
  /**
   * Runs the handler and the recording of its response as one unit of work: the database
   * transaction the handler's writes use. Default: no transaction (only for stores that need none).
   */
  runInTransaction?: <T>(work: () => Promise<T>) => Promise<T>;
  /**
   * Renders an error the handler threw when it is a final answer (e.g. 422
   * insufficient-stock) that must be stored and replayed like a success; `undefined` for errors
   * after which the key is freed for a retry (validation, 5xx). Default: none is final.
   */
  renderFinalAnswer?: (error: unknown) => StoredResponse | undefined;
  /**
   * Longest `Retry-After` (seconds) sent with 409 idempotency-request-in-progress. The hint is the
   * smaller of this and the time left on the holder's lease: most operations finish in
   * milliseconds, so a double-click's twin should come back soon, not when the lease would lapse.
   * Default 1.
   */
  inProgressRetryAfterSeconds?: number;
  /**
   * Wakes duplicates that wait for the first request's answer (`Prefer: wait`) when the key
   * settles, across processes (e.g. `PostgresKeySettledSignal`). Default: the store itself when it
   * is one (the in-memory store), else none. Without a signal, or while it cannot wake them (no
   * LISTEN in place), waiting duplicates poll the key: 50 ms, doubling to 500 ms, ±25 % jitter.
   */
  settledSignal?: KeySettledSignal;
  /** Longest wait granted to `Prefer: wait=N`, in seconds. Default 10. */
  maxPreferWaitSeconds?: number;
  /** Most requests of this process waiting for a first answer at once; beyond, 409 at once. Default 1000. */
  maxWaitingDuplicates?: number;
  /** `Retry-After` (seconds) sent with 503 idempotency-store-unavailable. Default 2. */
  storeUnavailableRetryAfterSeconds?: number;
  /**
   * Admission control for new work: called once a key is claimed as new (recovery point
   * `started`), before the operation runs; it may throw (e.g. a 429 problem) to refuse it, and the
   * claim is then released, so the same key may be sent again later. Replays, duplicates that
   * wait or get 409, reused keys and resumed operations never call it: they are how clients
   * recover, and must stay cheap and unlimited. Default: every new execution is admitted.
   */
  admitNewExecution?: (scope: string, request: Request) => Promise<void>;
  /** Prometheus registry for the outcome counters. Default: prom-client's global registry. */
  metricsRegistry?: Registry;
  /**
   * The request's trace context (e.g. the active span's W3C `traceparent`), asked at claim time
   * and kept with the key, so that a recovery worker's pass over it can link to the request's
   * trace; `undefined` to keep none. Default: none.
   */
  traceParentOf?: () => string | undefined;
}

/** The options with every default filled in: what the interceptor and the recovery worker read. */
export type ResolvedIdempotencyModuleOptions = IdempotencyModuleOptions &
  Required<Omit<IdempotencyModuleOptions, 'settledSignal' | 'admitNewExecution' | 'metricsRegistry' | 'traceParentOf'>> &
  Pick<IdempotencyModuleOptions, 'settledSignal' | 'admitNewExecution' | 'metricsRegistry' | 'traceParentOf'>;

/**
 * Fills in the defaults documented on {@link IdempotencyModuleOptions}: the one place they are
 * applied. `IdempotencyModule` provides the result under {@link IDEMPOTENCY_MODULE_OPTIONS}.
 */
export function withIdempotencyDefaults(options: IdempotencyModuleOptions): ResolvedIdempotencyModuleOptions {
  return {
    keyMinLength: IDEMPOTENCY_KEY_MIN_LENGTH,
    ttlSeconds: DEFAULT_IDEMPOTENCY_KEY_TTL_SECONDS,
    leaseMs: DEFAULT_IDEMPOTENCY_LEASE_MS,
    replayedHeaders: DEFAULT_REPLAYED_HEADERS,
    runInTransaction: (work) => work(),
    renderFinalAnswer: () => undefined,
    inProgressRetryAfterSeconds: 1,
    maxPreferWaitSeconds: DEFAULT_MAX_PREFER_WAIT_SECONDS,
    maxWaitingDuplicates: DEFAULT_MAX_WAITING_DUPLICATES,
    storeUnavailableRetryAfterSeconds: 2,
    ...definedOnly(options),
    settledSignal: options.settledSignal ?? asSettledSignal(options.store),
  };
}

/** Injection token of the {@link ResolvedIdempotencyModuleOptions}. */
export const IDEMPOTENCY_MODULE_OPTIONS = Symbol('IDEMPOTENCY_MODULE_OPTIONS');

// An option passed as `undefined` takes its default, as if left out.
function definedOnly(options: IdempotencyModuleOptions): IdempotencyModuleOptions {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as unknown as IdempotencyModuleOptions;
}

function asSettledSignal(store: IdempotencyKeyStore): KeySettledSignal | undefined {
  return typeof (store as Partial<KeySettledSignal>).waitUntilSettled === 'function' ? (store as unknown as KeySettledSignal) : undefined;
}

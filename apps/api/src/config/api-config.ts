import { DEFAULT_HOST } from '@safe-checkout/listen-address';
import { MIN_PRODUCTION_JWT_SECRET_BYTES, weakJwtSecretReason } from '../security/jwt-secret-strength';
import { readCorsOrigins } from './cors-origins';

/** The API's configuration, read once from the environment at start-up. */
export interface ApiConfig {
  /** TCP port. `PORT`, default 3333 (http-contract.md). */
  port: number;
  /**
   * Interface to listen on. `HOST`, default `127.0.0.1` (loopback only: the demo's secrets are
   * public, docs/security.md). A container sets `HOST=0.0.0.0` (apps/api/Dockerfile).
   */
  host: string;
  /** `DATABASE_URL`: required; `npm start` sets it to the embedded database when unset. */
  databaseUrl: string;
  /** `DATABASE_POOL_SIZE`, default 10 connections. */
  databasePoolSize: number;
  /**
   * `JWT_SECRET`: signs access tokens. Required in production (not the development value, and
   * strong by {@link weakJwtSecretReason}: at least {@link MIN_PRODUCTION_JWT_SECRET_BYTES} bytes,
   * not whitespace, not a short pattern); outside production
   * an unset or empty one falls back to the public development secret.
   */
  jwtSecret: string;
  /**
   * Whether {@link jwtSecret} is the development secret, which is public (it is in the source):
   * anyone can forge tokens. Never true in production; main.ts warns at start when it is.
   */
  usesDevelopmentJwtSecret: boolean;
  /** `JWT_TTL_SECONDS`: lifetime of the tokens the API signs, default 3600; at most {@link jwtMaxLifetimeSeconds}. */
  jwtTtlSeconds: number;
  /** `JWT_MAX_LIFETIME_SECONDS`: the longest `exp - iat` a token may have to be accepted, default 86 400 (24 h). */
  jwtMaxLifetimeSeconds: number;
  /** `IDEMPOTENCY_KEY_TTL_SECONDS`: retention of keys, default 86 400 (24 h). */
  idempotencyKeyTtlSeconds: number;
  /** `IDEMPOTENCY_LEASE_MS`: how long a running request holds its key, default 30 000. */
  idempotencyLeaseMs: number;
  /**
   * `IDEMPOTENCY_WAIT_NOTIFICATIONS`, `on` (default) or `off`: whether duplicates that wait
   * (`Prefer: wait`) are woken by PostgreSQL LISTEN/NOTIFY. `off` for engines without it
   * (CockroachDB, YugabyteDB): they poll the key instead, as they do whenever LISTEN fails (docs/scale.md).
   */
  idempotencyWaitNotifications: boolean;
  /**
   * `CORS_ORIGINS`: comma-separated browser origins allowed to call the API; default the
   * storefront's, derived from `STOREFRONT_PORT` (default 4200) and `HOST` (see {@link readCorsOrigins}).
   */
  corsOrigins: string[];
  /** `LOG_LEVEL`, default `info` (`silent` in tests). */
  logLevel: string;
  /**
   * `PAYMENT_PROVIDER_URL`: where charges go, in Stripe's PaymentIntents wire format (payments.md
   * §4). Default the sandbox, `http://127.0.0.1:3340`; a chaos proxy in front of it, or
   * `https://api.stripe.com` with a test-mode key.
   */
  paymentProviderUrl: string;
  /** `PAYMENT_PROVIDER_SECRET_KEY`, default the sandbox's public `sk_test_safe_checkout_sandbox`. */
  paymentProviderSecretKey: string;
  /**
   * `PAYMENT_WEBHOOK_SECRET`: the secret(s) the provider signs webhook deliveries with (`whsec_…`),
   * comma-separated while a rotation makes two valid (payments.md §5). `npm start` registers the
   * shop's endpoint with the sandbox and passes the secret it answers; for Stripe, the endpoint's
   * signing secret from the dashboard. None: `POST /webhooks/payments` refuses every delivery (503).
   */
  paymentWebhookSecrets: string[];
  /** `CHECKOUT_RECOVERY_AFTER_SECONDS`: how soon after a lapsed lease the recovery worker resumes a checkout, default 60. */
  checkoutRecoveryAfterSeconds: number;
  /** `CHECKOUT_RECOVERY_CONCURRENCY`: stalled checkouts each process's recovery worker charges at once, default 8 (payments.md §2 "Recovery"). */
  checkoutRecoveryConcurrency: number;
  /** Login attempts per account (normalised email) and window, successful or not: see {@link LoginLimits} (docs/capacity.md). */
  loginLimits: LoginLimits;
  /** `WRITES_PER_USER` per `WRITES_PER_USER_WINDOW_SECONDS`: new work (first executions of POST /orders, PUT /users/:id) per user; defaults 50 per 10 s. */
  writesPerUser: RateLimit;
  /**
   * `READS_PER_USER` per `READS_PER_USER_WINDOW_SECONDS`, defaults 60 per 10 s: authenticated reads
   * (GET, HEAD) per user, counted by each API process in its own memory (docs/capacity.md).
   */
  readsPerUser: RateLimit;
  /**
   * `LOGIN_HASH_CONCURRENCY`, default 1: password verifications (argon2, ~16 ms of one core each)
   * running at once in this process; `LOGIN_HASH_QUEUE`, default 32: logins waiting for a slot,
   * beyond which a login is answered 429 at once.
   */
  loginHashing: { concurrency: number; queue: number };
  /**
   * `TRUSTED_PROXIES`: comma-separated addresses or CIDRs of the proxies in front of the API whose
   * `X-Forwarded-For` is believed (right-most untrusted hop); default none: the socket's address.
   */
  trustedProxies: string[];
}

/** At most `limit` hits per fixed window of `windowSeconds` (where they are counted: see each limit). */
export interface RateLimit {
  limit: number;
  windowSeconds: number;
}

/** Login admission: both limits apply to every attempt. */
export interface LoginLimits {
  /** `LOGIN_ATTEMPTS_PER_ACCOUNT` per `LOGIN_ACCOUNT_WINDOW_SECONDS`, defaults 10 per 900 s (15 min). */
  perAccount: RateLimit;
  /** `LOGIN_ATTEMPTS_PER_ADDRESS` per `LOGIN_ADDRESS_WINDOW_SECONDS`, defaults 100 per 60 s. */
  perAddress: RateLimit;
}

/** The sandbox's development secret key (payments.md §1): public, like the demo passwords. */
export const SANDBOX_SECRET_KEY = 'sk_test_safe_checkout_sandbox';

export const API_CONFIG = Symbol('API_CONFIG');

const DEV_JWT_SECRET = 'safe-checkout-development-secret-do-not-use-in-production';

/** Logged at warn level when the API starts with {@link ApiConfig.usesDevelopmentJwtSecret}. */
export const DEVELOPMENT_JWT_SECRET_WARNING =
  'JWT_SECRET is not set: signing tokens with the PUBLIC development secret; anyone can forge tokens and act as any user. ' +
  `Set JWT_SECRET to a random value of at least ${MIN_PRODUCTION_JWT_SECRET_BYTES} bytes (e.g. \`openssl rand -base64 48\`) for anything but a local demo; ` +
  'with NODE_ENV=production the API refuses to start without one.';

/** Reads and validates the environment; throws one error listing every bad variable. */
export function readApiConfig(env: NodeJS.ProcessEnv = process.env): ApiConfig {
  const errors: string[] = [];
  const int = (name: string, fallback: number, min: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min) errors.push(`${name} must be an integer ≥ ${min} (got "${raw}")`);
    return value;
  };
  const onOrOff = (name: string, fallback: boolean): boolean => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    if (raw !== 'on' && raw !== 'off') errors.push(`${name} must be "on" or "off" (got "${raw}")`);
    return raw === 'on';
  };
  const production = env.NODE_ENV === 'production';
  // Empty counts as unset: docker-compose.yml passes `JWT_SECRET: ${JWT_SECRET:-}` through.
  const jwtSecret = env.JWT_SECRET || (production ? '' : DEV_JWT_SECRET);
  const config: ApiConfig = {
    port: int('PORT', 3333, 0),
    host: env.HOST || DEFAULT_HOST,
    databaseUrl: env.DATABASE_URL ?? '',
    databasePoolSize: int('DATABASE_POOL_SIZE', 10, 1),
    jwtSecret,
    usesDevelopmentJwtSecret: jwtSecret === DEV_JWT_SECRET,
    jwtTtlSeconds: int('JWT_TTL_SECONDS', 3600, 1),
    jwtMaxLifetimeSeconds: int('JWT_MAX_LIFETIME_SECONDS', 86_400, 1),
    idempotencyKeyTtlSeconds: int('IDEMPOTENCY_KEY_TTL_SECONDS', 86_400, 1),
    idempotencyLeaseMs: int('IDEMPOTENCY_LEASE_MS', 30_000, 100),
    idempotencyWaitNotifications: onOrOff('IDEMPOTENCY_WAIT_NOTIFICATIONS', true),
    corsOrigins: readCorsOrigins(env, errors),
    logLevel: env.LOG_LEVEL ?? 'info',
    paymentProviderUrl: env.PAYMENT_PROVIDER_URL || 'http://127.0.0.1:3340',
    paymentProviderSecretKey: env.PAYMENT_PROVIDER_SECRET_KEY || SANDBOX_SECRET_KEY,
    paymentWebhookSecrets: commaSeparated(env.PAYMENT_WEBHOOK_SECRET),
    checkoutRecoveryAfterSeconds: int('CHECKOUT_RECOVERY_AFTER_SECONDS', 60, 0),
    checkoutRecoveryConcurrency: int('CHECKOUT_RECOVERY_CONCURRENCY', 8, 1),
    loginLimits: {
      perAccount: { limit: int('LOGIN_ATTEMPTS_PER_ACCOUNT', 10, 1), windowSeconds: int('LOGIN_ACCOUNT_WINDOW_SECONDS', 900, 1) },
      perAddress: { limit: int('LOGIN_ATTEMPTS_PER_ADDRESS', 100, 1), windowSeconds: int('LOGIN_ADDRESS_WINDOW_SECONDS', 60, 1) },
    },
    writesPerUser: { limit: int('WRITES_PER_USER', 50, 1), windowSeconds: int('WRITES_PER_USER_WINDOW_SECONDS', 10, 1) },
    readsPerUser: { limit: int('READS_PER_USER', 60, 1), windowSeconds: int('READS_PER_USER_WINDOW_SECONDS', 10, 1) },
    loginHashing: { concurrency: int('LOGIN_HASH_CONCURRENCY', 1, 1), queue: int('LOGIN_HASH_QUEUE', 32, 0) },
    trustedProxies: commaSeparated(env.TRUSTED_PROXIES),
  };
  if (!config.databaseUrl) errors.push('DATABASE_URL is required (npm start sets it for the embedded database)');
  // Otherwise the API would sign tokens that its own guard refuses.
  if (config.jwtTtlSeconds > config.jwtMaxLifetimeSeconds) {
    errors.push(`JWT_TTL_SECONDS (${config.jwtTtlSeconds}) must not exceed JWT_MAX_LIFETIME_SECONDS (${config.jwtMaxLifetimeSeconds})`);
  }
  if (production) errors.push(...productionJwtSecretErrors(config.jwtSecret));
  if (errors.length) throw new Error(`Invalid configuration:\n- ${errors.join('\n- ')}`);
  return config;
}

function commaSeparated(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

// The development secret is in the source, so production refuses it like a missing one.
function productionJwtSecretErrors(secret: string): string[] {
  if (!secret) return ['JWT_SECRET is required when NODE_ENV=production'];
  if (secret === DEV_JWT_SECRET) return ['JWT_SECRET must not be the public development secret when NODE_ENV=production'];
  const weakness = weakJwtSecretReason(secret);
  return weakness ? [`JWT_SECRET ${weakness} when NODE_ENV=production`] : [];
}

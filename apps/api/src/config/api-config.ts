/** The API's configuration, read once from the environment at start-up. */
export interface ApiConfig {
  /** TCP port. `PORT`, default 3333 (http-contract.md). */
  port: number;
  /** Interface to listen on. `HOST`, default all interfaces (a container needs that); tests use 127.0.0.1. */
  host: string | undefined;
  /** `DATABASE_URL`: required; `npm start` sets it to the embedded database when unset. */
  databaseUrl: string;
  /** `DATABASE_POOL_SIZE`, default 10 connections. */
  databasePoolSize: number;
  /** `JWT_SECRET`: signs access tokens. A fixed development value outside production. */
  jwtSecret: string;
  /** `JWT_TTL_SECONDS`, default 3600. */
  jwtTtlSeconds: number;
  /** `IDEMPOTENCY_KEY_TTL_SECONDS`: retention of keys, default 86 400 (24 h). */
  idempotencyKeyTtlSeconds: number;
  /** `IDEMPOTENCY_LEASE_MS`: how long a running request holds its key, default 30 000. */
  idempotencyLeaseMs: number;
  /** `CORS_ORIGINS`: comma-separated browser origins allowed to call the API; default the storefront's (port 4200). */
  corsOrigins: string[];
  /** `LOG_LEVEL`, default `info` (`silent` in tests). */
  logLevel: string;
}

export const API_CONFIG = Symbol('API_CONFIG');

const DEV_JWT_SECRET = 'safe-checkout-development-secret-do-not-use-in-production';

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
  const production = env.NODE_ENV === 'production';
  const config: ApiConfig = {
    port: int('PORT', 3333, 0),
    host: env.HOST || undefined,
    databaseUrl: env.DATABASE_URL ?? '',
    databasePoolSize: int('DATABASE_POOL_SIZE', 10, 1),
    jwtSecret: env.JWT_SECRET ?? (production ? '' : DEV_JWT_SECRET),
    jwtTtlSeconds: int('JWT_TTL_SECONDS', 3600, 1),
    idempotencyKeyTtlSeconds: int('IDEMPOTENCY_KEY_TTL_SECONDS', 86_400, 1),
    idempotencyLeaseMs: int('IDEMPOTENCY_LEASE_MS', 30_000, 100),
    corsOrigins: (env.CORS_ORIGINS ?? 'http://localhost:4200,http://127.0.0.1:4200').split(',').map((o) => o.trim()).filter(Boolean),
    logLevel: env.LOG_LEVEL ?? 'info',
  };
  if (!config.databaseUrl) errors.push('DATABASE_URL is required (npm start sets it for the embedded database)');
  if (!config.jwtSecret) errors.push('JWT_SECRET is required when NODE_ENV=production');
  if (errors.length) throw new Error(`Invalid configuration:\n- ${errors.join('\n- ')}`);
  return config;
}

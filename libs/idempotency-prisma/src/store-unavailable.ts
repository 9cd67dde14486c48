import { IdempotencyStoreUnavailableError } from '@safe-checkout/idempotency';

// Prisma's codes for "cannot reach / lost / timed out waiting for the database", and the
// driver-level messages node-postgres gives for the same situations through the pg adapter.
const UNAVAILABLE_CODES = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024']);
const UNAVAILABLE_MESSAGE =
  /ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|Connection terminated|connection timeout|timeout exceeded when trying to connect|DatabaseNotReachable|the database system is (starting up|shutting down|in recovery mode)|terminating connection|Can't reach database server/i;

/** Whether `error` means the database could not be used at all (as opposed to a bug or a constraint). */
export function isStoreUnavailable(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code;
  if (typeof code === 'string' && UNAVAILABLE_CODES.has(code)) return true;
  const cause = (error as { cause?: unknown })?.cause;
  return UNAVAILABLE_MESSAGE.test(`${(error as Error)?.message ?? ''} ${(cause as Error)?.message ?? ''}`);
}

/** Runs a store operation; a database outage becomes `IdempotencyStoreUnavailableError` (the API's 503). */
export async function whenStoreUnavailable<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    if (isStoreUnavailable(error)) throw new IdempotencyStoreUnavailableError(undefined, { cause: error });
    throw error;
  }
}

import { IdempotencyStoreUnavailableError } from '@safe-checkout/idempotency';
import { transientDatabaseFailureOf } from './transient-database-failure';

/**
 * Whether `error` means the database could not be used for now (unreachable, a lost connection, no
 * connection or transaction in time, too many connections) as opposed to a bug or a constraint:
 * see {@link transientDatabaseFailureOf}. A write conflict is not among them: the claim settles
 * those itself by re-reading.
 */
export function isStoreUnavailable(error: unknown): boolean {
  const failure = transientDatabaseFailureOf(error);
  return failure !== undefined && failure !== 'write_conflict';
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

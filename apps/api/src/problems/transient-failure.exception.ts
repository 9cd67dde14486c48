import type { TransientDatabaseFailure } from '@safe-checkout/db';
import { ProblemException } from './problem.exception';

interface TransientFailureAnswer {
  detail: string;
  /** The `Retry-After` hint, in seconds. */
  retryAfterSeconds: number;
}

// Overload gets the longer hint: clients that all retry after one second re-create the queue that
// timed them out. A lost connection is replaced by the pool at once, and a deadlock victim
// usually succeeds when run again, so those may come back sooner. An unreachable database gets
// the idempotency store's hint (2 s), so that both answers of an outage agree.
// The details say what happened, not what was undone: in a phased operation (POST /orders) the
// failure may come after an earlier phase committed, and the same Idempotency-Key resumes there.
const ANSWERS: Record<TransientDatabaseFailure, TransientFailureAnswer> = {
  transaction_start_timeout: { detail: 'Every database connection is busy: the request could not start its transaction in time.', retryAfterSeconds: 2 },
  pool_timeout: { detail: 'Every database connection is busy: the request waited too long for one.', retryAfterSeconds: 2 },
  too_many_connections: { detail: 'The database refuses new connections right now.', retryAfterSeconds: 2 },
  write_conflict: { detail: 'The database aborted the transaction of the request to resolve a conflict with a concurrent one.', retryAfterSeconds: 1 },
  connection_lost: { detail: 'The connection to the database was lost during the request.', retryAfterSeconds: 1 },
  database_unreachable: { detail: 'The database is unreachable.', retryAfterSeconds: 2 },
  statement_timeout: {
    detail: "The database took too long to answer: the request's statement ran past its time limit and was cancelled.",
    retryAfterSeconds: 2,
  },
};

/** The answer when the database fails in a way that a later retry can cure: 503 with `Retry-After`. */
export class TransientFailureException extends ProblemException {
  constructor(readonly reason: TransientDatabaseFailure) {
    const { detail, retryAfterSeconds } = ANSWERS[reason];
    super('service-unavailable', detail, {}, { 'Retry-After': String(retryAfterSeconds) });
  }
}

/** `Retry-After` for a 503 whose cause is not known here (e.g. the health check's). */
export const SERVICE_UNAVAILABLE_RETRY_AFTER_SECONDS = ANSWERS.database_unreachable.retryAfterSeconds;

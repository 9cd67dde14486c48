/**
 * Why a database operation failed in a way that trying again later can cure:
 * - `transaction_start_timeout`: every pooled connection stayed busy for the transaction's
 *   `maxWait` (Prisma P2028 "Unable to start a transaction in the given time");
 * - `pool_timeout`: a query outside a transaction waited for a pooled connection longer than the
 *   pool's connection timeout (node-postgres "timeout exceeded when trying to connect"; P2024);
 * - `too_many_connections`: the server refused a new connection (SQLSTATE 53300, P2037);
 * - `write_conflict`: the server aborted the transaction to break a deadlock or a serialization
 *   conflict (40P01, 40001, P2034);
 * - `connection_lost`: the server ended the session mid-request (`pg_terminate_backend`, a
 *   restart: 57P01, 57P02, class 08, P1017, "Connection terminated unexpectedly");
 * - `database_unreachable`: no connection could be opened at all (P1001, ECONNREFUSED, 57P03);
 * - `statement_timeout`: the server cancelled a statement that ran past `statement_timeout`
 *   (57014); set it below the interactive transaction timeout so that a stuck transaction rolls back whole.
 *
 * In every case the transaction did not commit, with one exception that callers must settle by
 * other means: a connection lost while COMMIT was in flight leaves the outcome unknown.
 */
export type TransientDatabaseFailure =
  'transaction_start_timeout' | 'pool_timeout' | 'too_many_connections' | 'write_conflict' | 'connection_lost' | 'database_unreachable' | 'statement_timeout';

/** Every {@link TransientDatabaseFailure}, e.g. to initialise metric labels. */
export const TRANSIENT_DATABASE_FAILURES: readonly TransientDatabaseFailure[] = [
  'transaction_start_timeout',
  'pool_timeout',
  'too_many_connections',
  'write_conflict',
  'connection_lost',
  'database_unreachable',
  'statement_timeout',
];

// Prisma error codes, SQLSTATEs and Node socket codes. They cannot collide: Prisma's are P1xxx-P6xxx,
// PostgreSQL's own P-class is P0xxx.
const BY_CODE: Readonly<Record<string, TransientDatabaseFailure>> = {
  P1001: 'database_unreachable',
  P1002: 'database_unreachable',
  P1008: 'database_unreachable',
  P1017: 'connection_lost',
  P2024: 'pool_timeout',
  P2034: 'write_conflict',
  P2037: 'too_many_connections',
  '53300': 'too_many_connections',
  '40001': 'write_conflict',
  '40P01': 'write_conflict',
  '57P01': 'connection_lost', // admin_shutdown: pg_terminate_backend, a fast shutdown
  '57P02': 'connection_lost', // crash_shutdown
  '57P05': 'connection_lost', // idle_session_timeout
  '25P03': 'connection_lost', // idle_in_transaction_session_timeout
  '57P03': 'database_unreachable', // cannot_connect_now: starting up, shutting down, recovering
  '57014': 'statement_timeout', // query_canceled: statement_timeout
  '08001': 'database_unreachable',
  '08004': 'database_unreachable',
  ECONNREFUSED: 'database_unreachable',
  ENOTFOUND: 'database_unreachable',
  EHOSTUNREACH: 'database_unreachable',
  ETIMEDOUT: 'database_unreachable',
  ECONNRESET: 'connection_lost',
  EPIPE: 'connection_lost',
};

// The error kinds @prisma/adapter-pg gives when it recognises a driver error.
const BY_ADAPTER_KIND: Readonly<Record<string, TransientDatabaseFailure>> = {
  DatabaseNotReachable: 'database_unreachable',
  SocketTimeout: 'database_unreachable',
  ConnectionClosed: 'connection_lost',
  TooManyConnections: 'too_many_connections',
  TransactionWriteConflict: 'write_conflict',
};

// node-postgres and pg-pool raise these as plain Errors without a code, and the adapter passes
// them through unconverted; first match wins, so the specific ones come first.
const BY_MESSAGE: readonly [RegExp, TransientDatabaseFailure][] = [
  [/timeout exceeded when trying to connect/i, 'pool_timeout'],
  [/Connection terminated due to connection timeout|timeout expired|Can't reach database server/i, 'database_unreachable'],
  [/the database system is (starting up|shutting down|in recovery mode|not yet accepting connections)/i, 'database_unreachable'],
  [/too many clients already|too many connections/i, 'too_many_connections'],
  [/Connection terminated|not queryable|terminating connection due to|Server has closed the connection/i, 'connection_lost'],
];

const TRANSACTION_START_TIMEOUT = /Unable to start a transaction in the given time/;
// 08xxx is "connection exception"; the two that mean "never connected" are listed in BY_CODE.
const CONNECTION_EXCEPTION = /^08[0-9A-Z]{3}$/;

/**
 * The {@link TransientDatabaseFailure} behind `error` (a Prisma error, a driver adapter error, a
 * node-postgres error, or anything wrapping one as `cause`), or `undefined` when it is anything
 * else: a constraint, a bug, an expired transaction.
 */
export function transientDatabaseFailureOf(error: unknown): TransientDatabaseFailure | undefined {
  const chain = causesOf(error);
  return chain.map(byCodeOrKind).find(Boolean) ?? chain.map(byMessage).find(Boolean);
}

function byCodeOrKind(error: ErrorLike): TransientDatabaseFailure | undefined {
  if (error.code === 'P2028') return TRANSACTION_START_TIMEOUT.test(String(error.message)) ? 'transaction_start_timeout' : undefined;
  for (const code of [error.code, error.originalCode]) {
    if (typeof code !== 'string') continue;
    if (code in BY_CODE) return BY_CODE[code];
    if (CONNECTION_EXCEPTION.test(code)) return 'connection_lost';
  }
  return typeof error.kind === 'string' ? BY_ADAPTER_KIND[error.kind] : undefined;
}

function byMessage(error: ErrorLike): TransientDatabaseFailure | undefined {
  const message = typeof error.message === 'string' ? error.message : '';
  return BY_MESSAGE.find(([pattern]) => pattern.test(message))?.[1];
}

interface ErrorLike {
  code?: unknown;
  originalCode?: unknown;
  kind?: unknown;
  message?: unknown;
  cause?: unknown;
  meta?: { driverAdapterError?: unknown };
}

// Prisma keeps the adapter's error in `meta.driverAdapterError`, whose `cause` holds the SQLSTATE
// (`originalCode`); plain errors chain through `cause`. Bounded: a cause chain can be circular.
function causesOf(error: unknown): ErrorLike[] {
  const found: ErrorLike[] = [];
  const queue: unknown[] = [error];
  while (queue.length && found.length < 8) {
    const next = queue.shift();
    if (typeof next !== 'object' || next === null || found.includes(next as ErrorLike)) continue;
    const candidate = next as ErrorLike;
    found.push(candidate);
    queue.push(candidate.meta?.driverAdapterError, candidate.cause);
  }
  return found;
}

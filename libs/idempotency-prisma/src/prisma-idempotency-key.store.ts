import {
  ClaimRequest,
  ClaimResult,
  claimKey,
  FINISHED,
  IdempotencyKeyStore,
  IdempotencyRecord,
  Lease,
  LeaseLostError,
  PurgeTurn,
  RecoveryPoint,
  releasedRecord,
  RETENTION_APPLIES_AT,
  StalledClaim,
  StalledClaimRequest,
  STARTED,
  StoredResponse,
} from '@safe-checkout/idempotency';
import { insertOrRead, ReadRow, recordOfRow, Row } from './insert-or-read.statement';
import {
  ADVANCE,
  CLAIM_STALLED,
  COMPLETE,
  DELETE_HELD,
  EARLIEST_LEASE_EXPIRY,
  LAPSE_HELD,
  PURGE_EXPIRED,
  PURGE_EXPIRED_IN_TURN,
  READ_HELD,
  TAKE_OVER,
} from './store-sql';
import { IdempotencyKeyClient, runStatement, SqlConnection } from './store-statement';
import { whenStoreUnavailable } from './store-unavailable';

/** Options for {@link PrismaIdempotencyKeyStore}. */
export interface PrismaIdempotencyKeyStoreOptions {
  /**
   * The client `complete` and `advance` write through: the operation's open transaction, so that
   * the stored response commits or rolls back with the operation's own writes. Default: the
   * store's client.
   */
  currentClient?: () => IdempotencyKeyClient;
  /**
   * A node-postgres pool on the same database (e.g. the one under `@prisma/adapter-pg`): claims run
   * on it directly, without Prisma's per-statement cost. Default: claims go through the store's client.
   */
  pool?: SqlConnection;
  /**
   * The node-postgres connection of the operation's open transaction, or undefined outside one:
   * `complete` and `advance` then run on it directly, still inside that transaction. When it gives
   * nothing they go through `currentClient`.
   */
  currentConnection?: () => SqlConnection | undefined;
}

/**
 * `IdempotencyKeyStore` on PostgreSQL (table `idempotency_keys`, sql/idempotency-keys.sql), through
 * the application's own Prisma client or a node-postgres pool: it only sends SQL, so it needs no
 * generated model of its own.
 */
export class PrismaIdempotencyKeyStore implements IdempotencyKeyStore {
  private readonly currentClient: () => IdempotencyKeyClient;
  private readonly claimClient: IdempotencyKeyClient;
  private readonly currentConnection: () => SqlConnection | undefined;

  constructor(
    private readonly client: IdempotencyKeyClient,
    options: PrismaIdempotencyKeyStoreOptions = {},
  ) {
    this.currentClient = options.currentClient ?? (() => client);
    this.claimClient = options.pool ?? client;
    this.currentConnection = options.currentConnection ?? (() => undefined);
  }

  claim(request: ClaimRequest): Promise<ClaimResult> {
    return whenStoreUnavailable(() =>
      claimKey<ReadRow>(request, request.now ?? new Date(), {
        insertOrRead: (fresh) => insertOrRead(this.claimClient, fresh),
        replace: (read, fresh) => this.takeOver(read, fresh),
      }),
    );
  }

  async complete(lease: Lease, response: StoredResponse): Promise<void> {
    // Fencing: only the holder of the current token may complete, so a holder whose lease was
    // taken over cannot commit a second execution. Raw SQL: this runs on every request's hot path.
    const stored = [FINISHED, response.status, JSON.stringify(response.headers), response.body, new Date()];
    await this.updateHeldKey(lease, COMPLETE, stored);
  }

  async advance(lease: Lease, recoveryPoint: RecoveryPoint, recoveryState: unknown): Promise<void> {
    // Fenced like complete, and written through the phase's own transaction.
    await this.updateHeldKey(lease, ADVANCE, [recoveryPoint, JSON.stringify(recoveryState ?? null)]);
  }

  // In the operation's transaction: on its own connection when the wiring gives it, else through
  // the transaction's client; the stored response commits or rolls back with the operation.
  private async updateHeldKey(lease: Lease, statement: string, values: unknown[]): Promise<void> {
    const client = this.currentConnection() ?? this.currentClient();
    const updated = await whenStoreUnavailable(() => runStatement(client, statement, [...heldBy(lease), ...values]));
    if (updated.length !== 1) throw new LeaseLostError(lease.scope, lease.key);
  }

  // Read, then compare-and-set on the recovery point read: what a release leaves is the core's
  // rule (`releasedRecord`), and only the holder moves a held key, so the two cannot interleave
  // with another writer's change.
  async release(lease: Lease, now: Date = new Date()): Promise<void> {
    await whenStoreUnavailable(async () => {
      const [held] = await runStatement<HeldRow>(this.client, READ_HELD, heldBy(lease));
      if (held === undefined) return;
      const released = releasedRecord(recordOfRow(lease, held), now);
      const readAs = [...heldBy(lease), held.recovery_point];
      if (released) await runStatement(this.client, LAPSE_HELD, [...readAs, released.leaseExpiresAt]);
      else await runStatement(this.client, DELETE_HELD, readAs);
    });
  }

  claimStalled({ recoveryPoints, lapsedForMs, leaseMs, limit, now }: StalledClaimRequest): Promise<StalledClaim[]> {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError('limit must be a positive integer');
    const lapsedBefore = new Date(now.getTime() - lapsedForMs);
    const leaseExpiresAt = new Date(now.getTime() + leaseMs);
    return whenStoreUnavailable(async () => {
      const values = [STARTED, [...recoveryPoints], lapsedBefore, leaseExpiresAt, limit];
      const rows = await runStatement<StalledRow>(this.client, CLAIM_STALLED, values);
      return rows.map((row) => ({
        lease: { scope: row.scope, key: row.key, leaseToken: row.lease_token, leaseExpiresAt },
        resume: { recoveryPoint: row.recovery_point, recoveryState: row.recovery_state ?? null },
        ...(row.trace_parent === null ? {} : { traceParent: row.trace_parent }),
      }));
    });
  }

  earliestLeaseExpiry(recoveryPoints: readonly RecoveryPoint[]): Promise<Date | undefined> {
    return whenStoreUnavailable(async () => {
      const [row] = await runStatement<{ earliest: Date | null }>(this.client, EARLIEST_LEASE_EXPIRY, [STARTED, [...recoveryPoints]]);
      return row?.earliest ?? undefined;
    });
  }

  purgeExpired(now: Date, batchSize: number, turn?: PurgeTurn): Promise<number | undefined> {
    if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError('batchSize must be a positive integer');
    const expired = [now, [...RETENTION_APPLIES_AT], batchSize];
    return whenStoreUnavailable(async () => {
      if (!turn) return (await runStatement<{ purged: number }>(this.client, PURGE_EXPIRED, expired))[0].purged;
      const [row] = await runStatement<{ purged: number | null }>(this.client, PURGE_EXPIRED_IN_TURN, [...expired, turn.purgerId, turn.turnMs]);
      return row.purged ?? undefined;
    });
  }

  // Compare-and-set: of several requests taking over one lapsed lease, exactly one wins; the
  // others re-read and find it running (409) or completed (replay). The condition repeats why the
  // take-over was decided, not just the token: `complete` keeps the token, so a holder that
  // completed after we read the row would otherwise be overwritten and its operation run twice.
  // PostgreSQL re-checks it against the latest committed row version.
  // The recovery point is part of the condition for the same reason: `advance` keeps the token too,
  // and a take-over decided on "started" that lands after the holder committed its first phase
  // would reset the key and run that phase again: a second order, a second charge, and the first
  // order orphaned.
  private async takeOver({ rowId, record: read }: ReadRow, claim: IdempotencyRecord): Promise<boolean> {
    const readAs = [rowId, read.leaseToken, read.recoveryPoint, claim.createdAt];
    const claimed = [claim.fingerprint, claim.state, claim.leaseToken, claim.leaseExpiresAt, claim.recoveryPoint];
    const reset = [claim.recoveryState === null ? null : JSON.stringify(claim.recoveryState), claim.createdAt, claim.expiresAt, claim.traceParent ?? null];
    const updated = await runStatement(this.client, TAKE_OVER, [...readAs, ...claimed, ...reset]);
    return updated.length === 1;
  }
}

/** The holder a fenced statement names: scope, key, lease token, and the state a held key is in. */
function heldBy(lease: Lease): unknown[] {
  return [lease.scope, lease.key, lease.leaseToken, 'running'];
}

type HeldRow = Omit<Row, 'inserted'>;

interface StalledRow {
  scope: string;
  key: string;
  lease_token: string;
  recovery_point: string;
  recovery_state: unknown;
  trace_parent: string | null;
}

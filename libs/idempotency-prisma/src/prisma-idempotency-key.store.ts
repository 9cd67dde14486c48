import { Prisma } from '@safe-checkout/db';
import type { PrismaClient, SqlConnection } from '@safe-checkout/db';
import {
  ClaimRequest,
  ClaimResult,
  decideOnExistingRecord,
  FINISHED,
  FROM_THE_START,
  IdempotencyKeyStore,
  IdempotencyRecord,
  Lease,
  LeaseLostError,
  leaseOfRecord,
  newClaimRecord,
  RecoveryPoint,
  ResumePoint,
  StalledClaim,
  StalledClaimRequest,
  STARTED,
  StoredResponse,
} from '@safe-checkout/idempotency';
import { insertOrRead } from './insert-or-read.statement';
import { runStatement, StatementRunner } from './store-statement';
import { whenStoreUnavailable } from './store-unavailable';

/** The subset of a Prisma client (or interactive-transaction client) the store uses. */
export type IdempotencyKeyClient = Pick<PrismaClient, 'idempotencyKey' | '$executeRaw' | '$queryRaw' | '$queryRawUnsafe'>;

/** Options for {@link PrismaIdempotencyKeyStore}. */
export interface PrismaIdempotencyKeyStoreOptions {
  /**
   * The client `complete` writes through: the operation's open transaction, so that the stored
   * response commits or rolls back with the operation's own writes. Default: the base client.
   */
  currentClient?: () => IdempotencyKeyClient;
  /**
   * The node-postgres pool under the Prisma client (libs/db `connectionPoolOf`): claims run on it
   * directly, without Prisma's per-statement cost. Default: claims go through Prisma.
   */
  pool?: SqlConnection;
  /**
   * The connection of the operation's open transaction (libs/db `transactionConnection`), or
   * undefined outside one: `complete` and `advance` then run on it directly, still inside that
   * transaction. When it gives nothing they go through `currentClient`.
   */
  currentConnection?: () => SqlConnection | undefined;
}

const COMPLETE = `
  UPDATE idempotency_keys
  SET state = 'completed', recovery_point = $5, recovery_state = NULL, response_status = $6::int,
      response_headers = $7::jsonb, response_body = $8, completed_at = $9::timestamptz
  WHERE scope = $1 AND key = $2 AND lease_token = $3::uuid AND state = $4
  RETURNING id`;

const ADVANCE = `
  UPDATE idempotency_keys SET recovery_point = $5, recovery_state = $6::jsonb
  WHERE scope = $1 AND key = $2 AND lease_token = $3::uuid AND state = $4
  RETURNING id`;

// A claim loses a race only to a concurrent delete, completion or take-over; a few rounds settle it.
const MAX_CLAIM_ROUNDS = 5;

/** `IdempotencyKeyStore` on PostgreSQL through Prisma (table `idempotency_keys`). */
export class PrismaIdempotencyKeyStore implements IdempotencyKeyStore {
  private readonly currentClient: () => IdempotencyKeyClient;
  private readonly claimRunner: StatementRunner;
  private readonly currentConnection: () => SqlConnection | undefined;

  constructor(
    private readonly prisma: IdempotencyKeyClient,
    options: PrismaIdempotencyKeyStoreOptions = {},
  ) {
    this.currentClient = options.currentClient ?? (() => prisma);
    this.claimRunner = options.pool ?? prisma;
    this.currentConnection = options.currentConnection ?? (() => undefined);
  }

  claim(request: ClaimRequest): Promise<ClaimResult> {
    return whenStoreUnavailable(async () => {
      const now = request.now ?? new Date();
      for (let round = 0; round < MAX_CLAIM_ROUNDS; round++) {
        const found = await insertOrRead(this.claimRunner, request, now);
        if (found.kind === 'inserted') return { outcome: 'claimed', lease: found.lease, tookOver: false, resume: FROM_THE_START };
        if (found.kind === 'vanished') continue;
        const result = await this.decideOnExisting(request, found.record, found.rowId, now);
        if (result) return result;
      }
      throw new Error(`claim on idempotency key did not settle after ${MAX_CLAIM_ROUNDS} rounds`);
    });
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
  // the Prisma transaction client; the stored response commits or rolls back with the operation.
  private async updateHeldKey(lease: Lease, statement: string, values: unknown[]): Promise<void> {
    const runner = this.currentConnection() ?? this.currentClient();
    const held = [lease.scope, lease.key, lease.leaseToken, 'running'];
    const updated = await whenStoreUnavailable(() => runStatement(runner, statement, [...held, ...values]));
    if (updated.length !== 1) throw new LeaseLostError(lease.scope, lease.key);
  }

  async release(lease: Lease, now: Date = new Date()): Promise<void> {
    const held = { scope: lease.scope, key: lease.key, leaseToken: lease.leaseToken, state: 'running' };
    await whenStoreUnavailable(async () => {
      // Nothing committed yet: free the key. Past "started", a phase committed (an order exists):
      // keep the recovery point and let the lease lapse now, so the next claim resumes there.
      await this.prisma.idempotencyKey.deleteMany({ where: { ...held, recoveryPoint: STARTED } });
      await this.prisma.idempotencyKey.updateMany({ where: { ...held, recoveryPoint: { not: STARTED } }, data: { leaseExpiresAt: now } });
    });
  }

  claimStalled({ recoveryPoints, lapsedForMs, leaseMs, limit, now }: StalledClaimRequest): Promise<StalledClaim[]> {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError('limit must be a positive integer');
    const lapsedBefore = new Date(now.getTime() - lapsedForMs);
    const leaseExpiresAt = new Date(now.getTime() + leaseMs);
    // SKIP LOCKED: workers in several API processes each take different keys instead of queueing;
    // the new lease token fences the crashed holder should it come back.
    return whenStoreUnavailable(async () => {
      const rows = await this.prisma.$queryRaw<{ scope: string; key: string; lease_token: string; recovery_point: string; recovery_state: unknown }[]>`
        UPDATE idempotency_keys k SET lease_token = gen_random_uuid(), lease_expires_at = ${leaseExpiresAt}
        WHERE k.id IN (
          SELECT id FROM idempotency_keys
          WHERE state = 'running' AND recovery_point <> ${STARTED} AND recovery_point = ANY(${[...recoveryPoints]}::text[])
            AND lease_expires_at <= ${lapsedBefore}
          ORDER BY lease_expires_at LIMIT ${limit} FOR UPDATE SKIP LOCKED)
        RETURNING k.scope, k.key, k.lease_token::text AS lease_token, k.recovery_point, k.recovery_state`;
      return rows.map((row) => ({
        lease: { scope: row.scope, key: row.key, leaseToken: row.lease_token, leaseExpiresAt },
        resume: { recoveryPoint: row.recovery_point, recoveryState: row.recovery_state ?? null },
      }));
    });
  }

  earliestLeaseExpiry(recoveryPoints: readonly RecoveryPoint[]): Promise<Date | undefined> {
    // The same rows claimStalled looks at, lapsed or not: one MIN, asked once per recovery pass.
    return whenStoreUnavailable(async () => {
      const [row] = await this.prisma.$queryRaw<{ earliest: Date | null }[]>`
        SELECT min(lease_expires_at) AS earliest FROM idempotency_keys
        WHERE state = 'running' AND recovery_point <> ${STARTED} AND recovery_point = ANY(${[...recoveryPoints]}::text[])`;
      return row?.earliest ?? undefined;
    });
  }

  purgeExpired(now: Date, batchSize: number): Promise<number> {
    if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError('batchSize must be a positive integer');
    // SKIP LOCKED: purgers in several API processes share the work instead of queueing on rows.
    // A key in the middle of an operation stays past its retention until it finishes (claim-decision.ts).
    return whenStoreUnavailable(
      () => this.prisma.$executeRaw`
        DELETE FROM idempotency_keys WHERE id IN (
          SELECT id FROM idempotency_keys
          WHERE expires_at <= ${now} AND (state = 'completed' OR recovery_point = ${STARTED})
          ORDER BY expires_at LIMIT ${batchSize} FOR UPDATE SKIP LOCKED)`,
    );
  }

  private async decideOnExisting(request: ClaimRequest, record: IdempotencyRecord, rowId: string, now: Date): Promise<ClaimResult | undefined> {
    const decision = decideOnExistingRecord(record, request.fingerprint, now);
    switch (decision.kind) {
      case 'replay':
        return { outcome: 'replay', response: decision.response };
      case 'in-progress':
        return { outcome: 'in-progress', retryAfterSeconds: decision.retryAfterSeconds };
      case 'mismatch':
        return { outcome: 'mismatch' };
      case 'take-over':
        return this.takeOver(request, rowId, record, now, decision.resume);
    }
  }

  // Compare-and-set: of several requests taking over one lapsed lease, exactly one wins; the
  // others re-read and find it running (409) or completed (replay). The condition repeats why the
  // take-over was decided, not just the token: `complete` keeps the token, so a holder that
  // completed after we read the row would otherwise be overwritten and its operation run twice.
  // PostgreSQL re-checks it against the latest committed row version.
  // The recovery point is part of the condition for the same reason: `advance` keeps the token too,
  // and a take-over decided on "started" that lands after the holder committed its first phase
  // would reset the key and run that phase again (found by the payments soak: a second order, a
  // second charge, and the first order orphaned).
  private async takeOver(request: ClaimRequest, rowId: string, read: IdempotencyRecord, now: Date, resume: ResumePoint): Promise<ClaimResult | undefined> {
    const claim = newClaimRecord(request, now, resume);
    const { count } = await this.prisma.idempotencyKey.updateMany({
      where: {
        id: rowId,
        leaseToken: read.leaseToken,
        recoveryPoint: read.recoveryPoint,
        OR: [{ state: 'running', leaseExpiresAt: { lte: now } }, { expiresAt: { lte: now } }],
      },
      data: claimColumns(claim),
    });
    return count === 1 ? { outcome: 'claimed', lease: leaseOfRecord(claim), tookOver: true, resume } : undefined;
  }
}

/** The columns of a claim record: a take-over resets the row to exactly this. */
function claimColumns(claim: IdempotencyRecord) {
  return {
    fingerprint: claim.fingerprint,
    state: claim.state,
    leaseToken: claim.leaseToken,
    leaseExpiresAt: claim.leaseExpiresAt,
    recoveryPoint: claim.recoveryPoint,
    recoveryState: claim.recoveryState === null ? Prisma.DbNull : (claim.recoveryState as Prisma.InputJsonValue),
    responseStatus: null,
    responseHeaders: Prisma.DbNull,
    responseBody: null,
    createdAt: claim.createdAt,
    completedAt: null,
    expiresAt: claim.expiresAt,
  };
}

// The purge as the API runs it (IdempotencyKeyPurgeJob calls IdempotencyKeyPurger, which repeats
// the store's purge statement, pausing after each batch as long as it took), here in the bench's
// process so that the bench knows when it ends. Purgers take turns: when the API's own job holds
// the turn at its tick, the bench's pass ends at once, and it tries again each second until no
// expired key is left, whoever deleted them.
import { createPrismaClient } from '@safe-checkout/db';
import { RETENTION_APPLIES_AT } from '@safe-checkout/idempotency';
import { IdempotencyKeyPurger, IdempotencyMetrics, withIdempotencyDefaults } from '@safe-checkout/idempotency-nest';
import { PrismaIdempotencyKeyStore } from '@safe-checkout/idempotency-prisma';
import { Registry } from 'prom-client';
import { setTimeout as sleep } from 'node:timers/promises';

/** A purge under way. */
export interface PurgeInProgress {
  /** Whether the purger has returned. */
  readonly finished: boolean;
  /** Keys the bench's purger deleted, and how long until none was expired (s). */
  readonly done: Promise<{ keys: number; seconds: number }>;
}

/** Starts purging every key expired now, on a client of its own (one connection, as the job's share of a pool). */
export async function startPurge(databaseUrl: string): Promise<PurgeInProgress> {
  const prisma = createPrismaClient({ databaseUrl, poolSize: 1 });
  const store = new PrismaIdempotencyKeyStore(prisma);
  const purger = new IdempotencyKeyPurger(withIdempotencyDefaults({ store, scopeOf: () => undefined }), new IdempotencyMetrics(new Registry()));
  let finished = false;
  const started = process.hrtime.bigint();
  const done = purgeUntilNoneExpired(purger, prisma)
    .then((keys) => ({ keys, seconds: Number(process.hrtime.bigint() - started) / 1e9 }))
    .finally(async () => {
      finished = true;
      await prisma.$disconnect();
    });
  return {
    get finished() {
      return finished;
    },
    done,
  };
}

async function purgeUntilNoneExpired(purger: IdempotencyKeyPurger, prisma: ReturnType<typeof createPrismaClient>): Promise<number> {
  let keys = 0;
  for (;;) {
    keys += await purger.purgeExpiredKeys();
    const left = await prisma.$queryRaw<{ left: boolean }[]>`
      SELECT EXISTS (SELECT FROM idempotency_keys WHERE expires_at <= now() AND recovery_point = ANY(${[...RETENTION_APPLIES_AT]}::text[])) AS left`;
    if (!left[0].left) return keys;
    await sleep(1_000);
  }
}

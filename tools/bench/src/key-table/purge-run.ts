// The purge as the API runs it (IdempotencyKeyPurgeJob calls IdempotencyKeyPurger, which repeats
// the store's purge statement, pausing after each batch as long as it took), here in the bench's
// process so that the bench knows when it ends.
// The API processes' own jobs may join in at their next tick: purgers share the rows (SKIP LOCKED).
import { createPrismaClient } from '@safe-checkout/db';
import { IdempotencyKeyPurger, IdempotencyMetrics, withIdempotencyDefaults } from '@safe-checkout/idempotency-nest';
import { PrismaIdempotencyKeyStore } from '@safe-checkout/idempotency-prisma';
import { Registry } from 'prom-client';

/** A purge under way. */
export interface PurgeInProgress {
  /** Whether the purger has returned. */
  readonly finished: boolean;
  /** Keys this purger deleted, and how long it took (s). */
  readonly done: Promise<{ keys: number; seconds: number }>;
}

/** Starts purging every key expired now, on a client of its own (one connection, as the job's share of a pool). */
export async function startPurge(databaseUrl: string): Promise<PurgeInProgress> {
  const prisma = createPrismaClient({ databaseUrl, poolSize: 1 });
  const store = new PrismaIdempotencyKeyStore(prisma);
  const purger = new IdempotencyKeyPurger(withIdempotencyDefaults({ store, scopeOf: () => undefined }), new IdempotencyMetrics(new Registry()));
  let finished = false;
  const started = process.hrtime.bigint();
  const done = purger
    .purgeExpiredKeys(new Date())
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

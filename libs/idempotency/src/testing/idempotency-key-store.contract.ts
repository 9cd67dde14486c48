import { CLAIM_SCENARIOS } from './claim.scenarios';
import { LEASE_SCENARIOS } from './lease.scenarios';
import { PURGE_SCENARIOS } from './purge.scenarios';
import { RECOVERY_SCENARIOS } from './recovery.scenarios';
import type { IdempotencyKeyStoreScenario } from './store-scenario';
import { TRACE_PARENT_SCENARIOS } from './trace-parent.scenarios';

/**
 * The behaviour every {@link IdempotencyKeyStore} must show, as framework-free scenarios (they use
 * `node:assert`). Each must run against a fresh, empty store. Scenarios pass `ClaimRequest.now` and
 * `purgeExpired`'s `now` explicitly, at instants in 2001, so the store must take all its times from
 * them rather than from its own clock; no fake clock is needed.
 *
 * @example
 * describe('PrismaIdempotencyKeyStore', () => {
 *   beforeEach(() => prisma.idempotencyKey.deleteMany());
 *   it.each(IDEMPOTENCY_KEY_STORE_CONTRACT)('$name', ({ run }) => run(new PrismaIdempotencyKeyStore(prisma)));
 * });
 */
export const IDEMPOTENCY_KEY_STORE_CONTRACT: readonly IdempotencyKeyStoreScenario[] = [
  ...CLAIM_SCENARIOS,
  ...LEASE_SCENARIOS,
  ...PURGE_SCENARIOS,
  ...RECOVERY_SCENARIOS,
  ...TRACE_PARENT_SCENARIOS,
];

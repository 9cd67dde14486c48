// What `npm run bench` measures with, in one place (docs/benchmarks.md "How it measures").

/**
 * Throughput rounds per scenario. Many short rounds, each comparing runs that were back to back:
 * the report takes the median of the per-round ratios, so that drift (JIT, growing tables,
 * autovacuum, other processes on the machine) cancels out instead of landing on one side.
 */
export const ROUNDS = 7;
/** Seconds of load per scenario and round. */
export const ROUND_SECONDS = 3;
/** Seconds of load per scenario before the rounds, not counted. */
export const WARM_UP_SECONDS = 2;
/** Load connections: as many as the API's database pool (`DATABASE_POOL_SIZE`, default 10); more would only queue there. */
export const CONNECTIONS = 10;
/** Requests of a storm, all with one key, each on its own connection. */
export const STORM_REQUESTS = 200;
/** API processes of the cross-process storms, which split {@link STORM_REQUESTS} between them. */
export const STORM_PROCESSES = 2;
/** How long each copy of the waiting storm asks to wait (s, `Prefer: wait`): far above one checkout's time. */
export const STORM_PREFER_WAIT_SECONDS = 10;
/** A normal run takes about two minutes; past this something hangs, and the bench cleans up and fails. */
export const BENCH_TIMEOUT_MS = 5 * 60_000;
/** The sandbox's test card that always succeeds: every order of the bench is paid with it. */
export const PAYMENT_METHOD = 'pm_card_visa';

/**
 * `BENCH_PRODUCTS`, default 50: new orders take stock round-robin from this many products of their
 * own, so that concurrent transactions rarely queue on one stock row (otherwise the comparison
 * measures row-lock waits, which our layer's statement inside the transaction lengthens). 1 = one hot row.
 */
export function loadProducts(env: NodeJS.ProcessEnv = process.env): number {
  const products = Number(env.BENCH_PRODUCTS ?? 50);
  if (!Number.isInteger(products) || products < 1) throw new Error('BENCH_PRODUCTS must be a positive integer');
  return products;
}

// What folding the claim into the first phase's transaction would save, priced on the real key
// table (docs/benchmarks.md, "Folding the claim into the first phase"): fresh-key checkouts and
// replays per design, in interleaved rounds, on a throwaway embedded PostgreSQL.
// Run: node tools/bench/dist/claim-fold/claim-fold-bench.js (after building the bench).
import { loadavg } from 'node:os';
import { Pool } from 'pg';
import { createTestDatabase } from '@safe-checkout/db/testing';
import { runBench, type Cleanup } from '../bench-lifecycle';
import type { CheckoutKey } from './fold-designs';
import { freshKeys, runRound, type RoundSample } from './fold-rounds';
import { reportFold } from './fold-report';
import { DESIGNS, keyTableOf, prepareFoldTables, updateCounts, type DesignName } from './fold-tables';
import { postmasterPidOf } from './server-cpu';

const CHECKOUTS_PER_ROUND = Number(process.env.FOLD_CHECKOUTS_PER_ROUND ?? 500);
const ROUNDS = Number(process.env.FOLD_ROUNDS ?? 6);
const CLIENTS = Number(process.env.FOLD_CLIENTS ?? 10);
const WARM_UP_CHECKOUTS = 200;

const cleanups: Cleanup[] = [];
const log = (message: string) => console.error(`[claim-fold] ${message}`);

async function main(): Promise<boolean> {
  // PostgreSQL's CPU is read from /proc: it must be a server this run owns alone.
  delete process.env.DATABASE_URL;
  const loadBefore = loadavg();
  log('creating a throwaway embedded database (migrated)…');
  const database = await createTestDatabase();
  cleanups.push(() => database.dispose());
  const pool = new Pool({ connectionString: database.url, max: CLIENTS });
  // Stopping the server ends the pool's idle connections: expected, nothing to report.
  pool.on('error', () => undefined);
  cleanups.push(() => pool.end());
  await prepareFoldTables(pool);
  const postmasterPid = await postmasterPidOf(pool);
  const { rows: settings } = await pool.query<{ server: string }>(
    `SELECT format('PostgreSQL %s, fsync %s, synchronous_commit %s, data_checksums %s', current_setting('server_version'),
       current_setting('fsync'), current_setting('synchronous_commit'), current_setting('data_checksums')) AS server`,
  );
  const created = new Map<DesignName, CheckoutKey[]>(DESIGNS.map((design) => [design, []]));

  log(`warm-up: ${WARM_UP_CHECKOUTS} checkouts per design…`);
  for (const design of DESIGNS) await runRound(pool, design, freshKeys(design, WARM_UP_CHECKOUTS), 'created', CLIENTS, postmasterPid);
  await pool.query('CHECKPOINT');
  const fresh: RoundSample[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    for (const design of rotated(DESIGNS, round)) {
      const keys = freshKeys(design, CHECKOUTS_PER_ROUND);
      fresh.push(await runRound(pool, design, keys, 'created', CLIENTS, postmasterPid));
      created.get(design)!.push(...keys);
    }
    log(`fresh round ${round + 1}/${ROUNDS} done`);
  }
  const replay: RoundSample[] = [];
  const replayed = DESIGNS.filter((design) => design !== 'floor');
  for (let round = 0; round < ROUNDS; round++) {
    for (const design of rotated(replayed, round)) {
      const keys = created.get(design)!.slice(round * CHECKOUTS_PER_ROUND, (round + 1) * CHECKOUTS_PER_ROUND);
      replay.push(await runRound(pool, design, keys, 'replayed', CLIENTS, postmasterPid));
    }
    log(`replay round ${round + 1}/${ROUNDS} done`);
  }
  // The statistics collector publishes a backend's counts within a second of its last transaction.
  await new Promise((resolve) => setTimeout(resolve, 1_500));
  const updates = new Map(await Promise.all(DESIGNS.map(async (design) => [design, await updateCounts(pool, keyTableOf(design))] as const)));
  console.log(
    reportFold({
      fresh,
      replay,
      updates,
      rounds: ROUNDS,
      checkoutsPerRound: CHECKOUTS_PER_ROUND,
      clients: CLIENTS,
      server: settings[0].server,
      loadBefore,
      loadAfter: loadavg(),
    }),
  );
  return true;
}

// Each round starts with another design, so that drift over the run does not land on one.
function rotated<T>(items: readonly T[], by: number): T[] {
  const at = by % items.length;
  return [...items.slice(at), ...items.slice(0, at)];
}

runBench({ main, cleanups, log, timeoutMs: 30 * 60_000 });

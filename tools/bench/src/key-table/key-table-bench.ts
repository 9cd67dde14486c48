// Cost as the key table grows: fresh-key checkouts against the bench's own few keys, then after
// bulk fills to each size; then their p99 while the purge deletes a backlog of expired keys.
import { Client } from 'pg';
import type { Fixtures } from '../fixtures';
import { FRESH_KEY, runLoad, type LoadResult } from '../load';
import { CONNECTIONS } from '../bench-settings';
import { fillKeys, keyTableSize, settleKeyTable } from './key-table-fill';
import type { KeyTableResult, PurgeRun, SizeRun } from './key-table-report';
import { CHECKOUTS_PER_RUN, expiredKeysToPurge, KEY_TABLE_ROUNDS, WINDOWS_WITHOUT_PURGE } from './key-table-settings';
import { startPurge } from './purge-run';

type Log = (message: string) => void;

/** Measures at the bench's own keys, then at each of `sizes` filled keys, then the purge of a backlog. */
export async function measureKeyTable(url: string, databaseUrl: string, fixtures: Fixtures, sizes: number[], log: Log): Promise<KeyTableResult> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const load = loader(url, fixtures);
    log('key table: the bench’s own keys only…');
    const unfilled = await measureSize(client, load, 0);
    const bySize: SizeRun[] = [];
    let filled = 0;
    for (const size of sizes) {
      const started = Date.now();
      log(`key table: filling to ${size.toLocaleString('en')} keys…`);
      await fillKeys(client, { count: size - filled, age: 'live', onChunk: (n) => log(`key table: ${(filled + n).toLocaleString('en')} keys filled`) });
      filled = size;
      await settleKeyTable(client);
      const fillSeconds = (Date.now() - started) / 1000;
      log(`key table: filled and settled to ${size.toLocaleString('en')} keys in ${fillSeconds.toFixed(0)} s; measuring…`);
      bySize.push({ ...(await measureSize(client, load, size)), fillSeconds });
    }
    const purge = sizes.length ? await measurePurge(client, databaseUrl, load, expiredKeysToPurge(sizes), log) : undefined;
    return { unfilled, bySize, purge };
  } finally {
    await client.end();
  }
}

// autocannon's default of 10 s is below what one checkout takes on a machine loaded to 15 runnable
// processes per core; an answer that slow still counts, a checkout that never answers does not.
const CHECKOUT_TIMEOUT_SECONDS = 60;

/** {@link CHECKOUTS_PER_RUN} checkouts at `path`: fresh-key `POST /orders` by default. */
type Load = (path?: string) => Promise<LoadResult>;

function loader(url: string, { alice, nextOrderBody }: Fixtures): Load {
  return async (path = '/orders') => {
    const key = path === '/orders' ? FRESH_KEY : undefined;
    const result = await runLoad({
      url,
      path,
      token: alice.accessToken,
      body: nextOrderBody,
      key,
      amount: CHECKOUTS_PER_RUN,
      connections: CONNECTIONS,
      timeoutSeconds: CHECKOUT_TIMEOUT_SECONDS,
    });
    // A figure only means something if every checkout was one: a 201 created now.
    if (Object.keys(result.statusCodes).some((code) => code !== '201') || result.errors || result.replayed) {
      throw new Error(`key table, ${path}: unexpected answers ${JSON.stringify({ ...result.statusCodes, errors: result.errors, replayed: result.replayed })}`);
    }
    return result;
  };
}

// Fresh and baseline back to back, in alternating order: the baseline (no key written) tells the
// table's cost apart from the machine's drift over the minutes a fill takes.
async function measureSize(client: Client, load: Load, filledKeys: number): Promise<Omit<SizeRun, 'fillSeconds'>> {
  await load(); // warm-up
  const rounds: SizeRun['rounds'] = [];
  for (let round = 0; round < KEY_TABLE_ROUNDS; round++) {
    const pair = { fresh: undefined as unknown as LoadResult, baseline: undefined as unknown as LoadResult };
    for (const name of round % 2 ? (['baseline', 'fresh'] as const) : (['fresh', 'baseline'] as const)) {
      pair[name] = await load(name === 'fresh' ? '/orders' : '/bench/orders-baseline');
    }
    rounds.push(pair);
  }
  return { filledKeys, ...(await keyTableSize(client)), rounds };
}

// p99 windows of fresh-key checkouts, first with no purge, then while the purge deletes the expired
// keys, inserted in one statement just before so that no purge starts on part of them.
async function measurePurge(client: Client, databaseUrl: string, load: Load, expiredKeys: number, log: Log): Promise<PurgeRun> {
  log(`purge: ${WINDOWS_WITHOUT_PURGE} windows without it…`);
  const without: LoadResult[] = [];
  for (let i = 0; i < WINDOWS_WITHOUT_PURGE; i++) without.push(await load());
  log(`purge: inserting ${expiredKeys.toLocaleString('en')} expired keys…`);
  await fillKeys(client, { count: expiredKeys, age: 'expired', atOnce: true });
  log('purge: purging, with the checkout load beside it…');
  const purge = await startPurge(databaseUrl);
  const during: LoadResult[] = [];
  while (!purge.finished) during.push(await load());
  const { keys, seconds } = await purge.done;
  log(`purge: ${keys.toLocaleString('en')} keys by the bench's purger in ${seconds.toFixed(1)} s`);
  const { rows } = await client.query<{ left: number }>('SELECT count(*)::int AS left FROM idempotency_keys WHERE expires_at <= now()');
  return { expiredKeys, purgedByBench: keys, leftExpired: rows[0].left, seconds, without, during };
}

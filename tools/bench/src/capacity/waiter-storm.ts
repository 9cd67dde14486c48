// The `Prefer: wait` storm on other keys: waves of concurrent duplicates, as the idempotency bench's
// storm makes them (one new key, many copies at once: the first executes, the others wait for its
// answer), here with several keys per wave, each of another user than the checkout load's, and wave
// after wave for the whole window. Like the other floods it reuses its connections (kept alive
// across waves; each copy's bytes built once, keep-alive-posts.ts) and is capped in rate (CAPACITY_ABUSE_RATE): a wave starts no sooner than its
// requests at that rate after the previous wave's start, nor before the previous wave is answered.
import { newIdempotencyKey } from '../load';
import type { Abuse, AbuseResult } from './abuse';
import type { CapacityFixtures } from './capacity-fixtures';
import type { CapacitySettings } from './capacity-settings';
import { keepAlivePosts, type KeepAlivePosts, type PostAnswer } from './keep-alive-posts';

/** What each copy asks to wait (s): far above one checkout's time, as in `npm run bench`. */
const PREFER_WAIT_SECONDS = 10;
// A copy that waited its full 10 s is an answer (the API's), not the load generator's timeout.
const REQUEST_TIMEOUT_MS = (PREFER_WAIT_SECONDS + 20) * 1000;

export function waiterStorm(urls: string[], fixtures: CapacityFixtures, settings: CapacitySettings): Abuse {
  const keys = Math.max(1, Math.min(settings.waiterKeys, fixtures.waiterUsers.length));
  const perKey = Math.max(1, Math.floor(settings.waiters / keys));
  const waveSize = perKey * keys;
  const rate = settings.abuseRatePerSecond;
  return {
    name: 'waiters',
    description:
      `waves of ${waveSize} concurrent POST /orders with Prefer: wait=${PREFER_WAIT_SECONDS}, ${perKey} copies of each of ${keys} new keys, ` +
      `on kept-alive connections, ${rate ? `one wave per ${(waveSize / rate).toFixed(1)} s at most (${rate} requests/s)` : 'no rate cap'}`,
    run: async (seconds) => {
      // Every copy of a wave is in flight at once: as many sockets as copies sent to each process.
      const pools = urls.map((url, i) => keepAlivePosts(url, copiesTo(i, perKey, urls.length) * keys, REQUEST_TIMEOUT_MS));
      try {
        const endsAt = Date.now() + seconds * 1000;
        // At the cap, a wave is started only if its share of the rate fits in the window: at most
        // rate × seconds requests in all (3 waves of 1 000 in 8 s at 400/s), as the floods send.
        const intervalMs = rate ? (waveSize / rate) * 1000 : 0;
        const answers: PostAnswer[] = [];
        let waves = 0;
        let start = Date.now();
        // The first wave whatever the window; the next ones while the window lasts and the cap allows.
        while (waves === 0 || (start + intervalMs <= endsAt && Date.now() < endsAt)) {
          await new Promise((resolve) => setTimeout(resolve, Math.max(0, start - Date.now())));
          start = Math.max(start, Date.now());
          answers.push(...(await wave(pools, fixtures, keys, perKey)));
          waves++;
          start += intervalMs;
        }
        return stormResult(answers, waves, keys, seconds);
      } finally {
        for (const pool of pools) pool.close();
      }
    },
  };
}

// Copies of one key sent to process `i` of `processes`: the remainder goes to the first ones.
function copiesTo(i: number, perKey: number, processes: number): number {
  return Math.floor(perKey / processes) + (i < perKey % processes ? 1 : 0);
}

function wave(pools: KeepAlivePosts[], fixtures: CapacityFixtures, keys: number, perKey: number): Promise<PostAnswer[]> {
  const posts = fixtures.waiterUsers.slice(0, keys).flatMap((user) => {
    const headers = {
      authorization: `Bearer ${user.accessToken}`,
      'content-type': 'application/json',
      'idempotency-key': newIdempotencyKey(),
      prefer: `wait=${PREFER_WAIT_SECONDS}`,
    };
    const body = JSON.stringify(fixtures.nextOrderBody());
    return pools.flatMap((pool, i) => {
      // Every copy of a key is the same bytes: built once per process.
      const request = pool.prepare('/orders', headers, body);
      return Array.from({ length: copiesTo(i, perKey, pools.length) }, () => pool.send(request));
    });
  });
  return Promise.all(posts);
}

function stormResult(answers: PostAnswer[], waves: number, keys: number, seconds: number): AbuseResult {
  const statusCodes: Record<string, number> = {};
  let replayed = 0;
  let errors = 0;
  for (const answer of answers) {
    if ('error' in answer) {
      errors++;
      continue;
    }
    statusCodes[answer.status] = (statusCodes[answer.status] ?? 0) + 1;
    if (answer.replayed) replayed++;
  }
  return {
    requests: answers.length - errors,
    seconds,
    statusCodes,
    errors,
    notes: [`${waves} wave(s), ${waves * keys} keys executed, ${replayed} answers replayed`],
  };
}

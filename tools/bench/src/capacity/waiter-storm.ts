// The `Prefer: wait` storm on other keys: waves of concurrent duplicates, as the idempotency bench's
// storm makes them (one new key, many copies at once: the first executes, the others wait for its
// answer), here with several keys per wave, each of another user than the checkout load's, and wave
// after wave for the whole window.
import { addAnswers, newIdempotencyKey, runLoad, type LoadResult } from '../load';
import type { Abuse, AbuseResult } from './abuse';
import type { CapacityFixtures } from './capacity-fixtures';
import type { CapacitySettings } from './capacity-settings';

/** What each copy asks to wait (s): far above one checkout's time, as in `npm run bench`. */
const PREFER_WAIT_SECONDS = 10;
// A copy that waited its full 10 s is an answer (the API's), not the load generator's timeout.
const REQUEST_TIMEOUT_SECONDS = PREFER_WAIT_SECONDS + 20;

export function waiterStorm(urls: string[], fixtures: CapacityFixtures, settings: CapacitySettings): Abuse {
  const keys = Math.max(1, Math.min(settings.waiterKeys, fixtures.waiterUsers.length));
  const perKey = Math.max(1, Math.floor(settings.waiters / keys));
  return {
    name: 'waiters',
    description: `waves of ${perKey * keys} concurrent POST /orders with Prefer: wait=${PREFER_WAIT_SECONDS}, ${perKey} copies of each of ${keys} new keys`,
    run: async (seconds) => {
      const endsAt = Date.now() + seconds * 1000;
      const waves: LoadResult[][] = [];
      while (Date.now() < endsAt) waves.push(await wave(urls, fixtures, keys, perKey));
      const results = waves.flat();
      const answers = addAnswers(results);
      const result: AbuseResult = {
        requests: answers.requests,
        seconds,
        statusCodes: answers.statusCodes,
        errors: answers.errors,
        notes: [`${waves.length} wave(s), ${waves.length * keys} keys executed, ${answers.replayed} answers replayed`],
      };
      return result;
    },
  };
}

function wave(urls: string[], fixtures: CapacityFixtures, keys: number, perKey: number): Promise<LoadResult[]> {
  const runs = fixtures.waiterUsers.slice(0, keys).flatMap((user) => {
    const key = newIdempotencyKey();
    const body = fixtures.nextOrderBody();
    return urls.map((url, i) => {
      const copies = Math.floor(perKey / urls.length) + (i < perKey % urls.length ? 1 : 0);
      const extraHeaders = { prefer: `wait=${PREFER_WAIT_SECONDS}` };
      return copies
        ? runLoad({
            url,
            path: '/orders',
            token: user.accessToken,
            body,
            key,
            amount: copies,
            connections: copies,
            extraHeaders,
            timeoutSeconds: REQUEST_TIMEOUT_SECONDS,
          })
        : undefined;
    });
  });
  return Promise.all(runs.filter((run): run is Promise<LoadResult> => run !== undefined));
}

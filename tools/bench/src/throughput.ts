// The throughput rounds: every scenario runs once per round, back to back with the ones it is
// compared with, so that the per-round ratios compare runs on the same machine state.
import { CONNECTIONS, ROUND_SECONDS, ROUNDS, WARM_UP_SECONDS } from './bench-settings';
import type { Fixtures } from './fixtures';
import { FRESH_KEY, runLoad, type LoadOptions, type LoadResult } from './load';

/** The five scenarios, named as the report reads them. */
export type ScenarioName = 'fresh' | 'baseline' | 'replay' | 'peerFresh' | 'peerReplay';

/** A scenario and its runs, one per round. */
export interface ScenarioRuns {
  name: ScenarioName;
  label: string;
  rounds: LoadResult[];
}

interface Scenario {
  name: ScenarioName;
  label: string;
  path: string;
  key?: LoadOptions['key'];
  body: LoadOptions['body'];
  /** Every answer must carry `Idempotent-Replayed: true` (the replay scenarios) or none may. */
  replayed: boolean;
}

/** Warms every scenario up, then runs {@link ROUNDS} rounds of {@link ROUND_SECONDS} s each. */
export async function measureThroughput(
  url: string,
  { alice, nextOrderBody, replays }: Fixtures,
  log: (message: string) => void,
): Promise<Record<ScenarioName, ScenarioRuns>> {
  const scenarios: Scenario[] = [
    { name: 'replay', label: 'POST /orders, one key (replayed)', path: '/orders', key: replays.ours.key, body: replays.ours.body, replayed: true },
    { name: 'fresh', label: 'POST /orders, new key per request', path: '/orders', key: FRESH_KEY, body: nextOrderBody, replayed: false },
    { name: 'baseline', label: 'POST /bench/orders-baseline (no layer)', path: '/bench/orders-baseline', body: nextOrderBody, replayed: false },
    {
      name: 'peerFresh',
      label: 'POST /bench/orders-peer, new key per request',
      path: '/bench/orders-peer',
      key: FRESH_KEY,
      body: nextOrderBody,
      replayed: false,
    },
    {
      name: 'peerReplay',
      label: 'POST /bench/orders-peer, one key (replayed)',
      path: '/bench/orders-peer',
      key: replays.peer.key,
      body: replays.peer.body,
      replayed: true,
    },
  ];
  const load = ({ path, key, body }: Scenario, durationSeconds: number) =>
    runLoad({ url, path, token: alice.accessToken, body, key, durationSeconds, connections: CONNECTIONS });
  for (const scenario of scenarios) {
    log(`warm-up: ${scenario.label} (${WARM_UP_SECONDS} s)`);
    assertExpectedAnswers(scenario, await load(scenario, WARM_UP_SECONDS));
  }
  const runs = Object.fromEntries(scenarios.map(({ name, label }) => [name, { name, label, rounds: [] }])) as unknown as Record<ScenarioName, ScenarioRuns>;
  for (let round = 0; round < ROUNDS; round++) {
    // The baseline in the middle, next to both fresh runs compared with it; each replay next to
    // the fresh run it is compared with; the order reverses every round.
    for (const scenario of round % 2 ? [...scenarios].reverse() : scenarios) {
      log(`round ${round + 1}/${ROUNDS}: ${scenario.label} (${ROUND_SECONDS} s)`);
      const result = await load(scenario, ROUND_SECONDS);
      assertExpectedAnswers(scenario, result);
      runs[scenario.name].rounds.push(result);
    }
  }
  return runs;
}

// A throughput figure only means something if every request got the answer the scenario is about.
function assertExpectedAnswers(scenario: Scenario, result: LoadResult): void {
  const unexpected = Object.keys(result.statusCodes).filter((code) => code !== '201');
  const replaysExpected = scenario.replayed ? result.requests : 0;
  if (unexpected.length || result.errors || result.replayed !== replaysExpected) {
    throw new Error(`${scenario.label}: unexpected answers ${JSON.stringify({ ...result.statusCodes, errors: result.errors, replayed: result.replayed })}`);
  }
}

// The bench's output: a table for people, then one `name=value` line for scripts (always last).
import { keyTableFields, keyTableLines, type KeyTableResult } from './key-table/key-table-report';
import { addAnswers, type LoadResult } from './load';
import { answers, median, table } from './report-format';
import type { StoreStatementsResult } from './store-statements';
import type { StormResult } from './storm';
import type { ScenarioName, ScenarioRuns } from './throughput';

// The performance issue's targets, in one run: the layer costs at most 5 % of a checkout, ours
// keeps 97 % of the peer's fresh throughput (which keeps nothing across processes or restarts),
// and a replay is at least 5× a fresh run.
const OVERHEAD_TARGET = 0.05;
const OURS_VS_PEER_TARGET = 0.97;
const REPLAY_SPEEDUP_TARGET = 5;

/** Everything a run measured. */
export interface BenchResults {
  throughput: Record<ScenarioName, ScenarioRuns>;
  storms: { ours: StormResult; waiting: StormResult; ours2p: StormResult; peer: StormResult; peer2p: StormResult };
  storeStatements: StoreStatementsResult;
  /** Absent when `BENCH_KEYS_SIZES=0` skipped the phase. */
  keyTable?: KeyTableResult;
  roundSeconds: number;
  connections: number;
  products: number;
}

/**
 * Prints the report to stdout.
 * @returns whether our storms stayed correct (one execution each, only 201/409 answers, and only
 *   201s with `Prefer: wait`); the performance targets and the peer's figures are reported, not
 *   enforced: they depend on the machine, and the peer is not ours to hold to a rule.
 */
export function printReport({ throughput: runs, storms, storeStatements, keyTable, roundSeconds, connections, products }: BenchResults): boolean {
  const ratio = (numerator: ScenarioName, denominator: ScenarioName) => {
    const byRound = runs[numerator].rounds.map((run, i) => run.rps / runs[denominator].rounds[i].rps);
    return { byRound, median: median(byRound), text: byRound.map((v) => v.toFixed(2)).join(' ') };
  };
  const fresh = ratio('fresh', 'baseline');
  const replay = ratio('replay', 'fresh');
  const peerFresh = ratio('peerFresh', 'baseline');
  const peerReplay = ratio('peerReplay', 'peerFresh');
  const oursToPeer = ratio('fresh', 'peerFresh');
  const overhead = 1 - fresh.median;
  const peerOverhead = 1 - peerFresh.median;
  const onlyCodes = (storm: StormResult, codes: string[]) => storm.errors === 0 && Object.keys(storm.statusCodes).every((code) => codes.includes(code));
  const once = (storm: StormResult) => storm.executions === 1 && onlyCodes(storm, ['201', '409']);
  // With Prefer: wait every copy gets the first answer: one execution, every answer a 201, none a 409.
  const waitingCorrect = storms.waiting.executions === 1 && onlyCodes(storms.waiting, ['201']);
  const waiting = storms.waiting.latency!;
  const waiting409 = storms.waiting.statusCodes['409'] ?? 0;
  // The copies finish when the first does: p99 minus the fastest answer (at most the first's own).
  const waitingSpreadMs = waiting.p99Ms - waiting.minMs;
  const verdict = (ok: boolean) => (ok ? 'ok' : 'FAILED');
  // What the store's three statements cost the API process beyond the transactions they run in.
  const storeCpu = { before: storeStatements.prisma - storeStatements.floor, after: storeStatements.nodePostgres - storeStatements.floor };

  console.log(
    `\n${runs.fresh.rounds.length} rounds of ${roundSeconds} s per scenario, ${connections} connections, new orders spread over ${products} product(s); medians of rounds`,
  );
  console.log(
    table(
      ['scenario', 'req/s', 'req/s by round', 'p50 ms', 'p99 ms', 'answers'],
      [
        ...(['fresh', 'baseline', 'replay', 'peerFresh', 'peerReplay'] as const).map((name) => scenarioRow(runs[name])),
        stormRow('storm: 200 concurrent, one key', storms.ours),
        stormRow('storm with Prefer: wait', storms.waiting),
        stormRow(`storm, ${storms.ours2p.processes} API processes`, storms.ours2p),
        stormRow('peer storm: 200 concurrent, one key', storms.peer),
        stormRow(`peer storm, ${storms.peer2p.processes} API processes`, storms.peer2p),
      ],
    ),
  );
  const met = (ok: boolean) => (ok ? 'met' : 'missed');
  console.log(`
idempotency overhead  ${overhead.toFixed(3)}   1 - median of fresh/baseline by round (${fresh.text}); target ≤ ${OVERHEAD_TARGET}: ${met(overhead <= OVERHEAD_TARGET)}
replay speedup        ${replay.median.toFixed(2)}×  median of replayed/fresh by round (${replay.text}); target ≥ ${REPLAY_SPEEDUP_TARGET}: ${met(replay.median >= REPLAY_SPEEDUP_TARGET)}
peer overhead         ${peerOverhead.toFixed(3)}   1 - median of peer fresh/baseline by round (${peerFresh.text})
peer replay speedup   ${peerReplay.median.toFixed(2)}×  median of peer replayed/peer fresh by round (${peerReplay.text})
ours vs peer, fresh   ${oursToPeer.median.toFixed(2)}×  median of fresh/peer fresh by round (${oursToPeer.text}); target ≥ ${OURS_VS_PEER_TARGET}: ${met(oursToPeer.median >= OURS_VS_PEER_TARGET)}
storm executions      ${storms.ours.executions}       orders created by the storm; must be 1, with only 201/409 answers: ${verdict(once(storms.ours))}
waiting storm         ${storms.waiting.executions} execution(s), ${waiting409} × 409; fastest ${waiting.minMs.toFixed(1)} ms, p99 ${waiting.p99Ms.toFixed(1)} ms (spread ${waitingSpreadMs.toFixed(1)} ms); must be 1 with only 201s: ${verdict(waitingCorrect)}
storm, 2 processes    ${storms.ours2p.executions}       orders created by the storm split between ${storms.ours2p.processes} API processes; must be 1, with only 201/409 answers: ${verdict(once(storms.ours2p))}
peer storms           ${storms.peer.executions} on 1 process, ${storms.peer2p.executions} on ${storms.peer2p.processes}   orders created (reported, not enforced: the peer's memory store is per process)
store statements      ${storeCpu.before.toFixed(3)} → ${storeCpu.after.toFixed(3)} ms CPU per checkout: claim, advance, complete through Prisma (before) → on node-postgres (after), beyond the two transactions' own ${storeStatements.floor.toFixed(3)} ms; medians of ${storeStatements.rounds} rounds × ${storeStatements.calls}
`);
  if (keyTable) console.log(keyTableLines(keyTable));
  console.log(
    [
      `idempotency_overhead=${overhead.toFixed(3)}`,
      `idempotency_overhead_target=${met(overhead <= OVERHEAD_TARGET)}`,
      `ours_vs_peer_fresh=${oursToPeer.median.toFixed(2)}`,
      `ours_vs_peer_fresh_target=${met(oursToPeer.median >= OURS_VS_PEER_TARGET)}`,
      `replay_speedup=${replay.median.toFixed(2)}`,
      `replay_speedup_target=${met(replay.median >= REPLAY_SPEEDUP_TARGET)}`,
      `storm_executions=${storms.ours.executions}`,
      `storm_wait_executions=${storms.waiting.executions}`,
      `storm_wait_409=${waiting409}`,
      `storm_wait_spread_ms=${waitingSpreadMs.toFixed(1)}`,
      `storm_executions_2p=${storms.ours2p.executions}`,
      `peer_overhead=${peerOverhead.toFixed(3)}`,
      `peer_replay_speedup=${peerReplay.median.toFixed(2)}`,
      `peer_storm_executions=${storms.peer.executions}`,
      `peer_storm_executions_2p=${storms.peer2p.executions}`,
      `store_cpu_ms_before=${storeCpu.before.toFixed(3)}`,
      `store_cpu_ms_after=${storeCpu.after.toFixed(3)}`,
      ...(keyTable ? keyTableFields(keyTable) : []),
    ].join(' '),
  );
  return once(storms.ours) && waitingCorrect && once(storms.ours2p);
}

function scenarioRow({ label, rounds }: ScenarioRuns): string[] {
  const medianOf = (field: keyof Pick<LoadResult, 'rps' | 'p50Ms' | 'p99Ms'>) => median(rounds.map((r) => r[field]));
  return [
    label,
    medianOf('rps').toFixed(0),
    rounds.map((r) => r.rps.toFixed(0)).join(' '),
    medianOf('p50Ms').toFixed(1),
    medianOf('p99Ms').toFixed(1),
    answers(addAnswers(rounds)),
  ];
}

// A storm split between processes has no combined latency: its cells stay empty.
function stormRow(label: string, storm: StormResult): string[] {
  return [label, '', '', storm.latency?.p50Ms.toFixed(1) ?? '', storm.latency?.p99Ms.toFixed(1) ?? '', answers(storm)];
}

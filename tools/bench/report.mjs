// The bench's output: a table for people, then one `name=value` line for scripts (always last).

const OVERHEAD_TARGET = 0.1;
const REPLAY_SPEEDUP_TARGET = 3;

/**
 * Prints the report to stdout.
 * @returns {boolean} whether the storm stayed correct (one execution, only 201/409 answers);
 *   the performance targets are reported, not enforced: they depend on the machine.
 */
export function printReport({ throughput, storm, waitingStorm, roundSeconds, connections, products }) {
  const { fresh, baseline, replay } = throughput;
  const perRound = (numerator, denominator) => numerator.rounds.map((run, i) => run.rps / denominator.rounds[i].rps);
  const freshToBaseline = perRound(fresh, baseline);
  const replayToFresh = perRound(replay, fresh);
  const overhead = 1 - median(freshToBaseline);
  const replaySpeedup = median(replayToFresh);
  const stormCodes = Object.keys(storm.statusCodes);
  const stormCorrect = storm.executions === 1 && storm.errors === 0 && stormCodes.every((code) => code === '201' || code === '409');
  // With Prefer: wait every copy gets the first answer: one execution, every answer a 201, none a 409.
  const waitingCorrect = waitingStorm.executions === 1 && waitingStorm.errors === 0 && Object.keys(waitingStorm.statusCodes).every((code) => code === '201');
  const waiting409 = waitingStorm.statusCodes['409'] ?? 0;
  // The copies finish when the first does: p99 minus the fastest answer (at most the first's own).
  const waitingSpreadMs = waitingStorm.p99Ms - waitingStorm.minMs;

  const row = (run) => [
    run.label,
    median(run.rounds.map((r) => r.rps)).toFixed(0),
    run.rounds.map((r) => r.rps.toFixed(0)).join(' '),
    median(run.rounds.map((r) => r.p50Ms)).toFixed(1),
    median(run.rounds.map((r) => r.p99Ms)).toFixed(1),
    answers(run.rounds.reduce((sum, r) => addCounts(sum, r), { statusCodes: {}, replayed: 0, errors: 0 })),
  ];
  const ratios = (values) => values.map((v) => v.toFixed(2)).join(' ');
  console.log(`\n${fresh.rounds.length} rounds of ${roundSeconds} s per scenario, ${connections} connections, new orders spread over ${products} product(s); medians of rounds`);
  console.log(
    table(
      ['scenario', 'req/s', 'req/s by round', 'p50 ms', 'p99 ms', 'answers'],
      [
        row(fresh),
        row(baseline),
        row(replay),
        [`storm: ${storm.requestsSent} concurrent, one key`, '', '', storm.p50Ms.toFixed(1), storm.p99Ms.toFixed(1), answers(storm)],
        [`storm with Prefer: wait`, '', '', waitingStorm.p50Ms.toFixed(1), waitingStorm.p99Ms.toFixed(1), answers(waitingStorm)],
      ],
    ),
  );
  console.log(`
idempotency overhead  ${overhead.toFixed(3)}   1 - median of fresh/baseline by round (${ratios(freshToBaseline)}); target ≤ ${OVERHEAD_TARGET}: ${overhead <= OVERHEAD_TARGET ? 'met' : 'missed'}
replay speedup        ${replaySpeedup.toFixed(2)}×  median of replayed/fresh by round (${ratios(replayToFresh)}); target ≥ ${REPLAY_SPEEDUP_TARGET}: ${replaySpeedup >= REPLAY_SPEEDUP_TARGET ? 'met' : 'missed'}
storm executions      ${storm.executions}       orders created by the storm; must be 1, with only 201/409 answers: ${stormCorrect ? 'ok' : 'FAILED'}
waiting storm         ${waitingStorm.executions} execution(s), ${waiting409} × 409; fastest ${waitingStorm.minMs.toFixed(1)} ms, p99 ${waitingStorm.p99Ms.toFixed(1)} ms (spread ${waitingSpreadMs.toFixed(1)} ms); must be 1 with only 201s: ${waitingCorrect ? 'ok' : 'FAILED'}
`);
  console.log(
    `idempotency_overhead=${overhead.toFixed(3)} replay_speedup=${replaySpeedup.toFixed(2)} storm_executions=${storm.executions} ` +
      `storm_wait_executions=${waitingStorm.executions} storm_wait_409=${waiting409} storm_wait_spread_ms=${waitingSpreadMs.toFixed(1)}`,
  );
  return stormCorrect && waitingCorrect;
}

// "201×1 (replayed 0), 409×199": replays are 201s too, told apart by Idempotent-Replayed.
function answers({ statusCodes, replayed, errors }) {
  const codes = Object.entries(statusCodes).map(([code, count]) => `${code}×${count}`);
  if (replayed) codes.push(`of which replayed ${replayed}`);
  if (errors) codes.push(`socket errors ${errors}`);
  return codes.join(', ');
}

function addCounts(sum, result) {
  for (const [code, count] of Object.entries(result.statusCodes)) sum.statusCodes[code] = (sum.statusCodes[code] ?? 0) + count;
  return { statusCodes: sum.statusCodes, replayed: sum.replayed + result.replayed, errors: sum.errors + result.errors };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function table(headers, rows) {
  const widths = headers.map((header, column) => Math.max(header.length, ...rows.map((row) => row[column].length)));
  const line = (cells) => cells.map((cell, column) => (column === 0 || column === cells.length - 1 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join('  ').trimEnd();
  return [line(headers), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
}

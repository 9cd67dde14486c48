// The key table phase of `npm run bench` alone (docs/benchmarks.md, "Cost as the key table grows"):
// the bench's stack, one API process and its fixtures, then measureKeyTable at `BENCH_KEYS_SIZES`,
// without the earlier phases' minutes. Run after building: `node tools/bench/dist/key-table/key-table-only.js`.
// Progress goes to stderr; stdout is the phase's lines, then its fields of the bench's last line.
import { startApiProcess } from '../api-process';
import { runBench, type Cleanup } from '../bench-lifecycle';
import { loadProducts } from '../bench-settings';
import { startBenchStack } from '../bench-stack';
import { createFixtures } from '../fixtures';
import { measureKeyTable } from './key-table-bench';
import { keyTableFields, keyTableLines } from './key-table-report';
import { keyTableTimeoutMs, loadKeyTableSizes } from './key-table-settings';

// Start-up (database, sandbox, API, fixtures) before the phase's own watchdog share.
const START_UP_TIMEOUT_MS = 2 * 60_000;

const log = (message: string) => console.error(`[bench] ${message}`);
const cleanups: Cleanup[] = [];

/** @returns whether every ratio met its target. */
async function main(): Promise<boolean> {
  if (!sizes.length) throw new Error('BENCH_KEYS_SIZES names no size: nothing to measure');
  const { database, sandbox } = await startBenchStack(cleanups, log);
  log('starting the API process…');
  const api = await startApiProcess(database.url, sandbox.url);
  cleanups.push(() => api.stop());
  const fixtures = await createFixtures(api.url, database.url, loadProducts());
  cleanups.push(() => fixtures.prisma.$disconnect());
  const result = await measureKeyTable(api.url, database.url, fixtures, sizes, log);
  const fields = keyTableFields(result);
  console.log(keyTableLines(result));
  console.log(fields.join(' '));
  return fields.every((field) => !field.includes('_target=') || field.endsWith('=met'));
}

const sizes = loadKeyTableSizes();
runBench({ main, cleanups, log, timeoutMs: START_UP_TIMEOUT_MS + keyTableTimeoutMs(sizes) });

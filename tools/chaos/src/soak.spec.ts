import { spawn } from 'node:child_process';
import path from 'node:path';

// The soak of `npm run chaos` (soak.ts, as built in dist/), at CI size, in its own process: it starts
// its own database (or a throwaway one on DATABASE_URL's server), the payment sandbox behind a
// chaos proxy, two API replicas charging through that proxy and a chaos proxy in front of them,
// and cleans all of it up on exit or SIGTERM. The same faults as `npm run chaos`: 30 % on each hop,
// both replicas killed once (one of them mid-charge), the sandbox and the database restarted.
// Smaller than before the provider hop had faults (300 checkouts by 20 customers, 250 naive ones
// by 15): on 2 cores shared with other test suites (load average 8–10) that size timed out every
// first attempt, so no naive customer ever saw an order and the contrast showed nothing.
// The built soak (the `test` target depends on `build`), run as `npm run chaos` runs it.
const SOAK = path.resolve(__dirname, '../dist/soak.js');
const CI_SIZE = ['--checkouts', '150', '--customers', '8', '--naive', '100', '--naive-customers', '4'];
// Measured on those 2 cores (docs/chaos.md, "Second hop"): 64–112 s at load average 4–11; at 15–19 it
// took 238 s at a smaller size (the start-up and the four restarts take most of it then: a replica
// needed up to 61 s to start).
// The settlement may wait up to 60 s more when a charge cut by a restart keeps its key leased at
// the sandbox.
const SOAK_TIMEOUT_MS = 300_000;

function runSoak(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [SOAK, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGTERM'), SOAK_TIMEOUT_MS);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe('the chaos soak, CI size', () => {
  it(
    'keeps every checkout exactly once, and charged once, through faults on both hops, two replica kills (one mid-charge), a sandbox and a database restart, while the naive server double-charges',
    async () => {
      const { code, stdout, stderr } = await runSoak(CI_SIZE);
      // The report goes to the CI log whatever happens: it holds the measured numbers.
      process.stderr.write(`${stderr}\n${stdout}\n`);
      const last = stdout.trim().split('\n').at(-1) ?? '';
      const verdict = Object.fromEntries([...last.matchAll(/(\w+)=(\d+)/g)].map(([, name, value]) => [name, Number(value)]));

      expect(verdict).toEqual({
        checkouts: 150,
        duplicates: 0,
        lost: 0,
        naive_duplicates: expect.any(Number),
        double_charges: 0,
        orphan_charges: 0,
        unsettled: 0,
        naive_double_charges: expect.any(Number),
        webhook_events_applied_twice: 0,
        receipts_missing: 0,
        receipts_duplicated: 0,
        orders_moved_backwards: 0,
        naive_receipts_duplicated: expect.any(Number),
      });
      // The contrast, under the same faults: the naive server's fresh key per attempt charges an
      // order twice whenever a charge's answer is lost or late (9–12 orders per run at this size; 3
      // in the smaller run at load 16–17, where the API created only 18 naive orders).
      // naive_duplicates (the naive customers' duplicate orders, 3–9 per run) is reported, not
      // asserted: at load 15 and more nearly every naive attempt timed out first, and it was 0.
      expect(verdict.naive_double_charges).toBeGreaterThan(0);
      // The webhook hop's contrast: the sandbox sends 30 % of attempts three times over, so the
      // naive receiver, which issues a receipt per delivery, duplicates some whatever the load.
      expect(verdict.naive_receipts_duplicated).toBeGreaterThan(0);
      // Exit code 0: the other assertions held too (nothing left ambiguous, every paid order charged
      // exactly once for its total and no unpaid one charged, stock taken only by orders not
      // payment_failed, every order recorded with its key, 503 during the database outage and
      // recovery, the payment sandbox's data kept through its restart, every webhook delivery settled).
      expect(code).toBe(0);
    },
    SOAK_TIMEOUT_MS + 10_000,
  );
});

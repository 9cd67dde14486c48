import { spawn } from 'node:child_process';
import path from 'node:path';

// The soak of `npm run chaos` (tools/chaos/soak.mjs), at CI size, in its own process: it starts
// its own database (or a throwaway one on DATABASE_URL's server), the payment sandbox, two API
// replicas charging through it and this project's built proxy, and cleans all of it up on exit or
// SIGTERM.
const SOAK = path.resolve(__dirname, '../../../tools/chaos/soak.mjs');
const CI_SIZE = ['--checkouts', '300', '--customers', '20', '--naive', '250', '--naive-customers', '15'];
// Every checkout now also charges at the sandbox, and the soak waits for the recovery workers to
// settle what is left awaiting payment (at most 60 s, settle-checkouts.mjs) before it reconciles.
const SOAK_TIMEOUT_MS = 240_000;

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
  it('keeps every checkout exactly once, and charged once, through faults, a replica kill and a database restart, while the naive client duplicates', async () => {
    const { code, stdout, stderr } = await runSoak(CI_SIZE);
    // The report goes to the CI log whatever happens: it holds the measured numbers.
    process.stderr.write(`${stderr}\n${stdout}\n`);
    const last = stdout.trim().split('\n').at(-1) ?? '';
    const verdict = Object.fromEntries([...last.matchAll(/(\w+)=(\d+)/g)].map(([, name, value]) => [name, Number(value)]));

    expect(verdict).toEqual({
      checkouts: 300,
      duplicates: 0,
      lost: 0,
      naive_duplicates: expect.any(Number),
      double_charges: 0,
      orphan_charges: 0,
      unsettled: 0,
    });
    // About one naive checkout in twenty loses a response and is retried under a new key that
    // commits: measured 6–14 duplicates per run at this size before payments. With payments a
    // checkout costs more: 4 in a run at load average 3.5–5, none at 7–11, where nearly every
    // attempt timed out (docs/chaos.md, "With payments").
    expect(verdict.naive_duplicates).toBeGreaterThan(0);
    // Exit code 0: the other assertions held too (nothing left ambiguous, every paid order charged
    // exactly once for its total and no unpaid one charged, stock taken only by orders not
    // payment_failed, every order recorded with its key, 503 during the database outage and
    // recovery).
    expect(code).toBe(0);
  }, SOAK_TIMEOUT_MS + 10_000);
});

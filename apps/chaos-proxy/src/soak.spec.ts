import { spawn } from 'node:child_process';
import path from 'node:path';

// The soak of `npm run chaos` (tools/chaos/soak.mjs), at CI size, in its own process: it starts
// its own database (or a throwaway one on DATABASE_URL's server), two API replicas and this
// project's built proxy, and cleans all of it up on exit or SIGTERM.
const SOAK = path.resolve(__dirname, '../../../tools/chaos/soak.mjs');
const CI_SIZE = ['--checkouts', '300', '--customers', '20', '--naive', '250', '--naive-customers', '15'];
const SOAK_TIMEOUT_MS = 170_000;

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
  it('keeps every checkout exactly once through faults, a replica kill and a database restart, while the naive client duplicates', async () => {
    const { code, stdout, stderr } = await runSoak(CI_SIZE);
    // The report goes to the CI log whatever happens: it holds the measured numbers.
    process.stderr.write(`${stderr}\n${stdout}\n`);
    const last = stdout.trim().split('\n').at(-1) ?? '';
    const verdict = Object.fromEntries([...last.matchAll(/(\w+)=(\d+)/g)].map(([, name, value]) => [name, Number(value)]));

    expect(verdict).toEqual({ checkouts: 300, duplicates: 0, lost: 0, naive_duplicates: expect.any(Number) });
    // About one naive checkout in twenty loses a response and is retried under a new key that
    // commits: measured 6–14 duplicates per run at this size, so a run with none is a
    // one-in-thousands event.
    expect(verdict.naive_duplicates).toBeGreaterThan(0);
    // Exit code 0: the other assertions held too (nothing left ambiguous, stock moved once per
    // order, every order recorded with its key, 503 during the database outage and recovery).
    expect(code).toBe(0);
  }, SOAK_TIMEOUT_MS + 10_000);
});

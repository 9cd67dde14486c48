// `node tools/bench/dist/capacity-waiter-cost.js`: what one parked `Prefer: wait` duplicate costs,
// in CPU time of each process (from /proc, Linux only): the API process, PostgreSQL, and the bench
// sending it. One API process (apps/api/dist/main.js), the sandbox, a throwaway database; waves of
// copies of a few new keys, as the capacity bench's waiter storm sends them, on kept-alive
// connections. A wave's CPU, less its keys' executions at the CPU of a plain checkout measured the
// same way, divided by the copies that waited: a figure a busy machine barely moves.
import { startApiMainProcess } from './capacity/api-main-process';
import { createCapacityFixtures } from './capacity/capacity-fixtures';
import { readCapacitySettings } from './capacity/capacity-settings';
import { keepAlivePosts, type PostAnswer } from './capacity/keep-alive-posts';
import { cpuMs, parentPid, postgresServerCpuMs } from './capacity/process-cpu';
import { statusCounts } from './capacity/capacity-report';
import { newIdempotencyKey } from './load';
import { runBench, type Cleanup } from './bench-lifecycle';
import { startBenchStack, WORKSPACE_ROOT } from './bench-stack';

const TIMEOUT_MS = 15 * 60_000;
/** `WAITER_COST_WAVES`: waves measured (after as many of warm-up). Default 10. */
const WAVES = Number(process.env.WAITER_COST_WAVES ?? 10);
/** `WAITER_COST_KEYS` and `WAITER_COST_COPIES`: keys per wave and copies of each. Default 5 × 100 (the capacity storm sends each process 10 keys × 50). */
const KEYS = Number(process.env.WAITER_COST_KEYS ?? 5);
const COPIES = Number(process.env.WAITER_COST_COPIES ?? 100);
const CHECKOUTS = 200;

const log = (message: string) => console.error(`[bench:waiter-cost] ${message}`);
const cleanups: Cleanup[] = [];

async function main(): Promise<boolean> {
  const settings = { ...readCapacitySettings(['--quick']), users: 4, waiterKeys: KEYS };
  const { database, sandbox } = await startBenchStack(cleanups, log);
  const api = await startApiMainProcess(WORKSPACE_ROOT, { DATABASE_URL: database.url, PAYMENT_PROVIDER_URL: sandbox.url, WRITES_PER_USER: '1000000' });
  cleanups.push(() => api.stop());
  const fixtures = await createCapacityFixtures([api.url], database.url, settings);
  cleanups.push(() => fixtures.prisma.$disconnect());
  const [{ pid: backend }] = await fixtures.prisma.$queryRaw<{ pid: number }[]>`SELECT pg_backend_pid() AS pid`;
  const postmaster = parentPid(backend) as number;
  const pool = keepAlivePosts(api.url, KEYS * COPIES, 30_000);
  cleanups.push(async () => pool.close());
  const cpu = () => {
    const bench = process.cpuUsage();
    return { api: cpuMs(api.pid), postgres: postgresServerCpuMs(postmaster), bench: (bench.user + bench.system) / 1000 };
  };
  const headersOf = (user: (typeof fixtures.checkoutUsers)[number], key: string, prefer: boolean) => ({
    authorization: `Bearer ${user.accessToken}`,
    'content-type': 'application/json',
    'idempotency-key': key,
    ...(prefer ? { prefer: 'wait=10' } : {}),
  });
  const post = (user: (typeof fixtures.checkoutUsers)[number], key: string, body: string, prefer: boolean) =>
    pool.post('/orders', headersOf(user, key, prefer), body);
  // Checkouts KEYS at a time, as a wave's first copies run.
  const checkouts = async (count: number) => {
    const answers: PostAnswer[] = [];
    for (let i = 0; i < count; i += KEYS) {
      answers.push(
        ...(await Promise.all(fixtures.waiterUsers.map((user) => post(user, newIdempotencyKey(), JSON.stringify(fixtures.nextOrderBody()), false)))),
      );
    }
    return answers;
  };
  // As the capacity storm sends them: every copy of a key the same bytes, built once.
  const wave = () =>
    Promise.all(
      fixtures.waiterUsers.flatMap((user) => {
        const [key, body] = [newIdempotencyKey(), JSON.stringify(fixtures.nextOrderBody())];
        const request = pool.prepare('/orders', headersOf(user, key, true), body);
        return Array.from({ length: COPIES }, () => pool.send(request));
      }),
    );
  const measure = async <T>(run: () => Promise<T[]>) => {
    const before = cpu();
    const answers = await run();
    const after = cpu();
    return { answers, api: after.api - before.api, postgres: after.postgres - before.postgres, bench: after.bench - before.bench };
  };
  log('warm-up…');
  await checkouts(CHECKOUTS);
  for (let i = 0; i < WAVES; i++) await wave();
  log(`${CHECKOUTS} checkouts, ${KEYS} at a time…`);
  const plain = await measure(() => checkouts(CHECKOUTS));
  log(`${WAVES} waves of ${KEYS} keys × ${COPIES} copies…`);
  // With CAPACITY_CPU_PROFILE_DIR, a profile of the API process over the measured waves: waiters-<pid>.cpuprofile.
  api.startCpuProfile();
  const stormed = await measure(async () => {
    const answers: PostAnswer[] = [];
    for (let i = 0; i < WAVES; i++) answers.push(...(await wave()));
    return answers;
  });
  await api.stopCpuProfile('waiters');
  const executions = WAVES * KEYS;
  const parked = stormed.answers.length - executions;
  const each = (part: 'api' | 'postgres' | 'bench') => (stormed[part] - executions * (plain[part] / plain.answers.length)) / parked;
  const row = (name: string, part: 'api' | 'postgres' | 'bench') =>
    `${name.padEnd(10)} ${(plain[part] / plain.answers.length).toFixed(2).padStart(8)} ms ${each(part).toFixed(3).padStart(10)} ms`;
  console.log(
    `CPU per checkout (${plain.answers.length}: ${counts(plain.answers)}) and per parked copy (${WAVES} waves of ${KEYS} keys × ${COPIES} copies: ${counts(stormed.answers)})`,
  );
  console.log(`process      checkout  parked copy`);
  console.log([row('API', 'api'), row('PostgreSQL', 'postgres'), row('bench', 'bench')].join('\n'));
  return true;
}

function counts(answers: PostAnswer[]): string {
  const statusCodes: Record<string, number> = {};
  let errors = 0;
  for (const answer of answers) {
    if ('error' in answer) errors++;
    else statusCodes[answer.status] = (statusCodes[answer.status] ?? 0) + 1;
  }
  return statusCounts(statusCodes, errors);
}

runBench({ main, cleanups, log, timeoutMs: TIMEOUT_MS });

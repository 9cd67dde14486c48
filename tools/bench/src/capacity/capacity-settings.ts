// What `npm run bench:capacity` measures with, in one place (docs/benchmarks.md "Capacity").
// `--quick` (or CAPACITY_QUICK=1) shrinks every size and duration for a smoke run; each number can
// also be set on its own through the environment variable named beside it.
import type { AbuseName } from './abuse';
import { ABUSE_ORDER } from './capacity-report';

/** The sizes and durations of one capacity run. */
export interface CapacitySettings {
  quick: boolean;
  /** `CAPACITY_SECONDS`: seconds of each scenario (checkouts alone, and beside each abuse). Default 8, quick 3. */
  scenarioSeconds: number;
  /**
   * `CAPACITY_WARMUP_SECONDS`: checkout load before the first window, unmeasured. Default 15, quick 3:
   * with 3 s the first alone windows still rose from about 50 to 65-70 checkouts/s over the first
   * three windows (JIT, the connections' prepared statements, PostgreSQL's caches), so the first
   * abuse was bracketed by a machine that was not yet in its steady state.
   */
  warmupSeconds: number;
  /** `CAPACITY_SETTLE_SECONDS`: pause after each scenario, so that one's queue is not charged to the next. Default 2, quick 1. */
  settleSeconds: number;
  /** `CAPACITY_CHECKOUT_CONNECTIONS`: closed-loop checkout clients, split over both processes. Default 10 (the database pool). */
  checkoutConnections: number;
  /**
   * `CAPACITY_USERS`: users the checkouts rotate over, so that the per-user write limit (50 new
   * orders per 10 s) meets a normal shop: at this machine's ~100 checkouts/s, 64 users order about
   * 16 times per 10 s each and are never refused, so the windows measure the machine, not the
   * limit. Default 64 (with the other users, fewer logins than the 100 per minute one address may make).
   */
  users: number;
  /** `CAPACITY_LOGIN_CONNECTIONS`: login flood connections. Default 32. */
  loginConnections: number;
  /** `CAPACITY_FAT_BODY_CONNECTIONS`: fat-body clients. Default 8. */
  fatBodyConnections: number;
  /** `CAPACITY_FAT_BODY_MEMBERS`: extra members of the fat login body (9 000 ≈ 89 kB). */
  fatBodyMembers: number;
  /** `CAPACITY_LIST_CONNECTIONS`: loops reading the order list. Default 8. */
  listConnections: number;
  /** `CAPACITY_LIST_ORDERS`: orders of the list loops' user, inserted directly. Default 1 500, quick 300. */
  listOrders: number;
  /** `CAPACITY_SLOW_SOCKETS`: raw sockets of the slow-body scenario, a third of each kind. Default 300, quick 60. */
  slowSockets: number;
  /**
   * `CAPACITY_SLOW_HOLD_SECONDS`: how long the slow sockets stay open (at least the scenario's window),
   * so that a server timeout longer than the window is still seen. Default 20, quick 5.
   */
  slowHoldSeconds: number;
  /** `CAPACITY_WAITERS`: concurrent `Prefer: wait` requests per wave of the waiter storm. Default 1 000, quick 200. */
  waiters: number;
  /** `CAPACITY_WAITER_KEYS`: keys per wave; the waiters split evenly over them. Default 10. */
  waiterKeys: number;
  /**
   * `CAPACITY_ABUSE_RATE`: cap on each HTTP abuse's requests/s (0 = none), the waiter storm's
   * included (a wave of 1 000 at 400/s starts at most every 2.5 s). Default 400. The attacker
   * shares the 2 cores: an uncapped flood of cheap refusals would mostly measure the load
   * generator's own CPU, which a real attacker spends on their machine.
   */
  abuseRatePerSecond: number;
  /** `CAPACITY_RECOVERY_CHECKOUTS`: checkouts stalled by the recovery scenario. Default 1 000, quick 100. */
  recoveryCheckouts: number;
  /** `CAPACITY_RECOVERY_AFTER_SECONDS`: the API's `CHECKOUT_RECOVERY_AFTER_SECONDS` in that scenario. Default 10. */
  recoveryAfterSeconds: number;
  /** `CAPACITY_LEASE_MS`: the API's `IDEMPOTENCY_LEASE_MS` in that scenario. Default 3 000. */
  leaseMs: number;
  /**
   * `CAPACITY_RECOVERY_MARGIN_SECONDS`: the margin the recovery worker documents beyond
   * `CHECKOUT_RECOVERY_AFTER_SECONDS`. Default 0: the API exports no fixed margin (payments.md describes it as the worker's tick plus the backlog's drain time).
   */
  recoveryMarginSeconds: number;
  /** `CAPACITY_RECOVERY_WAIT_SECONDS`: how long after the leases lapsed the bench waits for every order to be paid. Default 200, quick 60. */
  recoveryWaitSeconds: number;
  /**
   * `CAPACITY_ABUSES`: the abuses to run, comma-separated in any order (run in the summary line's
   * order). Default all; the others' figures are then `NaN`. For comparing one fix before and after.
   */
  abuses: AbuseName[];
  /** `CAPACITY_RECOVERY`: `0` skips the recovery scenario (its figures are then `NaN`). Default 1. */
  recovery: boolean;
}

/** The settings for `argv` and `env`. Throws on a value that is not a non-negative integer. */
export function readCapacitySettings(argv: string[] = process.argv.slice(2), env: NodeJS.ProcessEnv = process.env): CapacitySettings {
  const quick = argv.includes('--quick') || env.CAPACITY_QUICK === '1';
  const int = (name: string, normal: number, short = normal): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return quick ? short : normal;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a non-negative integer (got "${raw}")`);
    return value;
  };
  return {
    quick,
    scenarioSeconds: int('CAPACITY_SECONDS', 8, 3),
    warmupSeconds: int('CAPACITY_WARMUP_SECONDS', 15, 3),
    settleSeconds: int('CAPACITY_SETTLE_SECONDS', 2, 1),
    checkoutConnections: int('CAPACITY_CHECKOUT_CONNECTIONS', 10),
    users: int('CAPACITY_USERS', 64, 8),
    loginConnections: int('CAPACITY_LOGIN_CONNECTIONS', 32),
    fatBodyConnections: int('CAPACITY_FAT_BODY_CONNECTIONS', 8),
    fatBodyMembers: int('CAPACITY_FAT_BODY_MEMBERS', 9_000),
    listConnections: int('CAPACITY_LIST_CONNECTIONS', 8),
    listOrders: int('CAPACITY_LIST_ORDERS', 1_500, 300),
    slowSockets: int('CAPACITY_SLOW_SOCKETS', 300, 60),
    slowHoldSeconds: int('CAPACITY_SLOW_HOLD_SECONDS', 20, 5),
    waiters: int('CAPACITY_WAITERS', 1_000, 200),
    waiterKeys: int('CAPACITY_WAITER_KEYS', 10),
    abuseRatePerSecond: int('CAPACITY_ABUSE_RATE', 400),
    recoveryCheckouts: int('CAPACITY_RECOVERY_CHECKOUTS', 1_000, 100),
    recoveryAfterSeconds: int('CAPACITY_RECOVERY_AFTER_SECONDS', 10),
    leaseMs: int('CAPACITY_LEASE_MS', 3_000),
    recoveryMarginSeconds: int('CAPACITY_RECOVERY_MARGIN_SECONDS', 0),
    recoveryWaitSeconds: int('CAPACITY_RECOVERY_WAIT_SECONDS', 200, 60),
    abuses: abuseNames(env.CAPACITY_ABUSES),
    recovery: env.CAPACITY_RECOVERY !== '0',
  };
}

function abuseNames(raw: string | undefined): AbuseName[] {
  if (raw === undefined || raw.trim() === '') return [...ABUSE_ORDER];
  const names = raw.split(',').map((name) => name.trim());
  const unknown = names.filter((name) => !ABUSE_ORDER.includes(name as AbuseName));
  if (unknown.length) throw new Error(`CAPACITY_ABUSES names unknown abuses: ${unknown.join(', ')} (known: ${ABUSE_ORDER.join(', ')})`);
  return ABUSE_ORDER.filter((name) => names.includes(name));
}

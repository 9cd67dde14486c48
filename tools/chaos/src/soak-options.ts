// Command-line options of the soak (`npm run chaos -- --help`).
import { parseArgs } from 'node:util';
import type { FaultRates } from './chaos-admin-wire';

/** What one soak run does; see {@link DEFAULT_SOAK_OPTIONS} for the defaults. */
export interface SoakOptions {
  /** Logical checkouts through the retrying client. */
  checkouts: number;
  /** Checkouts through the naive axios-retry client. */
  naive: number;
  /** Concurrent customers of the retrying client. */
  customers: number;
  /** Concurrent naive customers. */
  naiveCustomers: number;
  /** Share of POST /orders (customers → API) that get a fault, in [0, 1]. */
  faultRate: number;
  /** Share of POST /v1/payment_intents (API → payment sandbox) that get a fault, in [0, 1]. */
  providerFaultRate: number;
  /** The provider hop's latency fault, in ms. */
  providerLatencyMs: number;
  /** Seed of the proxies' fault decisions. */
  seed: number;
  /** The API replicas' IDEMPOTENCY_LEASE_MS. */
  leaseMs: number;
  /** The API replicas' CHECKOUT_RECOVERY_AFTER_SECONDS. */
  recoveryAfterSeconds: number;
  /** Kill the replicas and restart the sandbox and the database mid-load. */
  processFaults: boolean;
}

/** The defaults: the full soak. CI runs a smaller one (tools/chaos/src/soak.spec.ts). */
export const DEFAULT_SOAK_OPTIONS: Readonly<SoakOptions> = Object.freeze({
  checkouts: 1000,
  naive: 200,
  customers: 30,
  naiveCustomers: 10,
  // Each hop: customers → API replicas, and API replicas → payment sandbox.
  faultRate: 0.3,
  providerFaultRate: 0.3,
  // The provider hop's latency fault: past the API's 4 s per-attempt timeout for a charge
  // (apps/api/src/checkout/payment-provider.ts), so the replica gives up on the attempt and
  // retries with the same key while the first one is still on its way to the sandbox.
  providerLatencyMs: 4500,
  seed: 42,
  // Short, so that keys held by a killed replica are taken over within the customers' patience
  // (the API's default is 30 s); it also lets slow requests lose their lease to a retry, the
  // take-over path the fencing must keep safe.
  leaseMs: 3000,
  // The replicas' CHECKOUT_RECOVERY_AFTER_SECONDS (the API's default is 60): their recovery
  // workers finish checkouts left awaiting payment (a killed replica's, a customer who gave up)
  // during the soak, and within seconds after it.
  recoveryAfterSeconds: 1,
  processFaults: true,
});

const USAGE = `Usage: npm run chaos -- [options]   (or node tools/chaos/dist/soak.js [options] after a build)
  --checkouts N         logical checkouts through the retrying client (default ${DEFAULT_SOAK_OPTIONS.checkouts})
  --naive N             checkouts through the naive axios-retry client (default ${DEFAULT_SOAK_OPTIONS.naive})
  --customers N         concurrent customers of the retrying client (default ${DEFAULT_SOAK_OPTIONS.customers})
  --naive-customers N   concurrent naive customers (default ${DEFAULT_SOAK_OPTIONS.naiveCustomers})
  --fault-rate R        share of POST /orders (customers → API) that get a fault, 0–1 (default ${DEFAULT_SOAK_OPTIONS.faultRate})
  --provider-fault-rate R
                        share of POST /v1/payment_intents (API → payment sandbox) that get a fault, 0–1
                        (default ${DEFAULT_SOAK_OPTIONS.providerFaultRate})
  --provider-latency-ms N
                        the provider hop's latency fault (default ${DEFAULT_SOAK_OPTIONS.providerLatencyMs}: past the API's 4 s attempt timeout)
  --seed N              seed of the proxy's fault decisions (default ${DEFAULT_SOAK_OPTIONS.seed})
  --lease-ms N          the API replicas' IDEMPOTENCY_LEASE_MS (default ${DEFAULT_SOAK_OPTIONS.leaseMs})
  --recovery-after-seconds N
                        the API replicas' CHECKOUT_RECOVERY_AFTER_SECONDS (default ${DEFAULT_SOAK_OPTIONS.recoveryAfterSeconds})
  --no-process-faults   skip the replica kills and the sandbox and database restarts`;

const OPTIONS = {
  checkouts: { type: 'string' },
  naive: { type: 'string' },
  customers: { type: 'string' },
  'naive-customers': { type: 'string' },
  'fault-rate': { type: 'string' },
  'provider-fault-rate': { type: 'string' },
  'provider-latency-ms': { type: 'string' },
  seed: { type: 'string' },
  'lease-ms': { type: 'string' },
  'recovery-after-seconds': { type: 'string' },
  'no-process-faults': { type: 'boolean' },
  help: { type: 'boolean' },
} as const;

type NumericOption = { [K in keyof typeof OPTIONS]: (typeof OPTIONS)[K]['type'] extends 'string' ? K : never }[keyof typeof OPTIONS];

/** Parses `argv`; returns `undefined` after printing the usage for `--help`. */
export function parseSoakOptions(argv: string[]): SoakOptions | undefined {
  const { values } = parseArgs({ args: argv, options: OPTIONS });
  if (values.help) {
    console.log(USAGE);
    return undefined;
  }
  const whole = (name: NumericOption, min: number) => {
    const raw = values[name];
    if (raw === undefined) return undefined;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min) throw new RangeError(`--${name} must be a whole number ≥ ${min}, got "${raw}"\n${USAGE}`);
    return value;
  };
  const rate = (name: NumericOption) => {
    const raw = values[name];
    if (raw === undefined) return undefined;
    const value = Number(raw);
    if (!(value >= 0 && value <= 1)) throw new RangeError(`--${name} must be in [0, 1], got "${raw}"\n${USAGE}`);
    return value;
  };
  const options: { [K in keyof SoakOptions]: SoakOptions[K] | undefined } = {
    checkouts: whole('checkouts', 1),
    naive: whole('naive', 0),
    customers: whole('customers', 1),
    naiveCustomers: whole('naive-customers', 1),
    faultRate: rate('fault-rate'),
    providerFaultRate: rate('provider-fault-rate'),
    providerLatencyMs: whole('provider-latency-ms', 0),
    seed: whole('seed', 0),
    leaseMs: whole('lease-ms', 100),
    recoveryAfterSeconds: whole('recovery-after-seconds', 0),
    processFaults: values['no-process-faults'] ? false : undefined,
  };
  const given = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as Partial<SoakOptions>;
  return { ...DEFAULT_SOAK_OPTIONS, ...given };
}

/**
 * The proxy's rates for a total fault rate: spread evenly over the three failure scenarios, plus
 * a tenth of it as latency beyond the client's attempt timeout.
 */
export function faultRatesFor(faultRate: number): FaultRates {
  const scenario = (faultRate * 0.3).toFixed(4);
  return {
    'request-lost': Number(scenario),
    'server-failure': Number(scenario),
    'response-lost': Number(scenario),
    latency: Number((faultRate * 0.1).toFixed(4)),
  };
}

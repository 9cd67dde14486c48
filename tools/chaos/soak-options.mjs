// Command-line options of the soak (`npm run chaos -- --help`).
import { parseArgs } from 'node:util';

/** The defaults: the full soak. CI runs a smaller one (apps/chaos-proxy/src/soak.spec.ts). */
export const DEFAULT_SOAK_OPTIONS = Object.freeze({
  checkouts: 1000,
  naive: 200,
  customers: 30,
  naiveCustomers: 10,
  // Each hop: customers → API replicas, and API replicas → payment sandbox.
  faultRate: 0.3,
  providerFaultRate: 0.3,
  // The provider hop's latency fault: past the API's 4 s per-attempt timeout for a charge
  // (apps/api/src/payments/payment-provider.ts), so the replica gives up on the attempt and
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

const USAGE = `Usage: node tools/chaos/soak.mjs [options]
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

/**
 * Parses `argv`; returns `undefined` after printing the usage for `--help`.
 * @returns {typeof DEFAULT_SOAK_OPTIONS | undefined}
 */
export function parseSoakOptions(argv) {
  const { values } = parseArgs({
    args: argv,
    options: {
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
    },
  });
  if (values.help) {
    console.log(USAGE);
    return undefined;
  }
  const whole = (name, min) => {
    const raw = values[name];
    if (raw === undefined) return undefined;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min) throw new RangeError(`--${name} must be a whole number ≥ ${min}, got "${raw}"\n${USAGE}`);
    return value;
  };
  const rate = (name) => {
    const raw = values[name];
    if (raw === undefined) return undefined;
    const value = Number(raw);
    if (!(value >= 0 && value <= 1)) throw new RangeError(`--${name} must be in [0, 1], got "${raw}"\n${USAGE}`);
    return value;
  };
  const options = {
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
  return { ...DEFAULT_SOAK_OPTIONS, ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) };
}

/**
 * The proxy's rates for a total fault rate: spread evenly over the three failure scenarios, plus
 * a tenth of it as latency beyond the client's attempt timeout.
 */
export function faultRatesFor(faultRate) {
  const scenario = (faultRate * 0.3).toFixed(4);
  return {
    'request-lost': Number(scenario),
    'server-failure': Number(scenario),
    'response-lost': Number(scenario),
    latency: Number((faultRate * 0.1).toFixed(4)),
  };
}

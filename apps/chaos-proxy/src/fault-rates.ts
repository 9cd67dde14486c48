/**
 * The faults the proxy injects into one request:
 * - `request-lost`: the connection is dropped before anything is forwarded; the API never sees it.
 * - `server-failure`: forwarded with `X-Chaos-Fault: server-failure`, so an API started from
 *   `chaos-main.js` fails inside the operation after its first writes, and rolls back.
 * - `response-lost`: the API answers (and has committed); the client's connection is destroyed
 *   instead of relaying that answer.
 * - `latency`: forwarded late, after `latencyMs`, even if the client has given up by then.
 */
export const FAULT_KINDS = ['request-lost', 'server-failure', 'response-lost', 'latency'] as const;

export type FaultKind = (typeof FAULT_KINDS)[number];

/** Probability of each fault per eligible request, each in [0, 1], together at most 1. */
export type FaultRates = Readonly<Record<FaultKind, number>>;

export const NO_FAULTS: FaultRates = { 'request-lost': 0, 'server-failure': 0, 'response-lost': 0, latency: 0 };

/**
 * `current` with the rates named in `patch` replaced. Throws a `RangeError` naming the problem
 * for an unknown fault, a rate outside [0, 1], or rates that add up to more than 1.
 */
export function withFaultRates(current: FaultRates, patch: Readonly<Record<string, unknown>>): FaultRates {
  const next: Record<FaultKind, number> = { ...current };
  for (const [name, value] of Object.entries(patch)) {
    if (!isFaultKind(name)) throw new RangeError(`unknown fault "${name}"; faults are ${FAULT_KINDS.join(', ')}`);
    if (typeof value !== 'number' || !(value >= 0 && value <= 1))
      throw new RangeError(`rate of ${name} must be a number in [0, 1], got ${JSON.stringify(value)}`);
    next[name] = value;
  }
  const total = FAULT_KINDS.reduce((sum, kind) => sum + next[kind], 0);
  // A little slack so that 0.1 + 0.2 + 0.7 is accepted despite floating-point residue.
  if (total > 1 + 1e-9) throw new RangeError(`fault rates add up to ${total}; they must add up to at most 1`);
  return next;
}

export function isFaultKind(name: string): name is FaultKind {
  return (FAULT_KINDS as readonly string[]).includes(name);
}

/**
 * Parses `request-lost=0.1,response-lost=0.05` (the `CHAOS_RATES` format) into rates; faults
 * not named stay at 0.
 */
export function parseFaultRates(text: string): FaultRates {
  const entries = text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const [name, value, ...rest] = part.split('=').map((s) => s.trim());
      if (!name || value === undefined || rest.length) throw new RangeError(`expected fault=rate, got "${part}"`);
      return [name, value === '' ? NaN : Number(value)] as const;
    });
  return withFaultRates(NO_FAULTS, Object.fromEntries(entries));
}

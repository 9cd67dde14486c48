// One closed-loop measurement of what a kind of request costs the processes that answer it, in CPU
// time: shared by the per-request cost scripts (capacity-request-cost.ts, sandbox-charge-cost.ts).
import autocannon from 'autocannon';

/** A kind of request sent closed-loop: `request()` is called once per request sent. */
export interface ClosedLoopRequests {
  url: string;
  connections: number;
  request: () => autocannon.Request;
}

/** What one measured run spent: CPU ms per sampled process, requests answered, statuses as `201×2000`. */
export interface CpuPerRequest<Name extends string> {
  spentMs: Record<Name, number>;
  requests: number;
  statuses: string;
  errors: number;
}

/** Sends `amount` requests of `kind`, `connections` at a time, each built by `kind.request()`. */
export function sendClosedLoop(kind: ClosedLoopRequests, amount: number): Promise<autocannon.Result> {
  return autocannon({ url: kind.url, connections: kind.connections, amount, requests: [{ setupRequest: (request) => ({ ...request, ...kind.request() }) }] });
}

/**
 * Sends `amount` requests of `kind` and returns the CPU each sampled process spent meanwhile
 * (`cpu` reads a process's user + system ms so far, e.g. from /proc). No warm-up: the caller sends
 * one first, so that compilation and connection set-up are not counted.
 */
export async function measureCpuPerRequest<Name extends string>(
  kind: ClosedLoopRequests,
  amount: number,
  cpu: Record<Name, () => number>,
): Promise<CpuPerRequest<Name>> {
  const names = Object.keys(cpu) as Name[];
  const before = Object.fromEntries(names.map((name) => [name, cpu[name]()])) as Record<Name, number>;
  const result = await sendClosedLoop(kind, amount);
  const spentMs = Object.fromEntries(names.map((name) => [name, cpu[name]() - before[name]])) as Record<Name, number>;
  const statuses = Object.entries(result.statusCodeStats ?? {})
    .map(([code, { count }]) => `${code}×${count}`)
    .join(', ');
  return { spentMs, requests: result.requests.total, statuses, errors: result.errors + result.timeouts };
}

/** `ms` of CPU spread over `requests`, as whole µs per request. */
export function microsecondsEach(ms: number, requests: number): string {
  return `${((1000 * ms) / requests).toFixed(0)} µs`;
}

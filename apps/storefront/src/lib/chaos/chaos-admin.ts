import { ApiError } from '../api';

// The chaos proxy's admin endpoint (`GET`/`PUT /__chaos`, as apps/chaos-proxy answers it), called
// from the browser: the proxy answers CORS for the storefront. The wire's rates are probabilities;
// here they are percent, the unit the panel shows and a person types. No retries: `GET` is polled
// anyway, and a failed `PUT` is shown to the person, who can press the button again.

/** A fault the proxy can inject into one eligible request (the How-this-works page explains each). */
export type NetworkFault = 'request-lost' | 'server-failure' | 'response-lost' | 'latency';

/** Every {@link NetworkFault}, in the order the chaos panel lists them. */
export const NETWORK_FAULTS: readonly NetworkFault[] = ['request-lost', 'server-failure', 'response-lost', 'latency'];

export type FaultPercents = Record<NetworkFault, number>;

/** The proxy's settings, and what it has counted since it started or its counts were reset. */
export interface ChaosStatus {
  /** Chance of each fault per eligible request, in percent (one decimal); each request gets at most one, so together at most 100. */
  ratePercent: FaultPercents;
  /** How long the `latency` fault holds a request before forwarding it, in milliseconds. */
  latencyMs: number;
  /** The requests that may get a fault, as `"METHOD /path"`. */
  routes: string[];
  /** `upstream-errors`: requests the proxy answered 502 because it could not reach the server behind it. */
  counts: Record<'requests' | 'eligible' | NetworkFault | 'upstream-errors', number>;
}

/** A change of the proxy's settings; what is left out stays as it is. */
export interface ChaosChange {
  ratePercent?: Partial<FaultPercents>;
  latencyMs?: number;
  resetCounts?: boolean;
}

/** The rates added up, to one decimal without floating-point residue: the proxy takes at most 100 %. */
export function totalPercent(rates: FaultPercents): number {
  return Math.round(NETWORK_FAULTS.reduce((sum, fault) => sum + rates[fault], 0) * 10) / 10;
}

/** The proxy answers from memory, so an answer slower than this means it is gone. */
const ADMIN_TIMEOUT_MS = 5_000;
const COUNTED = ['requests', 'eligible', 'upstream-errors', ...NETWORK_FAULTS] as const;

export function readChaos(adminUrl: string): Promise<ChaosStatus> {
  return call(adminUrl, 'GET');
}

/** Applies `change` and resolves to the settings it produced; throws `ApiError`. */
export function changeChaos(adminUrl: string, { ratePercent, ...rest }: ChaosChange): Promise<ChaosStatus> {
  // One decimal of a percent is as fine as the panel goes: rounding keeps 33.3 % → 0.333 exact.
  const rates = ratePercent && Object.fromEntries(Object.entries(ratePercent).map(([fault, percent]) => [fault, Math.round(percent * 10) / 1000]));
  return call(adminUrl, 'PUT', { rates, ...rest });
}

async function call(adminUrl: string, method: 'GET' | 'PUT', patch?: object): Promise<ChaosStatus> {
  const response = await fetch(adminUrl, {
    method,
    body: patch && JSON.stringify(patch),
    headers: patch && { 'Content-Type': 'application/json' },
    cache: 'no-store',
    signal: AbortSignal.timeout(ADMIN_TIMEOUT_MS),
  }).catch((error: Error) => {
    const kind = error.name === 'TimeoutError' ? 'timeout' : 'unreachable';
    throw new ApiError(kind, 'Cannot reach the chaos proxy', `No answer from ${adminUrl}. Is the demo still running?`);
  });
  const body = await response.json().catch(() => undefined);
  if (!response.ok) {
    // An invalid change is answered with an RFC 9457 problem whose `detail` names the field.
    const title = method === 'PUT' ? 'The chaos proxy refused the change' : 'The chaos proxy answered with an error';
    const detail = typeof body?.detail === 'string' ? body.detail : `It answered HTTP ${response.status}.`;
    throw new ApiError('problem', title, detail, { status: response.status });
  }
  if (!isSnapshot(body)) {
    throw new ApiError('http', 'Not a chaos proxy', `${adminUrl} answered, but not with the chaos proxy's settings.`, { status: response.status });
  }
  const ratePercent = Object.fromEntries(NETWORK_FAULTS.map((fault) => [fault, Math.round(body.rates[fault] * 1000) / 10])) as FaultPercents;
  return { ratePercent, latencyMs: body.latencyMs, routes: body.routes, counts: body.counts };
}

type Snapshot = Omit<ChaosStatus, 'ratePercent'> & { rates: FaultPercents };

// The admin URL may point at something other than the proxy (a typo, another port): say so rather than show made-up values.
function isSnapshot(body: unknown): body is Snapshot {
  const dto = body as Partial<Snapshot> | undefined;
  const isRate = (rate: unknown) => typeof rate === 'number' && rate >= 0 && rate <= 1;
  return (
    Number.isInteger(dto?.latencyMs) &&
    Array.isArray(dto?.routes) &&
    NETWORK_FAULTS.every((fault) => isRate(dto?.rates?.[fault])) &&
    COUNTED.every((counted) => Number.isInteger(dto?.counts?.[counted]))
  );
}

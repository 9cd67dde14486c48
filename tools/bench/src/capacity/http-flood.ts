// An HTTP abuse as autocannon sends it: closed-loop connections split evenly over the API
// processes, optionally capped in rate (capacity-settings.ts says why), counting answers by
// status and the bytes each answer cost the server to send.
import autocannon from 'autocannon';
import type { AbuseResult } from './abuse';

/** One flood. */
export interface FloodOptions {
  urls: string[];
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  /** A fixed body, or one made for every request. */
  body?: string | (() => string);
  /** Connections over all processes. */
  connections: number;
  seconds: number;
  /** Requests/s over all processes; 0 = as fast as the answers come. */
  ratePerSecond: number;
}

/** Runs the flood against every process at once and adds their answers. */
export async function runFlood({ urls, method, path, headers, body, connections, seconds, ratePerSecond }: FloodOptions): Promise<AbuseResult> {
  const perProcess = (total: number, i: number) => Math.floor(total / urls.length) + (i < total % urls.length ? 1 : 0);
  const results = await Promise.all(
    urls.map((url, i) => {
      const request: autocannon.Request = { method, path, headers, ...(typeof body === 'string' ? { body } : {}) };
      if (typeof body === 'function') request.setupRequest = (req) => ({ ...req, body: body() });
      const rate = ratePerSecond ? Math.max(1, perProcess(ratePerSecond, i)) : undefined;
      return autocannon({
        url,
        connections: Math.max(1, perProcess(connections, i)),
        pipelining: 1,
        duration: seconds,
        // A flood answered in minutes would hold the scenario: 30 s is a timeout (an error).
        timeout: 30,
        requests: [request],
        ...(rate ? { overallRate: rate } : {}),
      });
    }),
  );
  const statusCodes: Record<string, number> = {};
  for (const result of results) {
    for (const [code, { count = 0 }] of Object.entries(result.statusCodeStats ?? {})) statusCodes[code] = (statusCodes[code] ?? 0) + count;
  }
  const requests = results.reduce((sum, result) => sum + result.requests.total, 0);
  const bytes = results.reduce((sum, result) => sum + result.throughput.total, 0);
  return {
    requests,
    seconds,
    statusCodes,
    bytesPerAnswer: requests ? bytes / requests : undefined,
    errors: results.reduce((sum, result) => sum + result.errors + result.timeouts, 0),
  };
}

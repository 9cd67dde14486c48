import { ApiError } from '../api';
import { toChaosPatchDto, toChaosStatus } from './chaos-wire';
import type { ChaosChange, ChaosStatus } from './types';

/** How long one admin call may take: the proxy answers from memory, so a slow answer means it is gone. */
const ADMIN_TIMEOUT_MS = 5_000;

/**
 * The chaos proxy's admin endpoint, from the browser (the proxy answers CORS for the
 * storefront). Reads and changes the fault rates; returns the app's own types and throws
 * `ApiError`. No retries: `GET` is polled anyway, and a failed `PUT` is shown to the person
 * who can simply press the button again.
 */
export class ChaosAdmin {
  constructor(readonly adminUrl: string) {}

  /** The current settings and counts (`GET`). */
  status(): Promise<ChaosStatus> {
    return this.call('GET');
  }

  /** Applies `change` (`PUT`, merged into the current settings) and returns the settings it produced. */
  change(change: ChaosChange): Promise<ChaosStatus> {
    return this.call('PUT', JSON.stringify(toChaosPatchDto(change)));
  }

  private async call(method: 'GET' | 'PUT', body?: string): Promise<ChaosStatus> {
    let response: Response;
    try {
      response = await fetch(this.adminUrl, {
        method,
        body,
        headers: body ? { 'Content-Type': 'application/json' } : undefined,
        cache: 'no-store',
        signal: AbortSignal.timeout(ADMIN_TIMEOUT_MS),
      });
    } catch (error) {
      const timedOut = (error as Error).name === 'TimeoutError';
      throw new ApiError(timedOut ? 'timeout' : 'unreachable', 'Cannot reach the chaos proxy', `No answer from ${this.adminUrl}. Is the demo still running?`);
    }
    const answer: unknown = await response.json().catch(() => undefined);
    if (!response.ok) throw refusal(method, response.status, answer);
    try {
      return toChaosStatus(answer);
    } catch {
      throw new ApiError('http', 'Not a chaos proxy', `${this.adminUrl} answered, but not with the chaos proxy's settings.`, {
        status: response.status,
      });
    }
  }
}

// The proxy answers an invalid change with an RFC 9457 problem whose `detail` names the field.
function refusal(method: 'GET' | 'PUT', status: number, answer: unknown): ApiError {
  const detail = (answer as { detail?: unknown } | undefined)?.detail;
  const message = typeof detail === 'string' ? detail : `It answered HTTP ${status}.`;
  const title = method === 'PUT' ? 'The chaos proxy refused the change' : 'The chaos proxy answered with an error';
  return new ApiError('problem', title, message, { status });
}

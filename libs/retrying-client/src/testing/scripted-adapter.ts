import { AxiosError, AxiosHeaders, type AxiosAdapter, type AxiosResponse, type InternalAxiosRequestConfig } from 'axios';

/** What the fake server does with one attempt: answer with a status, or fail like the network. */
export type ScriptStep = { status: number; headers?: Record<string, string>; data?: unknown } | { networkError: string };

/** One attempt as the adapter saw it. */
export interface ScriptedCall {
  /** `Date.now()` when the attempt was dispatched (fake time under fake timers). */
  at: number;
  headers: Record<string, string>;
  /** The attempt's axios `timeout`, in milliseconds. */
  timeout: number;
}

/**
 * An axios adapter that plays `steps` in order (then repeats `fallback`), with no sockets and no
 * timers of its own, so fake timers control every wait of the retry flow.
 */
export function scriptedAdapter(steps: ScriptStep[], fallback: ScriptStep = { status: 200 }) {
  const calls: ScriptedCall[] = [];
  const adapter: AxiosAdapter = async (config: InternalAxiosRequestConfig): Promise<AxiosResponse> => {
    calls.push({ at: Date.now(), headers: headersOf(config), timeout: config.timeout ?? 0 });
    const step = steps[calls.length - 1] ?? fallback;
    if ('networkError' in step) throw new AxiosError(`fake ${step.networkError}`, step.networkError, config, {});
    const response: AxiosResponse = {
      data: step.data ?? {},
      status: step.status,
      statusText: '',
      headers: AxiosHeaders.from(step.headers ?? {}),
      config,
      request: {},
    };
    if (config.validateStatus?.(step.status) ?? true) return response;
    const code = step.status >= 500 ? AxiosError.ERR_BAD_RESPONSE : AxiosError.ERR_BAD_REQUEST;
    throw new AxiosError(`Request failed with status code ${step.status}`, code, config, {}, response);
  };
  return { adapter, calls };
}

function headersOf(config: InternalAxiosRequestConfig): Record<string, string> {
  const entries = Object.entries(config.headers.toJSON()).map(([k, v]) => [k.toLowerCase(), String(v)]);
  return Object.fromEntries(entries);
}

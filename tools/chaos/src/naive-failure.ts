import type { AxiosError } from 'axios';

/**
 * How a naive client's request finally failed, as the report counts it: `http:<status>` when the
 * server answered, else the axios or system error code (`ECONNABORTED`…), else the message.
 */
export function naiveFailureOf(error: unknown): string {
  const { response, code, message } = error as AxiosError;
  return response ? `http:${response.status}` : (code ?? message);
}

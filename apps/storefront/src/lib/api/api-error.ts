import { parseRetryAfterMs, RetryingClientError } from '@safe-checkout/retrying-client';
import { readHeader } from './http-headers';
import { customerMessage } from './problem-messages';
import type { ProblemOutcome } from './types';

/** An RFC 9457 `problem` from the API, an `http` error that is not one (e.g. a gateway's), no answer (`unreachable`), or none in time. */
export type ApiFailureKind = 'problem' | 'http' | 'unreachable' | 'timeout';

export interface FieldError {
  /** Dotted path in the request body, e.g. `shippingAddress.country`. */
  field: string;
  messages: string[];
}

/** A failed API call, described for people: `title` and `message` are safe to show as they are. */
export class ApiError extends Error {
  override name = 'ApiError';

  constructor(
    readonly kind: ApiFailureKind,
    readonly title: string,
    message: string,
    readonly details: { status?: number; slug?: string; problemOutcome?: ProblemOutcome; fieldErrors?: FieldError[] } = {},
  ) {
    super(message);
  }

  get status(): number | undefined {
    return this.details.status;
  }

  /** The last segment of the problem `type`, e.g. `insufficient-stock`. */
  get slug(): string | undefined {
    return this.details.slug;
  }

  get fieldErrors(): FieldError[] {
    return this.details.fieldErrors ?? [];
  }
}

export function toApiError(error: unknown, apiBaseUrl: string): ApiError {
  if (error instanceof ApiError) return error;
  if (!(error instanceof RetryingClientError)) {
    return new ApiError('unreachable', 'Something went wrong', error instanceof Error ? error.message : String(error));
  }
  const { attempts, response } = error;
  if (response?.status === undefined) {
    const kind = error.failures.at(-1)?.kind === 'timeout' ? 'timeout' : 'unreachable';
    const answered = error.failures.filter((f) => f.status !== undefined).map((f) => f.status);
    if (answered.length > 0) {
      // Earlier attempts were answered, so the shop is reachable: only the last one went unanswered.
      const message = `The last of ${attempts} attempts got no answer${kind === 'timeout' ? ' in time' : ''} from ${apiBaseUrl}; earlier attempts were answered with HTTP ${answered.join(', ')}.`;
      return new ApiError(kind, 'The shop stopped answering', message);
    }
    const noAnswer = `No answer from ${apiBaseUrl} after ${attempts === 1 ? '1 attempt' : `${attempts} attempts`}.`;
    return kind === 'timeout'
      ? new ApiError(kind, 'The shop did not answer in time', noAnswer)
      : new ApiError(kind, 'Cannot reach the shop', `${noAnswer} Check your connection.`);
  }
  const { status, headers } = response;
  const body = asProblem(response.data);
  if (!body) return new ApiError('http', `The shop answered HTTP ${status}`, 'Please try again in a moment.', { status });
  const slug = typeof body.type === 'string' ? body.type.split('/').pop() : undefined;
  const retryAfterMs = parseRetryAfterMs(readHeader(headers, 'Retry-After'), Date.now());
  // Whole seconds, rounded up: "try again in 0 s" would be wrong.
  const wording = customerMessage(slug, body, retryAfterMs === undefined ? undefined : Math.ceil(retryAfterMs / 1_000));
  const problemOutcome = readHeader(headers, 'Problem-Outcome') as ProblemOutcome | undefined;
  return new ApiError('problem', wording.title, wording.advice, { status, slug, problemOutcome, fieldErrors: asFieldErrors(body.errors) });
}

function asProblem(data: unknown): Record<string, unknown> | undefined {
  let body = data;
  if (typeof data === 'string') {
    try {
      body = JSON.parse(data);
    } catch {
      return undefined;
    }
  }
  return typeof body === 'object' && body !== null && 'type' in body ? (body as Record<string, unknown>) : undefined;
}

function asFieldErrors(value: unknown): FieldError[] {
  if (!Array.isArray(value)) return [];
  return value
    .filter((e): e is { field: string; messages: unknown[] } => typeof e?.field === 'string' && Array.isArray(e?.messages))
    .map((e) => ({ field: e.field, messages: e.messages.filter((m): m is string => typeof m === 'string') }));
}

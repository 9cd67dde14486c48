import { parseRetryAfterMs, RetryingClientError } from '@safe-checkout/retrying-client';
import { readHeader } from './http-headers';
import { customerMessage } from './problem-messages';
import type { ProblemOutcome } from './types';

/**
 * How a call ended without an answer the app can use:
 * - `problem`: the API answered with an RFC 9457 problem (`slug` says which);
 * - `http`: the API (or something in front of it) answered with an error that is not a problem;
 * - `unreachable`: no answer at all (connection refused or reset, CORS, offline);
 * - `timeout`: no answer in time.
 */
export type ApiFailureKind = 'problem' | 'http' | 'unreachable' | 'timeout';

/** `definite`: the operation did not happen. `ambiguous`: it may or may not have happened. */
export type ApiOutcome = 'definite' | 'ambiguous';

export interface FieldError {
  /** Dotted path of the field in the request body, e.g. `shippingAddress.country`. */
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
    readonly outcome: ApiOutcome,
    readonly details: { status?: number; slug?: string; problemOutcome?: ProblemOutcome; fieldErrors?: FieldError[]; attempts?: number } = {},
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

interface ProblemBody {
  type?: unknown;
  title?: unknown;
  detail?: unknown;
  errors?: unknown;
  /** Extension members, e.g. `declineCode`. */
  [member: string]: unknown;
}

/** Turns whatever an API call threw into an {@link ApiError}. */
export function toApiError(error: unknown, apiBaseUrl: string): ApiError {
  if (error instanceof ApiError) return error;
  if (!(error instanceof RetryingClientError)) {
    const text = error instanceof Error ? error.message : String(error);
    return new ApiError('unreachable', 'Something went wrong', text, 'ambiguous');
  }
  const attempts = error.attempts;
  const status = error.response?.status;
  if (status === undefined) {
    const timedOut = error.failures.at(-1)?.kind === 'timeout';
    const answered = error.failures.filter((f) => f.status !== undefined).map((f) => f.status);
    if (answered.length > 0) {
      // Earlier attempts were answered, so the shop is reachable: only the last one went unanswered.
      const message = `The last of ${attempts} attempts got no answer${timedOut ? ' in time' : ''} from ${apiBaseUrl}; earlier attempts were answered with HTTP ${answered.join(', ')}.`;
      return new ApiError(timedOut ? 'timeout' : 'unreachable', 'The shop stopped answering', message, error.outcome, { attempts });
    }
    const tries = attempts === 1 ? '1 attempt' : `${attempts} attempts`;
    return timedOut
      ? new ApiError('timeout', 'The shop did not answer in time', `No answer from ${apiBaseUrl} after ${tries}.`, error.outcome, { attempts })
      : new ApiError('unreachable', 'Cannot reach the shop', `No answer from ${apiBaseUrl} after ${tries}. Check your connection.`, error.outcome, {
          attempts,
        });
  }
  const body = asProblem(error.response?.data);
  if (!body) {
    return new ApiError('http', `The shop answered HTTP ${status}`, 'Please try again in a moment.', error.outcome, { status, attempts });
  }
  const slug = typeof body.type === 'string' ? body.type.split('/').pop() : undefined;
  const wording = customerMessage(slug, asText(body.title), asText(body.detail), body, { retryAfterSeconds: retryAfterSecondsOf(error.response?.headers) });
  const problemOutcome = readHeader(error.response?.headers, 'Problem-Outcome') as ProblemOutcome | undefined;
  return new ApiError('problem', wording.title, wording.advice, error.outcome, {
    status,
    slug,
    problemOutcome,
    attempts,
    fieldErrors: asFieldErrors(body.errors),
  });
}

/** The answer's `Retry-After` in whole seconds (rounded up: "try again in 0 s" would be wrong), if it sent one. */
function retryAfterSecondsOf(headers: unknown): number | undefined {
  const ms = parseRetryAfterMs(readHeader(headers, 'Retry-After'), Date.now());
  return ms === undefined ? undefined : Math.ceil(ms / 1_000);
}

function asProblem(data: unknown): ProblemBody | undefined {
  const body = typeof data === 'string' ? safeParse(data) : data;
  return typeof body === 'object' && body !== null && 'type' in body ? (body as ProblemBody) : undefined;
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function asText(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function asFieldErrors(value: unknown): FieldError[] {
  if (!Array.isArray(value)) return [];
  return value
    .filter((e): e is { field: string; messages: unknown[] } => typeof e?.field === 'string' && Array.isArray(e?.messages))
    .map((e) => ({ field: e.field, messages: e.messages.filter((m): m is string => typeof m === 'string') }));
}

import type { Request } from 'express';
import { formBodyParams, rejectUnknownParams, requiredString } from '../../payment-intents/params/request-params';
import { invalidRequest } from '../../stripe-errors/stripe-api.error';
import { EVENT_TYPES } from '../events/event.representation';

/** The parameters of `POST /v1/webhook_endpoints` that this subset accepts. */
export interface CreateWebhookEndpointParams {
  url: string;
  /** Distinct event types, or `['*']`. */
  enabledEvents: string[];
}

/** Stripe's limit on a URL's length. */
export const MAX_URL_LENGTH = 2048;
const ENABLED_EVENT_VALUES: readonly string[] = ['*', ...EVENT_TYPES];
// Far more than the distinct values: a longer list is a mistake, refused before it is read.
const MAX_ENABLED_EVENTS = 16;

/**
 * Reads a create request's form body: `url` and `enabled_events[]` (Stripe's clients send
 * `enabled_events[0]=…` or `enabled_events[]=…`; both arrive here as a list).
 *
 * @throws StripeApiError 400 `invalid_request_error` naming the parameter
 */
export function parseCreateWebhookEndpointParams(request: Request): CreateWebhookEndpointParams {
  const params = formBodyParams(request);
  rejectUnknownParams(params, ['url', 'enabled_events']);
  const url = parseWebhookUrl(requiredString(params, 'url'));
  return { url, enabledEvents: parseEnabledEvents(params.enabled_events) };
}

/**
 * An absolute http or https URL without user name or password (a secret in a URL ends up in
 * logs). Any host is accepted, loopback and private addresses included: the sandbox is a local
 * tool that calls whatever URL is registered (docs/payments.md says so).
 */
export function parseWebhookUrl(raw: string): string {
  const invalid = (why: string) => invalidRequest(`Invalid URL: ${why}`, { code: 'url_invalid', param: 'url' });
  if (raw.length > MAX_URL_LENGTH) throw invalid(`longer than ${MAX_URL_LENGTH} characters.`);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw invalid('not an absolute URL.');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw invalid('only http and https URLs are accepted.');
  if (url.username !== '' || url.password !== '') throw invalid('a URL must not carry a user name or password.');
  return url.href;
}

function parseEnabledEvents(raw: unknown): string[] {
  if (raw === undefined || raw === '') throw invalidRequest('Missing required param: enabled_events.', { code: 'parameter_missing', param: 'enabled_events' });
  const values = listOf(raw);
  if (values.length > MAX_ENABLED_EVENTS) throw invalidRequest(`Invalid enabled_events: at most ${MAX_ENABLED_EVENTS} values.`, { param: 'enabled_events' });
  values.forEach((value, index) => {
    if (typeof value !== 'string' || !ENABLED_EVENT_VALUES.includes(value)) {
      throw invalidRequest(`Invalid enabled_events[${index}]: must be one of ${ENABLED_EVENT_VALUES.join(', ')}.`, { param: `enabled_events[${index}]` });
    }
  });
  const distinct = [...new Set(values as string[])];
  return distinct.includes('*') ? ['*'] : distinct;
}

// qs reads `a[]=x` and `a[0]=x` as a list, but `a[25]=x` (past its array limit) as an object.
function listOf(raw: unknown): unknown[] {
  if (Array.isArray(raw)) return raw;
  if (typeof raw === 'object' && raw !== null && Object.keys(raw).every((key) => /^\d+$/.test(key))) return Object.values(raw);
  throw invalidRequest('Invalid enabled_events: must be a list of event types (enabled_events[]=…).', { param: 'enabled_events' });
}

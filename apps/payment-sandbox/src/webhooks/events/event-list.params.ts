import { parseLimit, PageParams } from '../../payment-intents/params/list.params';
import { asParams, optionalString, rejectUnknownParams } from '../../payment-intents/params/request-params';
import { invalidRequest } from '../../stripe-errors/stripe-api.error';
import { EVENT_TYPES, EventType } from './event.representation';

/** A page of `GET /v1/events`, optionally of one type. */
export interface EventListParams extends PageParams {
  type?: EventType;
}

/**
 * Reads the query of `GET /v1/events`: `limit`, `starting_after` and `type` (Stripe's
 * `ending_before`, `created`, `types` and `delivery_success` are not in this subset).
 *
 * @throws StripeApiError 400 for unknown parameters and invalid values
 */
export function parseEventListParams(query: unknown): EventListParams {
  const params = asParams(query);
  rejectUnknownParams(params, ['limit', 'starting_after', 'type']);
  const type = optionalString(params, 'type') || undefined;
  if (type !== undefined && !(EVENT_TYPES as readonly string[]).includes(type)) {
    throw invalidRequest(`Invalid type: must be one of ${EVENT_TYPES.join(', ')}.`, { param: 'type' });
  }
  return {
    limit: parseLimit(optionalString(params, 'limit')),
    startingAfter: optionalString(params, 'starting_after') || undefined,
    type: type as EventType | undefined,
  };
}

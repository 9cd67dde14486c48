import { parseLimit, PageParams } from '../../payment-intents/params/list.params';
import { asParams, optionalString, rejectUnknownParams } from '../../payment-intents/params/request-params';
import { invalidRequest } from '../../stripe-errors/stripe-api.error';

const STATUSES = ['pending', 'succeeded', 'failed'] as const;

/** A page of an endpoint's deliveries, optionally of one status. */
export interface DeliveryListParams extends PageParams {
  status?: (typeof STATUSES)[number];
}

/**
 * Reads the query of `GET /v1/webhook_endpoints/:id/deliveries`: `limit`, `starting_after` (a
 * delivery id) and `status`.
 *
 * @throws StripeApiError 400 for unknown parameters and invalid values
 */
export function parseDeliveryListParams(query: unknown): DeliveryListParams {
  const params = asParams(query);
  rejectUnknownParams(params, ['limit', 'starting_after', 'status']);
  const status = optionalString(params, 'status') || undefined;
  if (status !== undefined && !(STATUSES as readonly string[]).includes(status)) {
    throw invalidRequest(`Invalid status: must be one of ${STATUSES.join(', ')}.`, { param: 'status' });
  }
  return {
    limit: parseLimit(optionalString(params, 'limit')),
    startingAfter: optionalString(params, 'starting_after') || undefined,
    status: status as DeliveryListParams['status'],
  };
}

// The storefront's only door to the API: everything that knows the HTTP contract's wire format
// lives in this folder; the rest of the app sees the types below and ApiError.
export { ApiError, toApiError } from './api-error';
export type { ApiFailureKind, FieldError } from './api-error';
export { CHECKOUT_RETRY_POLICY } from './checkout-retry-policy';
export type { OrderAttemptObserver } from './order-attempt-hooks';
export { StorefrontApi, type SendOrderRequest } from './storefront-api';
export type * from './types';

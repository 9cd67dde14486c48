import type { Request } from 'express';
import { invalidRequest } from '../../stripe-errors/stripe-api.error';
import { requireStorableParams } from './storable-text';

/** Parameters as Express parses them: a form body (nested with `a[b]=…`) or a query string. */
export type RequestParams = Record<string, unknown>;

/**
 * The parsed parameters, or `{}` for an absent body; anything else is not a parameter object.
 * Every request's parameters pass here first, so this is where names and values that PostgreSQL
 * cannot store are refused (see {@link requireStorableParams}).
 *
 * @throws StripeApiError 400 `invalid_request_error`
 */
export function asParams(value: unknown): RequestParams {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw invalidRequest('Invalid request: the parameters are not a set of name=value pairs.');
  requireStorableParams(value);
  return value as RequestParams;
}

/**
 * The parameters of a POST, as Stripe takes them: a form body, and nothing in the query string.
 *
 * @throws StripeApiError 400 `invalid_request_error` for another content type or a query parameter
 */
export function formBodyParams(request: Request): RequestParams {
  if (request.is('application/x-www-form-urlencoded') === false) {
    throw invalidRequest(`Invalid request: the body must be application/x-www-form-urlencoded, as in Stripe's API (got ${request.headers['content-type']}).`);
  }
  const queryNames = Object.keys(asParams(request.query));
  if (queryNames.length > 0) {
    throw invalidRequest(`Received unknown parameter: ${queryNames[0]} (send parameters in the form body)`, {
      code: 'parameter_unknown',
      param: queryNames[0],
    });
  }
  return asParams(request.body);
}

/** 400 `parameter_unknown` for the first parameter not in `known`, as Stripe answers. */
export function rejectUnknownParams(params: RequestParams, known: readonly string[]): void {
  const unknown = Object.keys(params).find((name) => !known.includes(name));
  if (unknown !== undefined) {
    throw invalidRequest(`Received unknown parameter: ${unknown}`, { code: 'parameter_unknown', param: unknown });
  }
}

/** The string value of `name`, or `undefined` when absent; 400 when it is not one string. */
export function optionalString(params: RequestParams, name: string): string | undefined {
  const value = params[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw invalidRequest(`Invalid ${name}: must be a string.`, { param: name });
  return value;
}

/** The string value of `name`; 400 `parameter_missing` when it is absent or empty. */
export function requiredString(params: RequestParams, name: string): string {
  const value = optionalString(params, name);
  if (value === undefined || value === '') {
    throw invalidRequest(`Missing required param: ${name}.`, { code: 'parameter_missing', param: name });
  }
  return value;
}

/**
 * `raw` as an integer within `min`–`max`; 400 `parameter_invalid_integer` otherwise. Only
 * decimal digits with an optional minus sign count: "1e3", "10.0" and " 5" are not integers.
 */
export function integerWithin(raw: string, name: string, min: number, max: number): number {
  const invalid = (message: string) => invalidRequest(message, { code: 'parameter_invalid_integer', param: name });
  if (!/^-?\d{1,15}$/.test(raw)) throw invalid(`Invalid integer: ${raw}`);
  const value = Number(raw);
  if (value < min) throw invalid(`This value must be greater than or equal to ${min}.`);
  if (value > max) throw invalid(`This value must be less than or equal to ${max}.`);
  return value;
}

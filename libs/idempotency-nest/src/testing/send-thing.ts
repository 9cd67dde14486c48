import request from 'supertest';

/** The body the test requests send unless told otherwise. */
export const MUG = { name: 'mug', quantity: 2 };

/** What a test request to an idempotent route differs in; every field has a default. */
export interface ThingRequest {
  /** The `Idempotency-Key` header exactly as sent; none when undefined. */
  key?: string;
  /** A JSON value, or raw JSON text to control key order and whitespace. Default {@link MUG}. */
  body?: object | string;
  /** The authenticated user (`x-user`); `null` sends none. Default `alice`. */
  user?: string | null;
  method?: 'post' | 'put';
  /** Default `/things`. */
  path?: string;
}

/** Sends one JSON request to the test application at `url`; await it (or call `.then`) to send it. */
export function sendThing(url: string, { key, body = MUG, user = 'alice', method = 'post', path = '/things' }: ThingRequest) {
  const req = request(url)[method](path).set('Content-Type', 'application/json');
  if (user !== null) req.set('x-user', user);
  if (key !== undefined) req.set('Idempotency-Key', key);
  return req.send(body);
}

/** `key` as an RFC 8941 sf-string, the form our clients send. */
export function quoted(key: string): string {
  return `"${key}"`;
}

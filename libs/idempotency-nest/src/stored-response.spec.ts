import type { Response } from 'express';
import { captureResponse, sendStoredResponse } from './stored-response';

/** The part of an Express response these functions use, backed by a plain object. */
function fakeResponse(statusCode = 201, initial: Record<string, string | string[]> = {}) {
  const headers = new Map(Object.entries(initial).map(([name, value]) => [name.toLowerCase(), value]));
  const response = {
    statusCode,
    getHeader: (name: string) => headers.get(name.toLowerCase()),
    getHeaders: () => Object.fromEntries(headers),
    setHeader: (name: string, value: string) => headers.set(name.toLowerCase(), value),
    status(code: number) {
      response.statusCode = code;
      return response;
    },
  };
  return response as typeof response & Response;
}

describe('captureResponse(value, response, allowlist)', () => {
  it('serialises the value as JSON, adds the JSON content type, and keeps only allow-listed headers', () => {
    const response = fakeResponse(201, { Location: '/things/1', 'Set-Cookie': ['s=1'], 'X-Request-Id': 'r-1' });

    expect(captureResponse({ id: 1, name: 'mug' }, response, ['content-type', 'location', 'set-cookie'])).toEqual({
      status: 201,
      headers: { 'content-type': 'application/json; charset=utf-8', location: '/things/1' },
      body: '{"id":1,"name":"mug"}',
    });
    expect(response.getHeader('content-type')).toBe('application/json; charset=utf-8');
  });

  it('keeps a content type the handler set, declaring the UTF-8 charset Express will send it with', () => {
    const response = fakeResponse(200, { 'Content-Type': 'application/vnd.things+json' });

    expect(captureResponse({}, response, ['content-type']).headers).toEqual({ 'content-type': 'application/vnd.things+json; charset=utf-8' });
  });

  it('stores an empty body when the handler returned nothing', () => {
    expect(captureResponse(undefined, fakeResponse(204), []).body).toBe('');
  });
});

describe('sendStoredResponse(response, stored, replayed)', () => {
  const stored = { status: 422, headers: { 'content-type': 'application/problem+json', location: '/things/1' }, body: '{"title":"café"}' };

  it('sets the stored status and headers and returns the exact body', () => {
    const response = fakeResponse();
    const body = sendStoredResponse(response, stored, false);

    expect(response.statusCode).toBe(422);
    expect(response.getHeaders()).toEqual(stored.headers);
    expect(body).toBe(stored.body);
  });

  it('marks a replay with Idempotent-Replayed: true', () => {
    const response = fakeResponse();
    sendStoredResponse(response, stored, true);

    expect(response.getHeader('Idempotent-Replayed')).toBe('true');
  });

  it('sends the JSON content type when the stored response has none', () => {
    const response = fakeResponse();
    sendStoredResponse(response, { status: 204, headers: {}, body: '' }, false);
    expect(response.getHeader('content-type')).toBe('application/json; charset=utf-8');
  });
});

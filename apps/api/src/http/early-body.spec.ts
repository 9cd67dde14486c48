import type { IncomingMessage } from 'node:http';
import { plainJsonBodyLength } from './early-body';

const request = (headers: IncomingMessage['headers']) => ({ headers }) as IncomingMessage;
const json = { 'content-type': 'application/json', 'content-length': '120' };

describe('plainJsonBodyLength(request, limitBytes)', () => {
  it('is the announced length of a JSON body the body parser would read as it is', () => {
    expect(plainJsonBodyLength(request(json), 16_384)).toBe(120);
    expect(plainJsonBodyLength(request({ ...json, 'content-type': 'application/json; charset=UTF-8', 'content-encoding': 'identity' }), 120)).toBe(120);
  });

  it.each([
    ['no Content-Length', { 'content-type': 'application/json' }],
    ['an empty body', { ...json, 'content-length': '0' }],
    ['more than the limit', { ...json, 'content-length': '16385' }],
    ['a chunked body', { ...json, 'transfer-encoding': 'chunked' }],
    ['a compressed body', { ...json, 'content-encoding': 'gzip' }],
    ['another media type', { ...json, 'content-type': 'text/plain' }],
    ['no media type', { 'content-length': '120' }],
  ])('is undefined for %s: left to the body parser and its problems', (_case, headers) => {
    expect(plainJsonBodyLength(request(headers), 16_384)).toBeUndefined();
  });
});

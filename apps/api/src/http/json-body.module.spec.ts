import { gzipSync } from 'node:zlib';
import { startTestApi, TestApi } from '../testing/test-api';
import { MAX_JSON_DEPTH } from './json-body-policy';

const JSON_TYPE = { 'Content-Type': 'application/json' };
// superagent would JSON-encode a Buffer sent as application/json; its typings say serialize returns a string, but a Buffer is sent byte for byte.
const asIs = (raw: Buffer) => raw as unknown as string;
const nestedObjects = (depth: number) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);

// The body rules hold for every route that takes JSON; POST /auth/login is the public one.
describe('JSON request bodies (JsonBodyModule), through POST /auth/login', () => {
  let api: TestApi;
  beforeAll(async () => (api = await startTestApi()));
  afterAll(() => api.close());

  /** Sends the body byte for byte. */
  const login = (body: string | Buffer, headers: Record<string, string> = JSON_TYPE) =>
    api.http().post('/auth/login').set(headers).serialize(asIs).send(Buffer.from(body));

  const expectProblem = async (response: Promise<{ status: number; body: { type?: string } }>, status: number, slug: string) => {
    const { status: actual, body } = await response;
    expect({ status: actual, type: body.type }).toEqual({ status, type: `/problems/${slug}` });
    return body;
  };

  it.each([
    ['a NUL in the email', '{"email":"alice@example.com\\u0000","password":"demo-password"}'],
    ['a NUL in the password', '{"email":"alice@example.com","password":"demo\\u0000"}'],
    ['a NUL in a member name', '{"email":"alice@example.com","password":"demo-password","\\u0000":1}'],
  ])('answers 400 json-nul-character to %s', async (_name, text) => {
    await expectProblem(login(text), 400, 'json-nul-character');
  });

  it('answers 400 ill-formed-unicode to a lone surrogate in the email', async () => {
    await expectProblem(login('{"email":"\\udfff@example.com","password":"x"}'), 400, 'ill-formed-unicode');
  });

  it('answers 400 json-number-out-of-range to an overflowing password', async () => {
    await expectProblem(login('{"email":"alice@example.com","password":-1e400}'), 400, 'json-number-out-of-range');
  });

  describe(`nesting depth (limit ${MAX_JSON_DEPTH})`, () => {
    it('lets a body exactly at the limit through to validation', async () => {
      await expectProblem(login(nestedObjects(MAX_JSON_DEPTH)), 400, 'validation-failed');
    });

    it('answers 400 json-too-deep one level past the limit, naming the limit', async () => {
      const body = await expectProblem(login(nestedObjects(MAX_JSON_DEPTH + 1)), 400, 'json-too-deep');
      expect(body).toMatchObject({ maxDepth: MAX_JSON_DEPTH });
    });

    it('does not count brackets inside strings, even after escaped quotes and backslashes', async () => {
      const brackets = '[{'.repeat(200);
      const text = `{"email":"alice@example.com","password":"\\"${brackets}\\\\","x":"${brackets}"}`;
      await expectProblem(login(text), 400, 'validation-failed');
    });
  });

  describe('media types', () => {
    it('no longer parses form bodies: a urlencoded login is 415, not a login', async () => {
      const response = await api.http().post('/auth/login').type('form').send('email=alice%40example.com&password=demo-password');
      expect({ status: response.status, type: response.body.type }).toEqual({ status: 415, type: '/problems/unsupported-media-type' });
    });

    it('answers 415 to a body without Content-Type', async () => {
      await expectProblem(login('{"email":"alice@example.com","password":"demo-password"}', {}), 415, 'unsupported-media-type');
    });

    it('answers 415 to a large text/plain body, and the client gets the answer', async () => {
      await expectProblem(login('x'.repeat(15_000), { 'Content-Type': 'text/plain' }), 415, 'unsupported-media-type');
    });

    it('answers 415 to a chunked body without Content-Type', async () => {
      const request = api.http().post('/auth/login').set('Transfer-Encoding', 'chunked');
      request.write('{"email":"alice@example.com",');
      request.write('"password":"demo-password"}');
      await expectProblem(request, 415, 'unsupported-media-type');
    });

    it('treats an empty body as no body, whatever its Content-Type', async () => {
      await expectProblem(login('', { 'Content-Type': 'text/plain' }), 400, 'validation-failed');
    });

    it('logs in with application/json; charset=utf-8', async () => {
      await login('{"email":"alice@example.com","password":"demo-password"}', { 'Content-Type': 'application/json; charset=utf-8' }).expect(200);
    });

    it('logs and counts a refused body like any other answer: it carries its request id and shows in /metrics', async () => {
      const response = await login('x', { 'Content-Type': 'text/plain', 'X-Request-Id': 'refused-body-1' }).expect(415);
      expect(response.headers['x-request-id']).toBe('refused-body-1');
      const { text } = await api.http().get('/metrics').expect(200);
      const refused = text.split('\n').filter((line) => line.startsWith('http_request_duration_seconds_count{') && line.includes('status="415"'));
      expect(refused.length).toBeGreaterThan(0);
      expect(refused.some((line) => line.includes('method="POST"') && Number(line.split(' ').at(-1)) >= 1)).toBe(true);
    });

    it('answers a refused body with the CORS headers, so the browser can read the problem', async () => {
      const response = await login('x', { 'Content-Type': 'text/plain', Origin: 'http://localhost:4200' }).expect(415);
      expect(response.headers['access-control-allow-origin']).toBe('http://localhost:4200');
    });
  });

  describe('size', () => {
    it('answers 413 payload-too-large to a small gzip body that inflates past the limit', async () => {
      const bomb = gzipSync(`{"email":"a@b.c","password":"${'x'.repeat(5_000_000)}"}`);
      expect(bomb.length).toBeLessThan(100_000);
      await expectProblem(login(bomb, { ...JSON_TYPE, 'Content-Encoding': 'gzip' }), 413, 'payload-too-large');
    });
  });

  it.each([
    'json-too-deep',
    'json-number-out-of-range',
    'json-nul-character',
    'ill-formed-unicode',
    'json-body-not-object',
    'malformed-body',
    'unsupported-content-encoding',
  ])('serves an explanation at /problems/%s', async (slug) => {
    const response = await api.http().get(`/problems/${slug}`).expect(200);
    expect(response.text).toMatch(/\(HTTP 4\d\d, Problem-Outcome: final\)/);
  });

  it('states the real depth limit in the json-too-deep explanation', async () => {
    const response = await api.http().get('/problems/json-too-deep').expect(200);
    expect(response.text).toContain(`${MAX_JSON_DEPTH} levels`);
  });
});

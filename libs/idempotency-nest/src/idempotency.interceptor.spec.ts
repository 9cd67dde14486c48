import { InMemoryIdempotencyKeyStore } from '@safe-checkout/idempotency/testing';
import { randomUUID } from 'node:crypto';
import { connect } from 'node:net';
import request from 'supertest';
import { idempotencyOutcomes } from './testing/idempotency-outcomes';
import { MUG, quoted, ThingRequest } from './testing/send-thing';
import { useIdempotencyTestApp } from './testing/use-idempotency-test-app';

describe('IdempotencyInterceptor', () => {
  const app = useIdempotencyTestApp();
  const { send, restartWith } = app;

  describe('on a route without @Idempotent()', () => {
    it('passes the request through untouched: no key needed, none stored, nothing counted', async () => {
      const withoutKey = await request(app.api.url).post('/plain-things').send(MUG).expect(201);
      const withKey = await request(app.api.url).post('/plain-things').set('Idempotency-Key', quoted(randomUUID())).send(MUG).expect(201);

      expect([withoutKey.body.id, withKey.body.id]).toEqual([1, 2]);
      expect(withKey.headers['idempotent-replayed']).toBeUndefined();
      expect(app.api.store.all()).toEqual([]);
      expect(await idempotencyOutcomes(app.api.registry)).toEqual({});
    });
  });

  describe('without a usable Idempotency-Key', () => {
    it('answers 400 idempotency-key-missing, runs nothing, stores nothing and counts "missing"', async () => {
      const response = await send({}).expect(400);

      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.body).toMatchObject({ type: '/problems/idempotency-key-missing', status: 400 });
      expect(app.api.things.executions).toBe(0);
      expect(app.api.store.all()).toEqual([]);
      expect(await idempotencyOutcomes(app.api.registry)).toEqual({ missing: 1 });
    });

    const key = randomUUID();
    it.each([
      ['a key shorter than 16 characters', '"too-short"'],
      ['a key longer than 255 characters', quoted('k'.repeat(256))],
      ['a space inside the quotes', quoted(key.replace('-', ' '))],
      ['parameters', `${quoted(key)};v=1`],
      ['an unterminated sf-string', `"${key}`],
      ['an empty value', ''],
    ])('answers 400 idempotency-key-invalid for %s, runs nothing, stores nothing and counts "invalid"', async (_case, header) => {
      const response = await send({ key: header }).expect(400);

      expect(response.body).toMatchObject({ type: '/problems/idempotency-key-invalid', status: 400 });
      expect(app.api.things.executions).toBe(0);
      expect(app.api.store.all()).toEqual([]);
      expect(await idempotencyOutcomes(app.api.registry)).toEqual({ invalid: 1 });
    });

    it('answers 400 idempotency-key-invalid for two Idempotency-Key header lines', async () => {
      const response = await request(app.api.url)
        .post('/things')
        .set('x-user', 'alice')
        .set({ 'Idempotency-Key': [quoted(randomUUID()), quoted(randomUUID())] })
        .send(MUG)
        .expect(400);

      expect(response.body.type).toBe('/problems/idempotency-key-invalid');
      expect(app.api.things.executions).toBe(0);
    });

    // Node joins the two lines into "<key>, ": read as a different key, a retry that sends the
    // header once would create a second order.
    it.each([
      ['a key line and an empty line', (key: string) => [key, '']],
      ['an empty line and a key line', (key: string) => ['', key]],
      ['the same key on two lines', (key: string) => [key, key]],
    ])('answers 400 idempotency-key-invalid for %s, runs nothing and leaves the key free', async (_case, lines) => {
      const key = randomUUID();
      const raw = await sendRawPost(app.api.url, '/things', lines(key));

      expect(raw).toMatch(/^HTTP\/1\.1 400/);
      expect(raw).toContain('/problems/idempotency-key-invalid');
      expect(app.api.things.executions).toBe(0);
      expect(app.api.store.all()).toEqual([]);
      await send({ key }).expect(201);
    });
  });

  describe('the first request with a key', () => {
    it('runs the handler once and answers with its own status, body and headers, not marked as replayed', async () => {
      const response = await send({ key: quoted(randomUUID()) }).expect(201);

      expect(app.api.things.executions).toBe(1);
      expect(response.body).toEqual({ id: 1, nonce: expect.any(String), received: MUG });
      expect(response.headers.location).toBe('/things/1');
      expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(response.headers['set-cookie']).toEqual([`session=${response.body.nonce}; HttpOnly`]);
      expect(response.headers['idempotent-replayed']).toBeUndefined();
    });

    it('stores the status, the exact body sent and only allow-listed headers: Location, not Set-Cookie', async () => {
      const key = randomUUID();
      const response = await send({ key: quoted(key) }).expect(201);

      expect(app.api.store.get('alice', key)).toMatchObject({
        state: 'completed',
        response: { status: 201, headers: { 'content-type': 'application/json; charset=utf-8', location: '/things/1' }, body: response.text },
      });
    });

    it('never stores Set-Cookie, even when replayedHeaders allow-lists it', async () => {
      await restartWith({ replayedHeaders: ['location', 'set-cookie'] });
      const key = randomUUID();
      await send({ key: quoted(key) }).expect(201);

      expect(app.api.store.get('alice', key)?.response?.headers).toEqual({ location: '/things/1' });
    });
  });

  describe('a repeat of a finished request', () => {
    it('replays the stored response byte for byte with Idempotent-Replayed: true, without running the handler', async () => {
      const key = quoted(randomUUID());
      const first = await send({ key }).expect(201);
      const repeat = await send({ key }).expect(201);

      expect(app.api.things.executions).toBe(1);
      expect(repeat.text).toBe(first.text);
      expect(repeat.headers['idempotent-replayed']).toBe('true');
      expect(repeat.headers.location).toBe(first.headers.location);
      expect(repeat.headers['content-type']).toBe(first.headers['content-type']);
      expect(repeat.headers['content-length']).toBe(first.headers['content-length']);
      expect(repeat.headers['set-cookie']).toBeUndefined();
    });

    it('treats the sf-string and the bare-token form of a key as the same key', async () => {
      const key = randomUUID();
      const first = await send({ key: quoted(key) }).expect(201);
      const repeat = await send({ key }).expect(201);

      expect(repeat.headers['idempotent-replayed']).toBe('true');
      expect(repeat.text).toBe(first.text);
      expect(app.api.things.executions).toBe(1);
    });

    it('recognises the same body whatever its key order and whitespace', async () => {
      const key = quoted(randomUUID());
      const first = await send({ key, body: '{"name":"mug","quantity":2}' }).expect(201);
      const repeat = await send({ key, body: '{ "quantity": 2,\n  "name": "mug" }' }).expect(201);

      expect(repeat.headers['idempotent-replayed']).toBe('true');
      expect(repeat.text).toBe(first.text);
    });
  });

  describe('the same key on a different request', () => {
    it.each<[string, ThingRequest]>([
      ['another body', { body: { name: 'cap', quantity: 2 } }],
      ['another route', { path: '/other-things' }],
      ['another method', { method: 'put' }],
      ['another query', { path: '/things?gift=true' }],
    ])('answers 422 idempotency-key-reused for %s, runs nothing and keeps the original', async (_case, other) => {
      const key = quoted(randomUUID());
      const first = await send({ key }).expect(201);
      const reused = await send({ key, ...other }).expect(422);

      expect(reused.body).toMatchObject({ type: '/problems/idempotency-key-reused', status: 422 });
      expect(app.api.things.executions).toBe(1);
      expect((await send({ key }).expect(201)).text).toBe(first.text);
    });
  });

  describe('the same request on another spelling of the route', () => {
    it.each([
      ['a trailing slash', '/things/'],
      ['another case', '/THINGS'],
      ['both', '/Things/'],
    ])('replays the original for %s: the fingerprint uses the matched route, not the raw path', async (_case, path) => {
      const key = quoted(randomUUID());
      const first = await send({ key }).expect(201);
      const again = await send({ key, path }).expect(201);

      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.text).toBe(first.text);
      expect(app.api.things.executions).toBe(1);
    });

    it('keeps route parameters apart: the same key and body on another id is 422 idempotency-key-reused', async () => {
      const key = quoted(randomUUID());
      await send({ key, path: '/things/1/parts' }).expect(201);
      await send({ key, path: '/things/1/parts/' }).expect(201).expect('Idempotent-Replayed', 'true');
      const other = await send({ key, path: '/things/2/parts' }).expect(422);

      expect(other.body.type).toBe('/problems/idempotency-key-reused');
      expect(app.api.things.executions).toBe(1);
    });
  });

  describe('a route with an optional key (@Idempotent({ keyRequired: false }))', () => {
    it('runs a request without a key every time, storing nothing', async () => {
      await send({ path: '/optional-key-things' }).expect(201);
      await send({ path: '/optional-key-things' }).expect(201);

      expect(app.api.things.executions).toBe(2);
      expect(app.api.store.all()).toEqual([]);
    });

    it('still claims and replays a request that sends a key, and rejects a malformed one', async () => {
      const key = quoted(randomUUID());
      const first = await send({ key, path: '/optional-key-things' }).expect(201);
      const again = await send({ key, path: '/optional-key-things' }).expect(201);
      await send({ key: '"short"', path: '/optional-key-things' }).expect(400);

      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.text).toBe(first.text);
      expect(app.api.things.executions).toBe(1);
    });
  });

  describe('a duplicate while the original is in flight', () => {
    it("never hints a Retry-After beyond the time left on the holder's lease", async () => {
      await restartWith({ inProgressRetryAfterSeconds: 120, leaseMs: 5000 });
      const key = quoted(randomUUID());
      const held = app.api.things.hold();
      const original = send({ key }).then((response) => response);
      await held.entered;
      expect((await send({ key }).expect(409)).headers['retry-after']).toBe('5');
      held.release();
      await original;
    });

    it('answers 409 idempotency-request-in-progress with Retry-After, and replays once the original finished', async () => {
      const key = quoted(randomUUID());
      const held = app.api.things.hold();
      const original = send({ key }).then((response) => response);
      await held.entered;

      const duplicate = await send({ key }).expect(409);
      expect(duplicate.body).toMatchObject({ type: '/problems/idempotency-request-in-progress', status: 409 });
      // Most operations take milliseconds: the hint is 1 s by default, not the 30 s lease.
      expect(duplicate.headers['retry-after']).toBe('1');

      held.release();
      const first = await original;
      expect(first.status).toBe(201);
      const repeat = await send({ key }).expect(201);
      expect(repeat.headers['idempotent-replayed']).toBe('true');
      expect(repeat.text).toBe(first.text);
      expect(app.api.things.executions).toBe(1);
    });
  });

  describe('keys are scoped by user', () => {
    it('runs the operation once for each user when two users send the same key', async () => {
      const key = randomUUID();
      const alice = await send({ key: quoted(key), user: 'alice' }).expect(201);
      const bob = await send({ key: quoted(key), user: 'bob' }).expect(201);

      expect(app.api.things.executions).toBe(2);
      expect(bob.headers['idempotent-replayed']).toBeUndefined();
      expect(bob.text).not.toBe(alice.text);
      expect(
        app.api.store
          .all()
          .map((record) => record.scope)
          .sort(),
      ).toEqual(['alice', 'bob']);
    });
  });

  describe('retention (ttlSeconds)', () => {
    it('replays within ttlSeconds and treats the key as new once it has passed', async () => {
      let now = new Date('2030-06-01T12:00:00.000Z');
      const after = (ms: number) => (now = new Date(now.getTime() + ms));
      await restartWith({ ttlSeconds: 60, store: new InMemoryIdempotencyKeyStore({ clock: () => now }) });
      const key = quoted(randomUUID());
      await send({ key }).expect(201);

      after(59_999);
      expect((await send({ key }).expect(201)).headers['idempotent-replayed']).toBe('true');
      after(1);
      const fresh = await send({ key, body: { name: 'cap', quantity: 1 } }).expect(201);
      expect(fresh.headers['idempotent-replayed']).toBeUndefined();
      expect(app.api.things.executions).toBe(2);
    });
  });

  describe('metrics', () => {
    it('counts each outcome in idempotency_requests_total of the configured registry', async () => {
      const key = quoted(randomUUID());
      const held = app.api.things.hold();
      const original = send({ key }).then((response) => response);
      await held.entered;
      await send({ key }).expect(409);
      held.release();
      await original;
      await send({ key }).expect(201);
      await send({ key }).expect(201);
      await send({ key, body: { name: 'cap' } }).expect(422);
      await send({ key: '"short"' }).expect(400);
      await send({}).expect(400);

      expect(await idempotencyOutcomes(app.api.registry)).toEqual({ executed: 1, in_progress: 1, replayed: 2, reused: 1, invalid: 1, missing: 1 });
      expect(await app.api.registry.getSingleMetricAsString('idempotency_requests_total')).toContain('idempotency_requests_total{outcome="replayed"} 2');
    });
  });
});

/** A POST with `Idempotency-Key` sent as the given header lines, over a raw socket (supertest joins them). */
function sendRawPost(url: string, path: string, keyLines: string[]): Promise<string> {
  const { port } = new URL(url);
  const body = JSON.stringify(MUG);
  const head = [
    `POST ${path} HTTP/1.1`,
    `Host: 127.0.0.1:${port}`,
    'x-user: alice',
    'Content-Type: application/json',
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Connection: close',
    ...keyLines.map((line) => `Idempotency-Key: ${line}`),
  ];
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), '127.0.0.1', () => socket.end(`${head.join('\r\n')}\r\n\r\n${body}`));
    let received = '';
    socket.on('data', (chunk) => (received += chunk));
    socket.on('end', () => resolve(received));
    socket.on('error', reject);
  });
}

import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { idempotencyOutcomes } from './testing/idempotency-outcomes';
import { RecordingIdempotencyKeyStore } from './testing/recording-idempotency-key.store';
import { MUG, quoted } from './testing/send-thing';
import { useIdempotencyTestApp } from './testing/use-idempotency-test-app';

// A duplicate that sends `Prefer: wait=N` (RFC 7240) waits for the first request's answer instead
// of getting 409 and polling.
describe('IdempotencyInterceptor with Prefer: wait', () => {
  const app = useIdempotencyTestApp();
  const duplicate = (key: string, prefer?: string) => {
    const req = request(app.api.url).post('/things').set('x-user', 'alice').set('Idempotency-Key', key);
    return (prefer ? req.set('Prefer', prefer) : req).send(MUG);
  };

  it("answers a duplicate that waits with the first request's response, replayed, once the first finishes", async () => {
    const key = quoted(randomUUID());
    const held = app.api.things.hold();
    const original = app.send({ key }).then((response) => response);
    await held.entered;
    const waiting = duplicate(key, 'wait=5').then((response) => response);
    await new Promise((resolve) => setTimeout(resolve, 150));
    held.release();

    const [first, second] = await Promise.all([original, waiting]);
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.text).toBe(first.text);
    expect(app.api.things.executions).toBe(1);
    expect(await idempotencyOutcomes(app.api.registry)).toEqual({ executed: 1, replayed: 1 });
  });

  it('serves duplicates woken together with one claim of the key, not one each', async () => {
    const log: string[] = [];
    await app.restartWith({ store: new RecordingIdempotencyKeyStore(log) });
    const key = quoted(randomUUID());
    const held = app.api.things.hold();
    const original = app.send({ key }).then((response) => response);
    await held.entered;
    const waiting = Array.from({ length: 20 }, () => duplicate(key, 'wait=5').then((response) => response));
    // Every duplicate must be parked before the release; on a busy machine 20 requests take more than a moment to arrive.
    const claimsSoFar = () => log.filter((entry) => entry === 'store.claim').length;
    for (const deadline = Date.now() + 10_000; claimsSoFar() < 21 && Date.now() < deadline;) await new Promise((resolve) => setTimeout(resolve, 20));
    const claimsBefore = claimsSoFar();
    held.release();

    const answers = await Promise.all(waiting);
    await original;
    expect(answers.every((answer) => answer.status === 201 && answer.headers['idempotent-replayed'] === 'true')).toBe(true);
    expect(claimsBefore).toBe(21);
    expect(log.filter((entry) => entry === 'store.claim').length - claimsBefore).toBeLessThanOrEqual(2);
  });

  it('answers 409 with Retry-After when the wait runs out first, and at once without Prefer: wait', async () => {
    const key = quoted(randomUUID());
    const held = app.api.things.hold();
    const original = app.send({ key }).then((response) => response);
    await held.entered;

    const started = Date.now();
    const timedOut = await duplicate(key, 'wait=1').expect(409);
    const waitedMs = Date.now() - started;
    const impatient = await duplicate(key).expect(409);
    held.release();
    await original;

    expect(waitedMs).toBeGreaterThanOrEqual(900);
    expect(timedOut.headers['retry-after']).toBe('1');
    expect(impatient.body.type).toBe('/problems/idempotency-request-in-progress');
  });

  it('caps the wait at maxPreferWaitSeconds, whatever the client asks', async () => {
    await app.restartWith({ maxPreferWaitSeconds: 1 });
    const key = quoted(randomUUID());
    const held = app.api.things.hold();
    const original = app.send({ key }).then((response) => response);
    await held.entered;

    const started = Date.now();
    await duplicate(key, 'wait=60').expect(409);
    expect(Date.now() - started).toBeLessThan(5_000);
    held.release();
    await original;
  });

  it('bounds the duplicates that wait at once (maxWaitingDuplicates): the next one gets 409 at once', async () => {
    await app.restartWith({ maxWaitingDuplicates: 1 });
    const key = quoted(randomUUID());
    const held = app.api.things.hold();
    const original = app.send({ key }).then((response) => response);
    await held.entered;
    const patient = duplicate(key, 'wait=5').then((response) => response);
    await new Promise((resolve) => setTimeout(resolve, 100));

    await duplicate(key, 'wait=5').expect(409);
    held.release();
    expect((await patient).status).toBe(201);
    await original;
  });

  it('polls the key at growing intervals while no signal can wake the waiter (no LISTEN), and answers once the first finishes', async () => {
    const log: string[] = [];
    const deaf = { waitUntilSettled: async () => false };
    await app.restartWith({ store: new RecordingIdempotencyKeyStore(log), settledSignal: deaf });
    const key = quoted(randomUUID());
    const held = app.api.things.hold();
    const original = app.send({ key }).then((response) => response);
    await held.entered;
    const waiting = duplicate(key, 'wait=10').then((response) => response);
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    // First claims of both requests aside. The pauses run 50, 100, 200, 400, 500 ms (±25 %):
    // at most 6 polls in 1.2 s, where a fixed 100 ms would take 12 and no polling none.
    const polls = log.filter((entry) => entry === 'store.claim').length - 2;
    held.release();

    const [first, second] = await Promise.all([original, waiting]);
    expect(polls).toBeGreaterThanOrEqual(2);
    expect(polls).toBeLessThanOrEqual(6);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.text).toBe(first.text);
  });

  it('polls the key, never spins, when the settled signal cannot wake the waiter', async () => {
    await app.restartWith({ settledSignal: { waitUntilSettled: async () => false } });
    const key = quoted(randomUUID());
    const held = app.api.things.hold();
    const original = app.send({ key }).then((response) => response);
    await held.entered;
    const waiting = duplicate(key, 'wait=5').then((response) => response);
    await new Promise((resolve) => setTimeout(resolve, 150));
    held.release();

    expect((await waiting).headers['idempotent-replayed']).toBe('true');
    await original;
  });
});

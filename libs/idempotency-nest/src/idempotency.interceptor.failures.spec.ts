import { BadRequestException, InternalServerErrorException, ServiceUnavailableException } from '@nestjs/common';
import { Lease, LeaseLostError } from '@safe-checkout/idempotency';
import { InMemoryIdempotencyKeyStore } from '@safe-checkout/idempotency/testing';
import { randomUUID } from 'node:crypto';
import { idempotencyOutcomes } from './testing/idempotency-outcomes';
import { OutOfStockError } from './testing/out-of-stock.error';
import { RecordingIdempotencyKeyStore } from './testing/recording-idempotency-key.store';
import { recordingTransaction } from './testing/recording-transaction';
import { quoted } from './testing/send-thing';
import { useIdempotencyTestApp } from './testing/use-idempotency-test-app';

/** A store whose holder has always lost its lease by the time it completes (fencing). */
class LeaseLosingStore extends InMemoryIdempotencyKeyStore {
  override async complete(lease: Lease): Promise<void> {
    throw new LeaseLostError(lease.scope, lease.key);
  }
}

describe('IdempotencyInterceptor, when the operation or the store fails', () => {
  const app = useIdempotencyTestApp();
  const { send, restartWith } = app;

  describe('a handler that fails', () => {
    it.each([
      ['a 500 HttpException', new InternalServerErrorException(), 500],
      ['a 503 HttpException', new ServiceUnavailableException(), 503],
      ['an unexpected Error', new Error('connection reset'), 500],
    ])('frees the key after %s, so a retry with the same key runs the operation once more', async (_case, error, status) => {
      const key = randomUUID();
      app.api.things.failWith(error);
      await send({ key: quoted(key) }).expect(status);
      expect(app.api.store.get('alice', key)).toBeUndefined();

      const retry = await send({ key: quoted(key) }).expect(201);
      expect(retry.headers['idempotent-replayed']).toBeUndefined();
      expect(app.api.things.executions).toBe(2);
      expect(await idempotencyOutcomes(app.api.registry)).toEqual({ executed: 1, failed: 1 });
    });

    it('frees the key after a 400 the handler throws', async () => {
      const key = quoted(randomUUID());
      app.api.things.failWith(new BadRequestException('no such colour'));
      await send({ key }).expect(400);

      await send({ key }).expect(201);
      expect(app.api.things.executions).toBe(2);
    });

    it('frees the key after a 400 from a validation pipe, so the corrected request may use it', async () => {
      const key = quoted(randomUUID());
      await send({ key, path: '/validated-things', body: { quantity: 'two' } }).expect(400);
      expect(app.api.things.executions).toBe(0);
      expect(app.api.store.all()).toEqual([]);

      await send({ key, path: '/validated-things', body: { quantity: 2 } }).expect(201);
      expect(app.api.things.executions).toBe(1);
    });
  });

  describe('a final answer (renderFinalAnswer renders it)', () => {
    it('answers with the rendered response, stores it, and replays it without running the handler again', async () => {
      const key = randomUUID();
      app.api.things.failWith(new OutOfStockError(1));
      const first = await send({ key: quoted(key) }).expect(422);
      expect(first.headers['content-type']).toBe('application/problem+json; charset=utf-8');
      expect(first.body).toEqual({ type: '/problems/insufficient-stock', title: 'Not enough stock', status: 422, available: 1 });
      expect(app.api.store.get('alice', key)?.response).toEqual({
        status: 422,
        headers: { 'content-type': 'application/problem+json; charset=utf-8' },
        body: first.text,
      });

      const repeat = await send({ key: quoted(key) }).expect(422);
      expect(repeat.text).toBe(first.text);
      expect(repeat.headers['idempotent-replayed']).toBe('true');
      expect(app.api.things.executions).toBe(1);
      expect(await idempotencyOutcomes(app.api.registry)).toEqual({ executed: 1, replayed: 1 });
    });
  });

  describe('a store outage', () => {
    it('answers 503 idempotency-store-unavailable with Retry-After, never runs the handler, and runs it once recovered', async () => {
      const key = quoted(randomUUID());
      app.api.store.simulateOutage();
      const response = await send({ key }).expect(503);

      expect(response.body).toMatchObject({ type: '/problems/idempotency-store-unavailable', status: 503 });
      expect(response.headers['retry-after']).toBe('2');
      expect(app.api.things.executions).toBe(0);
      expect(await idempotencyOutcomes(app.api.registry)).toEqual({ store_unavailable: 1 });

      app.api.store.recover();
      await send({ key }).expect(201);
      expect(app.api.things.executions).toBe(1);
    });

    it('sends storeUnavailableRetryAfterSeconds as Retry-After', async () => {
      await restartWith({ storeUnavailableRetryAfterSeconds: 7 });
      app.api.store.simulateOutage();

      expect((await send({ key: quoted(randomUUID()) }).expect(503)).headers['retry-after']).toBe('7');
    });

    it('answers 503 when the store fails while the handler runs, and the key stays locked until its lease lapses', async () => {
      let now = new Date('2030-06-01T12:00:00.000Z');
      await restartWith({ leaseMs: 5_000, store: new InMemoryIdempotencyKeyStore({ clock: () => now }) });
      const key = quoted(randomUUID());
      const held = app.api.things.hold();
      const original = send({ key }).then((response) => response);
      await held.entered;
      app.api.store.simulateOutage();
      held.release();
      expect((await original).status).toBe(503);

      app.api.store.recover();
      expect((await send({ key }).expect(409)).headers['retry-after']).toBe('1');
      now = new Date(now.getTime() + 5_000);
      await send({ key }).expect(201);
      expect(app.api.things.executions).toBe(2);
    });
  });

  describe('runInTransaction', () => {
    const startRecording = async () => {
      const log: string[] = [];
      await restartWith({ store: new RecordingIdempotencyKeyStore(log), runInTransaction: recordingTransaction(log) });
      return log;
    };

    it('wraps the handler and the recording of its response, after the claim committed on its own', async () => {
      const log = await startRecording();
      app.api.things.next(() => void log.push('handler'));
      await send({ key: quoted(randomUUID()) }).expect(201);

      expect(log).toEqual(['store.claim', 'tx.begin', 'handler', 'store.complete', 'tx.commit']);
    });

    it('frees the key outside the transaction, after it rolled back', async () => {
      const log = await startRecording();
      app.api.things.next(() => {
        log.push('handler');
        throw new InternalServerErrorException();
      });
      await send({ key: quoted(randomUUID()) }).expect(500);

      expect(log).toEqual(['store.claim', 'tx.begin', 'handler', 'tx.rollback', 'store.release']);
    });

    it('records a final answer outside the transaction, after it rolled back', async () => {
      const log = await startRecording();
      app.api.things.next(() => {
        log.push('handler');
        throw new OutOfStockError(0);
      });
      await send({ key: quoted(randomUUID()) }).expect(422);

      expect(log).toEqual(['store.claim', 'tx.begin', 'handler', 'tx.rollback', 'store.complete']);
    });
  });

  describe('a lost lease (fencing)', () => {
    it('answers 409 with Retry-After when complete rejects with LeaseLostError, without releasing the key', async () => {
      await restartWith({ store: new LeaseLosingStore() });
      const key = randomUUID();
      const response = await send({ key: quoted(key) }).expect(409);

      expect(response.body).toMatchObject({ type: '/problems/idempotency-request-in-progress', status: 409 });
      expect(response.headers['retry-after']).toBe('1');
      expect(app.api.store.get('alice', key)?.state).toBe('running');
      expect(await idempotencyOutcomes(app.api.registry)).toEqual({ lease_lost: 1 });
    });

    it('lets the request that took a lapsed lease over answer, while the late original gets 409', async () => {
      let now = new Date('2030-06-01T12:00:00.000Z');
      await restartWith({ leaseMs: 1_000, store: new InMemoryIdempotencyKeyStore({ clock: () => now }) });
      const key = quoted(randomUUID());
      const held = app.api.things.hold();
      const original = send({ key }).then((response) => response);
      await held.entered;

      now = new Date(now.getTime() + 1_000);
      const takeover = await send({ key }).expect(201);
      held.release();
      expect((await original).status).toBe(409);

      const repeat = await send({ key }).expect(201);
      expect(repeat.text).toBe(takeover.text);
      expect(app.api.things.executions).toBe(2);
      expect(await idempotencyOutcomes(app.api.registry)).toEqual({ executed: 1, lease_lost: 1, replayed: 1 });
    });

    // Adapter bug, answered 500 today: afterFailure() turns a LeaseLostError from the handler's
    // transaction into 409, but not one from recording a final answer. `it` once fixed.
    it('answers 409 when the final answer cannot be recorded because the lease was lost', async () => {
      await restartWith({ store: new LeaseLosingStore() });
      app.api.things.failWith(new OutOfStockError(0));
      const response = await send({ key: quoted(randomUUID()) });

      expect(response.status).toBe(409);
      expect(await idempotencyOutcomes(app.api.registry)).toEqual({ lease_lost: 1 });
    });
  });

  describe('scopeOf', () => {
    // Adapter bug, answered 500 today although the option's TSDoc promises "rejects the request as
    // unauthenticated": the interceptor throws a plain Error. `it` once fixed.
    it('rejects a request without a scope (no authenticated user) as unauthenticated: 401, nothing run or stored', async () => {
      const response = await send({ key: quoted(randomUUID()), user: null });

      expect(response.status).toBe(401);
      expect(app.api.things.executions).toBe(0);
      expect(app.api.store.all()).toEqual([]);
    });
  });
});

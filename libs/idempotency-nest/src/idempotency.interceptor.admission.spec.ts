import { HttpException, InternalServerErrorException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { idempotencyOutcomes } from './testing/idempotency-outcomes';
import { quoted } from './testing/send-thing';
import { ThingsController } from './testing/things.controller';
import { useIdempotencyTestApp } from './testing/use-idempotency-test-app';

// The `admitNewExecution` hook: asked only for a key that starts new work.
describe('IdempotencyInterceptor with admitNewExecution', () => {
  const app = useIdempotencyTestApp();
  let asked: string[];
  let refuse: boolean;
  beforeEach(async () => {
    asked = [];
    refuse = false;
    await app.restartWith({
      admitNewExecution: async (scope) => {
        asked.push(scope);
        if (refuse) throw new HttpException('slow down', 429);
      },
    });
  });

  it('is asked once for a new key, and never for its replays or its reuse with another body', async () => {
    const key = quoted(randomUUID());
    await app.send({ key, body: { name: 'a' } }).expect(201);
    await app
      .send({ key, body: { name: 'a' } })
      .expect(201)
      .expect('Idempotent-Replayed', 'true');
    await app.send({ key, body: { name: 'b' } }).expect(422);
    expect(asked).toEqual(['alice']);
  });

  it('answers its refusal, runs nothing, and releases the claim so the key can be sent again', async () => {
    const key = randomUUID();
    refuse = true;
    await app.send({ key: quoted(key) }).expect(429);
    expect(app.api.things.executions).toBe(0);
    expect(app.api.store.get('alice', key)).toBeUndefined();
    refuse = false;
    await app.send({ key: quoted(key) }).expect(201);
    expect(await idempotencyOutcomes(app.api.registry)).toEqual({ not_admitted: 1, executed: 1 });
  });

  it('is not asked when a retry resumes an operation from its recovery point', async () => {
    const key = quoted(randomUUID());
    app.api.app.get(ThingsController).shipping.carrierFailure = new InternalServerErrorException('carrier unreachable');
    await app.send({ key, path: '/shipped-things' }).expect(500);
    await app.send({ key, path: '/shipped-things' }).expect(201);
    expect(asked).toHaveLength(1);
  });
});

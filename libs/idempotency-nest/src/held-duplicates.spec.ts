import { Injectable, MiddlewareConsumer, Module, NestMiddleware, NestModule, type INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { NextFunction, Request, Response } from 'express';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { Registry } from 'prom-client';
import request from 'supertest';
import { HeldDuplicates } from './held-duplicates';
import { HeldKeys, SETTLED_ANSWER_KEPT_MS } from './held-keys';
import { IdempotencyModule } from './idempotency.module';
import { fakeAuthMiddleware, scopeOfTestUser } from './testing/fake-auth.middleware';
import { idempotencyOutcomes } from './testing/idempotency-outcomes';
import { renderOutOfStock } from './testing/out-of-stock.error';
import { ProblemJsonFilter } from './testing/problem-json.filter';
import { RecordingIdempotencyKeyStore } from './testing/recording-idempotency-key.store';
import { MUG, quoted } from './testing/send-thing';
import { ThingsController } from './testing/things.controller';
import { ThingsService } from './testing/things.service';

// As the API calls it: from middleware ahead of the routes, with the body parsed (here by Nest's own
// parser) and the caller named by a credential checked before (here the test's `x-user`).
@Injectable()
class AnswerHeldDuplicates implements NestMiddleware {
  constructor(private readonly held: HeldDuplicates) {}
  use(req: Request, res: Response, next: NextFunction): void {
    const user = req.header('x-user');
    if (user === undefined) return next();
    this.held.answered(req, res, user).then((answered) => answered || next(), next);
  }
}

@Module({})
class HeldDuplicatesTestModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(AnswerHeldDuplicates).forRoutes('*path');
  }
}

describe('HeldDuplicates, before the pipeline', () => {
  let app: INestApplication;
  let url: string;
  let log: string[];
  let registry: Registry;
  let things: ThingsService;
  let heldKeys: HeldKeys;

  beforeEach(async () => {
    log = [];
    registry = new Registry();
    const store = new RecordingIdempotencyKeyStore(log);
    const moduleRef = await Test.createTestingModule({
      imports: [
        IdempotencyModule.forRootAsync({
          useFactory: () => ({ scopeOf: scopeOfTestUser, renderFinalAnswer: renderOutOfStock, metricsRegistry: registry, store }),
        }),
        HeldDuplicatesTestModule,
      ],
      controllers: [ThingsController],
      providers: [ThingsService],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    app.use(fakeAuthMiddleware);
    app.useGlobalFilters(new ProblemJsonFilter());
    await app.listen(0, '127.0.0.1');
    url = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    things = app.get(ThingsService);
    heldKeys = app.get(HeldKeys);
  });
  afterEach(() => app.close());

  const copy = (key: string, { prefer = 'wait=5', body = MUG as object, user = 'alice' } = {}) =>
    request(url).post('/things').set('x-user', user).set('Idempotency-Key', key).set('Prefer', prefer).send(body);
  const claims = () => log.filter((entry) => entry === 'store.claim').length;
  const until = async (condition: () => boolean) => {
    for (const deadline = Date.now() + 10_000; !condition() && Date.now() < deadline;) await new Promise((resolve) => setTimeout(resolve, 20));
  };

  it('answers copies that arrive while the first is answered with its answer, replayed, without a claim each, as soon as it is answered', async () => {
    const key = quoted(randomUUID());
    const held = things.hold();
    const first = copy(key).then((response) => response);
    await held.entered;
    const answeredAt: number[] = [];
    const copies = Array.from({ length: 20 }, () => copy(key).then((response) => (answeredAt.push(Date.now()), response)));
    await until(() => heldKeys.waiting === 20);
    const releasedAt = Date.now();
    held.release();

    const [original, answers] = [await first, await Promise.all(copies)];
    expect(original.status).toBe(201);
    for (const answer of answers) {
      expect(answer.status).toBe(201);
      expect(answer.text).toBe(original.text);
      expect(answer.headers['idempotent-replayed']).toBe('true');
      expect(answer.headers['idempotency-outcome']).toBe('replayed');
    }
    expect(claims()).toBe(1);
    expect(things.executions).toBe(1);
    expect(await idempotencyOutcomes(registry)).toEqual({ executed: 1, replayed: 20 });
    // Waiting on the first request itself, no copy can miss the moment it is answered (a missed
    // notification would leave it to the 1 s re-check).
    expect(Math.max(...answeredAt) - releasedAt).toBeLessThan(500);
    expect(heldKeys.waiting).toBe(0);
  });

  it('answers a copy that arrives just after the first was answered with that answer, without a claim; a later one from the store', async () => {
    const key = quoted(randomUUID());
    const original = await copy(key);
    const justAfter = await copy(key);
    expect(claims()).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, SETTLED_ANSWER_KEPT_MS + 100));
    const later = await copy(key);

    expect(original.status).toBe(201);
    for (const answer of [justAfter, later]) {
      expect(answer.status).toBe(201);
      expect(answer.text).toBe(original.text);
      expect(answer.headers['idempotency-outcome']).toBe('replayed');
    }
    expect(claims()).toBe(2);
    expect(things.executions).toBe(1);
  });

  it('leaves a copy with another body to the pipeline, which refuses the reused key (422)', async () => {
    const key = quoted(randomUUID());
    const held = things.hold();
    const first = copy(key).then((response) => response);
    await held.entered;
    const other = await copy(key, { body: { ...MUG, quantity: 3 } });
    held.release();
    expect(other.status).toBe(422);
    expect((await first).status).toBe(201);
  });

  it('leaves another user’s copy of the same key to the pipeline: keys are scoped by user', async () => {
    const key = quoted(randomUUID());
    const held = things.hold();
    const first = copy(key).then((response) => response);
    await held.entered;
    const bobs = copy(key, { user: 'bob' }).then((response) => response);
    await until(() => claims() === 2);
    held.release();
    expect((await first).status).toBe(201);
    expect((await bobs).headers['idempotency-outcome']).toBe('executed');
  });

  it('answers 409 with Retry-After, from the pipeline, to a copy whose wait runs out first', async () => {
    const key = quoted(randomUUID());
    const held = things.hold();
    const first = copy(key).then((response) => response);
    await held.entered;
    const started = Date.now();
    const impatient = await copy(key, { prefer: 'wait=1' });
    held.release();
    expect(impatient.status).toBe(409);
    expect(Number(impatient.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    // It waited its one second here; the pipeline did not make it wait again.
    expect(Date.now() - started).toBeLessThan(1_900);
    expect((await first).status).toBe(201);
  });

  it('lets copies claim the key themselves when the first is answered without a stored answer (it failed): one of them runs it', async () => {
    const key = quoted(randomUUID());
    let failNow: () => void = () => undefined;
    const failing = new Promise<void>((resolve) => (failNow = resolve));
    things.next(async () => {
      await failing;
      throw new Error('the operation failed');
    });
    const first = copy(key).then((response) => response);
    const copies = Array.from({ length: 5 }, () => copy(key).then((response) => response));
    await until(() => heldKeys.waiting === 5);
    failNow();

    expect((await first).status).toBe(500);
    const answers = await Promise.all(copies);
    expect(answers.map((answer) => answer.status)).toEqual([201, 201, 201, 201, 201]);
    expect(answers.filter((answer) => answer.headers['idempotency-outcome'] === 'executed')).toHaveLength(1);
    expect(things.executions).toBe(2);
  });
});

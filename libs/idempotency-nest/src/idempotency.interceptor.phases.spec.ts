import { InternalServerErrorException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { idempotencyOutcomes } from './testing/idempotency-outcomes';
import { quoted } from './testing/send-thing';
import { ShippingLog } from './testing/shipping.phases';
import { ThingsController } from './testing/things.controller';
import { useIdempotencyTestApp } from './testing/use-idempotency-test-app';

// POST /shipped-things: reserve (local) → book with a carrier (foreign) → record the booking.
describe('IdempotencyInterceptor on a phased route (@Idempotent({ phased: true }))', () => {
  const app = useIdempotencyTestApp();
  const ship = (key: string) => app.send({ key, path: '/shipped-things' });
  const shipping = (): ShippingLog => app.api.app.get(ThingsController).shipping;

  it("runs the phases in order and stores the last phase's response, replayed to a retry", async () => {
    const key = quoted(randomUUID());
    const first = await ship(key).expect(201);
    const again = await ship(key).expect(201).expect('Idempotent-Replayed', 'true');

    expect(first.body).toEqual({ thingId: 1, booking: 'booking-1' });
    expect(again.text).toBe(first.text);
    expect(shipping().steps).toEqual(['reserve 1', 'book 1']);
    expect(await idempotencyOutcomes(app.api.registry)).toEqual({ executed: 1, replayed: 1 });
  });

  it('keeps the key at its recovery point when the foreign call fails, and a retry resumes there without repeating the local phase', async () => {
    const key = randomUUID();
    shipping().carrierFailure = new InternalServerErrorException('carrier unreachable');
    await ship(quoted(key)).expect(500);

    expect(app.api.store.get('alice', key)).toMatchObject({ state: 'running', recoveryPoint: 'reserved', recoveryState: { thingId: 1 } });
    const resumed = await ship(quoted(key)).expect(201);

    expect(resumed.body).toEqual({ thingId: 1, booking: 'booking-1' });
    expect(shipping().steps).toEqual(['reserve 1', 'book 1', 'book 1']);
    expect(app.api.things.executions).toBe(1);
    expect(await idempotencyOutcomes(app.api.registry)).toEqual({ failed: 1, resumed: 1 });
  });

  it('says in Idempotency-Outcome what each answer was: executed the first time, replayed after, resumed when a retry finished earlier work', async () => {
    const [once, interrupted] = [randomUUID(), randomUUID()];
    await ship(quoted(once)).expect(201).expect('Idempotency-Outcome', 'executed');
    await ship(quoted(once)).expect(201).expect('Idempotency-Outcome', 'replayed');

    shipping().carrierFailure = new InternalServerErrorException('carrier unreachable');
    const failed = await ship(quoted(interrupted)).expect(500);
    expect(failed.headers['idempotency-outcome']).toBeUndefined();
    await ship(quoted(interrupted)).expect(201).expect('Idempotency-Outcome', 'resumed');
    await ship(quoted(interrupted)).expect(201).expect('Idempotency-Outcome', 'replayed');
  });

  it('keeps the trace context `traceParentOf` gives at claim time with the key, for the recovery worker to link to', async () => {
    await app.restartWith({ traceParentOf: () => '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' });
    const key = randomUUID();
    shipping().carrierFailure = new InternalServerErrorException('carrier unreachable');
    await ship(quoted(key)).expect(500);

    expect(app.api.store.get('alice', key)).toMatchObject({
      recoveryPoint: 'reserved',
      traceParent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
    });
  });

  it('frees the key when the first local phase fails, since nothing committed', async () => {
    const key = randomUUID();
    app.api.things.failWith(new InternalServerErrorException('database hiccup'));
    await ship(quoted(key)).expect(500);

    expect(app.api.store.get('alice', key)).toBeUndefined();
    await ship(quoted(key)).expect(201);
    expect(shipping().steps).toEqual(['reserve 2', 'book 2']);
  });
});

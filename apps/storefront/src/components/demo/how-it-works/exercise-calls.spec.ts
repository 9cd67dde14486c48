import { ApiError, type Order, type PlacedOrder, type Session, type VersionedProfile } from '@/lib/api';
import { beginRequest, withRequestSettled } from '@/lib/checkout/checkout-record';
import { isPlacedCheckout, postWithoutKey, putProfileTwice, repeatKey, type ExerciseApi, type PlacedCheckout } from './exercise-calls';

const SESSION: Session = { accessToken: 't', user: { id: '5d1e7c1a-0000-4000-8000-000000000001', email: 'alice@example.com', name: 'Alice' } };
const KEY = '8e03978e-40d5-43e8-bc93-6894a57f9324';
const ORDER_ID = '0b8f2d4e-1111-4000-8000-000000000002';
const order = (id: string): Order => ({ id, userId: 'u1', status: 'paid', items: [], totalCents: 100, currency: 'EUR', createdAt: '2026-01-01T00:00:00Z' });

function placedCheckout(): PlacedCheckout {
  const begun = beginRequest(null, { items: [{ productId: 'mug', quantity: 2 }], paymentMethod: 'pm_card_visa' }, () => KEY, 0);
  const record = withRequestSettled(begun, 1, { state: 'placed', at: 1, orderId: ORDER_ID, total: { cents: 100, currency: 'EUR' }, replayed: false });
  if (!isPlacedCheckout(record)) throw new Error('expected a placed checkout');
  return record;
}

function fakeApi(overrides: Partial<ExerciseApi>): ExerciseApi {
  const unexpected = () => Promise.reject(new Error('unexpected call'));
  return { placeOrder: unexpected, postOrderWithoutKey: unexpected, getProfile: unexpected, replaceProfile: unexpected, ...overrides };
}

describe('repeatKey(api, session, checkout, body)', () => {
  it('when the same key and body come again, says 201 replayed, the same order, nothing new ordered', async () => {
    const api = fakeApi({
      placeOrder: async ({ idempotencyKey, order: sent, observer }): Promise<PlacedOrder> => {
        expect(idempotencyKey).toBe(KEY);
        expect(sent.items).toEqual([{ productId: 'mug', quantity: 2 }]);
        observer.attemptEnded(1, { outcome: 'replayed', status: 201, replayed: true });
        return { order: order(ORDER_ID), replayed: true };
      },
    });

    const [step] = await repeatKey(api, SESSION, placedCheckout(), 'same');

    expect(step.answer).toBe(
      'HTTP 201, Idempotent-Replayed: true: order 0b8f2d4e, the one this checkout placed, answered from storage. Nothing new was ordered.',
    );
    expect(step.tone).toBe('ok');
  });

  it('when the same key comes with another body, sends one more of the first item and says 422 idempotency-key-reused', async () => {
    const api = fakeApi({
      placeOrder: async ({ order: sent }) => {
        expect(sent.items).toEqual([{ productId: 'mug', quantity: 3 }]);
        throw new ApiError('problem', 'This checkout already belongs to another cart', '…', { status: 422, slug: 'idempotency-key-reused' });
      },
    });

    const [step] = await repeatKey(api, SESSION, placedCheckout(), 'other');

    expect(step.request).toBe('POST /orders, Idempotency-Key: 8e03978e…, one more of the first item');
    expect(step.answer).toMatch(/^HTTP 422 idempotency-key-reused: the key belongs to another body/);
  });

  it('when the shop created a new order instead (the key expired), says so rather than claiming a replay', async () => {
    const api = fakeApi({ placeOrder: async () => ({ order: order('9c9c9c9c-0000-4000-8000-000000000003'), replayed: false }) });
    const [step] = await repeatKey(api, SESSION, placedCheckout(), 'same');
    expect(step).toMatchObject({ tone: 'bad', answer: expect.stringContaining('created now: the shop no longer knew this key') });
  });
});

describe('postWithoutKey(api, session, order)', () => {
  it('when the shop refuses the order without a key (400), says nothing was ordered and why', async () => {
    const api = fakeApi({
      postOrderWithoutKey: async () => {
        throw new ApiError('problem', 'Idempotency-Key missing', '…', { status: 400, slug: 'idempotency-key-missing' });
      },
    });
    const [step] = await postWithoutKey(api, SESSION, placedCheckout());
    expect(step.answer).toMatch(/^HTTP 400 idempotency-key-missing: nothing was ordered/);
  });
});

describe('putProfileTwice(api, session)', () => {
  it('saves the profile as loaded twice, each time with the version it has, and reports the same ETag each time', async () => {
    const loaded: VersionedProfile = {
      etag: '"v1"',
      profile: {
        id: SESSION.user.id,
        name: 'Alice',
        email: 'alice@example.com',
        shippingAddress: { line1: '1 Road', line2: '', city: 'Leeds', postalCode: 'LS1', country: 'GB' },
      },
    };
    const ifMatch: string[] = [];
    const api = fakeApi({
      getProfile: async () => loaded,
      replaceProfile: async (_session, fields, etag) => {
        expect(fields).toEqual({ name: 'Alice', email: 'alice@example.com', shippingAddress: loaded.profile.shippingAddress });
        ifMatch.push(etag);
        return loaded;
      },
    });

    const steps = await putProfileTwice(api, SESSION);

    expect(ifMatch).toEqual(['"v1"', '"v1"']);
    expect(steps.map((s) => s.answer)).toEqual([
      'HTTP 200, ETag "v1"',
      'HTTP 200, ETag "v1" (unchanged: nothing was different)',
      'HTTP 200, ETag "v1" (unchanged: nothing was different)',
    ]);
  });
});

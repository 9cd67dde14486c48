import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { StorefrontApi } from './storefront-api';
import type { OrderAttemptObserver } from './order-attempt-hooks';
import type { Order, WaitReason } from './types';

/** What the stub API answers to one request: status, headers, JSON body. */
type Answer = { status: number; headers?: Record<string, string>; body: unknown };

const SESSION = { accessToken: 'token', user: { id: 'u1', email: 'a@example.test', name: 'A' } };
const TOO_MANY = (retryAfter: string): Answer => ({
  status: 429,
  headers: { 'Content-Type': 'application/problem+json', 'Retry-After': retryAfter },
  body: { type: '/problems/too-many-requests', title: 'Too many requests', status: 429, detail: 'Slow down.' },
});
const ORDER: Order = {
  id: '5c0e4f1a-99b2-4d72-bdf5-a7c643a5f182',
  userId: 'u1',
  status: 'paid',
  items: [{ productId: 'mug', quantity: 1, unitPriceCents: 500 }],
  totalCents: 500,
  currency: 'EUR',
  createdAt: '2026-12-07T12:00:00.000Z',
};

// The storefront's API client against a stub API on a real loopback socket, answering from a
// script, so that the retrying client's real timers and headers are what is tested.
describe('StorefrontApi', () => {
  let server: Server;
  let api: StorefrontApi;
  let script: Answer[];
  let seen: IncomingMessage[];
  beforeAll(async () => {
    server = createServer((request, response) => {
      seen.push(request);
      const answer = script.shift() ?? { status: 500, body: { type: '/problems/internal-error' } };
      response.writeHead(answer.status, { 'Content-Type': 'application/json', ...answer.headers });
      response.end(JSON.stringify(answer.body));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    api = new StorefrontApi(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  });
  beforeEach(() => {
    script = [];
    seen = [];
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  describe('.listOrders(session, cursor?)', () => {
    it('when asked for the first page, sends no cursor and answers its orders and the next page’s cursor', async () => {
      script = [{ status: 200, body: { data: [ORDER], nextCursor: 'next-1' } }];
      const page = await api.listOrders(SESSION);
      expect(seen.map((r) => r.url)).toEqual(['/orders']);
      expect(page).toEqual({ data: [ORDER], nextCursor: 'next-1' });
    });

    it('when given a cursor, sends it as it was and answers nextCursor null on the last page', async () => {
      script = [{ status: 200, body: { data: [], nextCursor: null } }];
      expect(await api.listOrders(SESSION, 'next-1_x')).toEqual({ data: [], nextCursor: null });
      expect(seen.map((r) => r.url)).toEqual(['/orders?cursor=next-1_x']);
    });
  });

  describe('.login(email, password) answered 429 too-many-requests', () => {
    it('does not retry the unkeyed POST, and says "Too many attempts; try again in N s" from Retry-After', async () => {
      script = [TOO_MANY('30')];
      const error = await api.login('a@example.test', 'wrong').catch((e: unknown) => e);
      expect(error).toMatchObject({ kind: 'problem', status: 429, slug: 'too-many-requests', title: 'Too many attempts' });
      expect((error as Error).message).toBe('Too many attempts; try again in 30 s.');
      expect(seen).toHaveLength(1);
    });
  });

  describe('.placeOrder(request) answered 429 with Retry-After: 1, then 201', () => {
    it('waits at least the Retry-After before retrying with the same key, and places the order', async () => {
      script = [TOO_MANY('1'), { status: 201, body: ORDER }];
      const waits: WaitReason[] = [];
      const observer: OrderAttemptObserver = {
        attemptSent: () => {},
        attemptEnded: () => {},
        retryScheduled: (_a, wait) => waits.push(wait),
        gaveUp: () => {},
      };
      const started = Date.now();

      const placed = await api.placeOrder({
        session: SESSION,
        order: { items: [{ productId: 'mug', quantity: 1 }], paymentMethod: 'pm_card_visa' },
        idempotencyKey: '"8e03978e-40d5-43e8-bc93-6894a57f9324"',
        observer,
      });

      expect(placed.order.id).toBe(ORDER.id);
      expect(waits).toEqual([expect.objectContaining({ basis: 'retry-after', retryAfterMs: 1_000 })]);
      expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
      expect(seen.map((r) => r.headers['idempotency-key'])).toEqual([seen[0].headers['idempotency-key'], seen[0].headers['idempotency-key']]);
      expect(seen[0].headers['idempotency-key']).toContain('8e03978e-40d5-43e8-bc93-6894a57f9324');
    });
  });
});

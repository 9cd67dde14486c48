import { createTestProduct, createTestUser, newIdempotencyKey, startTestApi, TestApi } from '../testing/test-api';
import { encodeOrderCursor } from './order-cursor';

type Page = { data: { id: string; userId: string; createdAt: string }[]; nextCursor: string | null };

// GET /orders a page at a time (http-contract.md "Orders"), over real HTTP
// against the test database. Orders are written straight to the table, with chosen creation
// times (several share one, so the id tie-breaker is exercised), to make 45 of them cheaply.
describe('GET /orders pages through the caller’s orders with a cursor', () => {
  let api: TestApi;
  beforeAll(async () => (api = await startTestApi()));
  afterAll(() => api.close());

  /** A customer with `count` orders, three per creation time, the newest first; returns their ids newest first. */
  async function aCustomerWithOrders(count: number) {
    const user = await createTestUser(api);
    const product = await createTestProduct(api, 1_000);
    const base = Date.now() - 3_600_000;
    for (let i = 0; i < count; i++) {
      const createdAt = new Date(base + Math.floor(i / 3) * 1_000);
      await api.prisma.order.create({
        data: {
          userId: user.id,
          status: 'payment_failed',
          paymentMethod: 'pm_card_chargeDeclined',
          totalCents: 500,
          currency: 'EUR',
          createdAt,
          lines: { create: [{ position: 0, productId: product.id, quantity: 1, unitPriceCents: 500 }] },
        },
      });
    }
    const ids = (await api.prisma.order.findMany({ where: { userId: user.id }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] })).map((o) => o.id);
    const get = (query = '') => api.http().get(`/orders${query}`).set('Authorization', `Bearer ${user.token}`);
    return { user, product, ids, get };
  }

  /** Every page, following nextCursor (with `limit` when given); `between` runs before each next page is asked for. */
  async function allPages(get: (query: string) => ReturnType<ReturnType<TestApi['http']>['get']>, limit?: number, between = async () => {}) {
    const pages: Page[] = [];
    const limitParam = limit === undefined ? '' : `limit=${limit}&`;
    let query = limit === undefined ? '' : `?limit=${limit}`;
    for (;;) {
      const page: Page = (await get(query).expect(200)).body;
      pages.push(page);
      if (page.nextCursor === null) return pages;
      await between();
      query = `?${limitParam}cursor=${page.nextCursor}`;
    }
  }

  it('answers 45 orders as pages of 20, 20 and 5, newest first, each naming the next, the last with nextCursor null', async () => {
    const customer = await aCustomerWithOrders(45);
    const pages = await allPages(customer.get);

    expect(pages.map((page) => page.data.length)).toEqual([20, 20, 5]);
    expect(pages.flatMap((page) => page.data.map((order) => order.id))).toEqual(customer.ids);
    expect(pages.slice(0, 2).every((page) => typeof page.nextCursor === 'string' && /^[A-Za-z0-9_-]+$/.test(page.nextCursor))).toBe(true);
    expect(pages[2].nextCursor).toBeNull();
  });

  it('honours limit from 1 to 100, and a page exactly as long as what is left names no next page', async () => {
    const customer = await aCustomerWithOrders(5);
    expect((await allPages(customer.get, 1)).map((page) => page.data.length)).toEqual([1, 1, 1, 1, 1]);
    const exact = (await customer.get('?limit=5').expect(200)).body;
    expect(exact).toMatchObject({ nextCursor: null });
    expect(exact.data.map((order: { id: string }) => order.id)).toEqual(customer.ids);
    expect((await customer.get('?limit=100').expect(200)).body.data).toHaveLength(5);
  });

  it('neither repeats nor skips an order while new orders are placed between pages (they are newer than the first page)', async () => {
    const customer = await aCustomerWithOrders(45);
    let placed = 0;
    const placeOne = async () => {
      placed++;
      await api
        .http()
        .post('/orders')
        .set('Authorization', `Bearer ${customer.user.token}`)
        .set('Idempotency-Key', newIdempotencyKey())
        .send({ paymentMethod: 'pm_card_visa', items: [{ productId: customer.product.id, quantity: 1 }] })
        .expect(201);
    };
    const pages = await allPages(customer.get, undefined, placeOne);

    expect(placed).toBe(2);
    expect(pages.flatMap((page) => page.data.map((order) => order.id))).toEqual(customer.ids);
    expect((await customer.get('?limit=2').expect(200)).body.data).toHaveLength(2);
    expect(await api.prisma.order.count({ where: { userId: customer.user.id } })).toBe(47);
  });

  it("shows nothing of another user's through their cursor: only the caller's own orders older than that point", async () => {
    const theirs = await aCustomerWithOrders(3);
    const mine = await aCustomerWithOrders(2);
    const theirFirst = (await theirs.get('?limit=1').expect(200)).body as Page;

    const through = (await mine.get(`?cursor=${theirFirst.nextCursor}`).expect(200)).body as Page;
    expect(through.data.every((order) => order.userId === mine.user.id)).toBe(true);
    expect(through.data.map((order) => order.id).filter((id) => theirs.ids.includes(id))).toEqual([]);
  });

  it.each([
    ['0', '?limit=0'],
    ['101', '?limit=101'],
    ['-1', '?limit=-1'],
    ['2.5', '?limit=2.5'],
    ['"ten"', '?limit=ten'],
    ['empty', '?limit='],
    ['1e1', '?limit=1e1'],
    ['given twice', '?limit=1&limit=2'],
  ])('answers 400 validation-failed (field limit) to limit %s', async (_name, query) => {
    const customer = await aCustomerWithOrders(0);
    const response = await customer.get(query).expect(400);
    expect(response.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(response.body).toMatchObject({ type: '/problems/validation-failed', errors: [{ field: 'limit' }] });
  });

  it.each([
    ['not base64url', 'not a cursor!'],
    ['base64url of something else', Buffer.from('hello').toString('base64url')],
    ['a bad date', Buffer.from('2026-13-45T00:00:00.000Z_5c0e4f1a-99b2-4d72-bdf5-a7c643a5f182').toString('base64url')],
    ['a bad id', Buffer.from(`${new Date().toISOString()}_42`).toString('base64url')],
    ['another date spelling', Buffer.from('2026-12-07_5c0e4f1a-99b2-4d72-bdf5-a7c643a5f182').toString('base64url')],
    ['much too long', 'A'.repeat(500)],
  ])('answers 400 validation-failed (field cursor) to a cursor that is %s', async (_name, cursor) => {
    const customer = await aCustomerWithOrders(0);
    const response = await customer.get(`?cursor=${encodeURIComponent(cursor)}`).expect(400);
    expect(response.body).toMatchObject({ type: '/problems/validation-failed', errors: [{ field: 'cursor' }] });
  });

  it('answers 400 to an unknown query parameter rather than ignoring it', async () => {
    const customer = await aCustomerWithOrders(0);
    await customer.get('?offset=20').expect(400);
  });

  it('answers a cursor made for a point before every order with an empty last page', async () => {
    const customer = await aCustomerWithOrders(2);
    const cursor = encodeOrderCursor({ createdAt: new Date('2000-01-01T00:00:00.000Z'), id: '00000000-0000-4000-8000-000000000000' });
    expect((await customer.get(`?cursor=${cursor}`).expect(200)).body).toEqual({ data: [], nextCursor: null });
  });
});

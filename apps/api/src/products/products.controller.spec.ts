import { startTestApi, TestApi } from '../testing/test-api';

describe('GET /products', () => {
  let api: TestApi;
  beforeAll(async () => (api = await startTestApi()));
  afterAll(() => api.close());

  it('lists the catalog without authentication, with a product stocked for load tests', async () => {
    const response = await api.http().get('/products').expect(200);
    expect(response.body[0]).toEqual({
      id: expect.any(String),
      sku: expect.any(String),
      name: expect.any(String),
      priceCents: expect.any(Number),
      currency: expect.any(String),
      stock: expect.any(Number),
    });
    expect(response.body.some((p: { stock: number }) => p.stock >= 100_000)).toBe(true);
  });
});

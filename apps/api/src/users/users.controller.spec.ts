import { createTestUser, startTestApi, TestApi } from '../testing/test-api';

const profileBody = (email: string) => ({
  name: 'Renamed User',
  email,
  shippingAddress: { line1: '9 New Street', city: 'Newtown', postalCode: '99999', country: 'FR' },
});

describe('GET and PUT /users/:id (idempotent by nature)', () => {
  let api: TestApi;
  beforeAll(async () => (api = await startTestApi()));
  afterAll(() => api.close());

  it("returns the caller's own profile with a strong ETag", async () => {
    const user = await createTestUser(api);
    const response = await api.http().get(`/users/${user.id}`).set('Authorization', `Bearer ${user.token}`).expect(200);
    expect(response.headers.etag).toMatch(/^"[^"]+"$/);
    expect(response.body).toEqual({
      id: user.id,
      email: user.email,
      name: 'Test User',
      shippingAddress: { line1: '1 Test Street', city: 'Testville', postalCode: '00000', country: 'GB' },
    });
  });

  it('replaces the profile, and the same PUT again gives the same 200, body and ETag without touching updatedAt', async () => {
    const user = await createTestUser(api);
    const put = () => api.http().put(`/users/${user.id}`).set('Authorization', `Bearer ${user.token}`).send(profileBody(user.email));
    const first = await put().expect(200);
    const second = await put().expect(200);
    expect(first.body).toMatchObject({ ...profileBody(user.email), updatedAt: expect.any(String) });
    expect(second.body).toEqual(first.body);
    expect(second.headers.etag).toBe(first.headers.etag);
    const read = await api.http().get(`/users/${user.id}`).set('Authorization', `Bearer ${user.token}`).expect(200);
    expect(read.headers.etag).toBe(first.headers.etag);
  });

  it('applies a PUT whose If-Match is current and answers 412 precondition-failed to a stale one', async () => {
    const user = await createTestUser(api);
    const auth = { Authorization: `Bearer ${user.token}` };
    const { headers } = await api.http().get(`/users/${user.id}`).set(auth).expect(200);
    const changed = await api.http().put(`/users/${user.id}`).set(auth).set('If-Match', headers.etag).send(profileBody(user.email)).expect(200);
    expect(changed.headers.etag).not.toBe(headers.etag);

    const stale = await api
      .http()
      .put(`/users/${user.id}`)
      .set(auth)
      .set('If-Match', headers.etag)
      .send({ ...profileBody(user.email), name: 'Lost Update' })
      .expect(412);
    expect(stale.body).toMatchObject({ type: '/problems/precondition-failed', status: 412 });
    const read = await api.http().get(`/users/${user.id}`).set(auth).expect(200);
    expect(read.body.name).toBe('Renamed User');
  });

  it("answers 403 forbidden for another user's profile, on GET and on PUT", async () => {
    const [me, other] = [await createTestUser(api), await createTestUser(api)];
    const auth = { Authorization: `Bearer ${me.token}` };
    await api
      .http()
      .get(`/users/${other.id}`)
      .set(auth)
      .expect(403)
      .expect('Content-Type', /problem\+json/);
    const put = await api.http().put(`/users/${other.id}`).set(auth).send(profileBody(other.email)).expect(403);
    expect(put.body.type).toBe('/problems/forbidden');
  });

  it('answers 409 email-taken when the email belongs to another account, changing nothing', async () => {
    const [me, other] = [await createTestUser(api), await createTestUser(api)];
    const response = await api.http().put(`/users/${me.id}`).set('Authorization', `Bearer ${me.token}`).send(profileBody(other.email)).expect(409);
    expect(response.body).toMatchObject({ type: '/problems/email-taken', status: 409 });
    expect((await api.prisma.user.findUniqueOrThrow({ where: { id: me.id } })).name).toBe('Test User');
  });

  it('answers an incomplete profile with 400 validation-failed naming each bad field', async () => {
    const user = await createTestUser(api);
    const response = await api
      .http()
      .put(`/users/${user.id}`)
      .set('Authorization', `Bearer ${user.token}`)
      .send({ name: '', email: 'not-an-email', shippingAddress: { line1: 'x', city: 'y', postalCode: 'z', country: 'France' } })
      .expect(400);
    const fields = response.body.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['name', 'email', 'shippingAddress.country']));
  });

  it.each(['XX', 'GER', 'de'])(
    'answers the country %p, which is no ISO 3166-1 alpha-2 code, with 400 naming shippingAddress.country, changing nothing',
    async (country) => {
      const user = await createTestUser(api);
      const body = { ...profileBody(user.email), shippingAddress: { line1: '1 Test Street', city: 'Testville', postalCode: '00000', country } };
      const response = await api.http().put(`/users/${user.id}`).set('Authorization', `Bearer ${user.token}`).send(body).expect(400);
      expect(response.body).toMatchObject({ type: '/problems/validation-failed', status: 400 });
      expect(response.body.errors).toEqual([
        { field: 'shippingAddress.country', messages: expect.arrayContaining([expect.stringContaining('ISO 3166-1 alpha-2')]) },
      ]);
      expect((await api.prisma.user.findUniqueOrThrow({ where: { id: user.id } })).addressCountry).toBe('GB');
    },
  );

  it('accepts DE and stores it as sent', async () => {
    const user = await createTestUser(api);
    const body = { ...profileBody(user.email), shippingAddress: { line1: '1 Test Street', city: 'Testville', postalCode: '00000', country: 'DE' } };
    await api.http().put(`/users/${user.id}`).set('Authorization', `Bearer ${user.token}`).send(body).expect(200);
    expect((await api.prisma.user.findUniqueOrThrow({ where: { id: user.id } })).addressCountry).toBe('DE');
  });

  it('answers 401 without a token', async () => {
    const user = await createTestUser(api);
    await api.http().get(`/users/${user.id}`).expect(401);
    await api.http().put(`/users/${user.id}`).send(profileBody(user.email)).expect(401);
  });
});

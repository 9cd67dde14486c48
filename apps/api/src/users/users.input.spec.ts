import { createTestUser, startTestApi, TestApi } from '../testing/test-api';

const address = '{"line1":"9 New Street","line2":"Flat 3","city":"Newtown","postalCode":"99999","country":"FR"}';
const profile = (email: string, name = 'Renamed User', shippingAddress = address) =>
  `{"name":"${name}","email":"${email}","shippingAddress":${shippingAddress}}`;

// A PUT /users/:id the API cannot store faithfully must be refused before it changes
// anything, or an identical repeat would look like a change (a new ETag every time).
describe('PUT /users/:id with input the API must refuse', () => {
  let api: TestApi;
  beforeAll(async () => (api = await startTestApi()));
  afterAll(() => api.close());

  /** A user whose stored profile (with line2) was set by one accepted PUT, and its ETag. */
  async function storedProfile() {
    const user = await createTestUser(api);
    const auth = { Authorization: `Bearer ${user.token}` };
    const put = (text: string, id = user.id) => api.http().put(`/users/${id}`).set(auth).set('Content-Type', 'application/json').send(text);
    const accepted = await put(profile(user.email)).expect(200);
    return { user, auth, put, etag: accepted.headers.etag as string, body: accepted.body };
  }

  async function expectRefused(text: (email: string) => string, slug: string) {
    const { user, auth, put, etag, body } = await storedProfile();
    const response = await put(text(user.email));
    expect({ status: response.status, type: response.body.type }).toEqual({ status: 400, type: `/problems/${slug}` });
    const read = await api.http().get(`/users/${user.id}`).set(auth).expect(200);
    expect(read.headers.etag).toBe(etag);
    expect(read.body).toEqual(body);
    return response;
  }

  it.each<[string, (email: string) => string]>([
    ['shippingAddress as an empty array', (e) => profile(e, 'Renamed User', '[]')],
    ['shippingAddress as an array of an address', (e) => profile(e, 'Renamed User', `[${address}]`)],
    ['shippingAddress as a string', (e) => profile(e, 'Renamed User', '"x"')],
    ['shippingAddress as null', (e) => profile(e, 'Renamed User', 'null')],
    ['shippingAddress missing', (e) => `{"name":"N","email":"${e}"}`],
    ['a name that is an array', (e) => `{"name":["N"],"email":"${e}","shippingAddress":${address}}`],
    ['an email that is an object', () => `{"name":"N","email":{},"shippingAddress":${address}}`],
    ['a blank name', (e) => profile(e, '   ', address)],
    ['a blank city', (e) => `{"name":"N","email":"${e}","shippingAddress":{"line1":"1 Road","city":" ","postalCode":"1","country":"GB"}}`],
    ['a __proto__ member', (e) => `{"name":"N","email":"${e}","shippingAddress":${address},"__proto__":{"admin":true}}`],
  ])('answers 400 validation-failed to %s, changing nothing', async (_name, text) => {
    await expectRefused(text, 'validation-failed');
  });

  it.each([['[]'], ['"x"'], ['null'], ['42']])('answers 400 json-body-not-object to the top-level value %s', async (text) => {
    await expectRefused(() => text, 'json-body-not-object');
  });

  it.each<[string, (email: string) => string]>([
    ['a lone high surrogate in the name', (e) => profile(e, '\\ud800')],
    ['a lone low surrogate after text', (e) => profile(e, 'Ann\\udc00')],
    ['a lone surrogate in a nested member name', (e) => profile(e, 'N', '{"\\ud800":1}')],
  ])('answers 400 ill-formed-unicode to %s, so no repeat bumps the ETag', async (_name, text) => {
    const response = await expectRefused(text, 'ill-formed-unicode');
    expect(response.body.pointer).toEqual(expect.stringMatching(/^\/(name|shippingAddress\/)/));
  });

  it('accepts well-formed text outside the BMP, and its repeat keeps the ETag', async () => {
    const { user, put } = await storedProfile();
    const first = await put(profile(user.email, 'Ann \\ud83d\\ude00')).expect(200);
    expect(first.body.name).toBe('Ann \u{1F600}');
    const again = await put(profile(user.email, 'Ann \u{1F600}')).expect(200);
    expect(again.headers.etag).toBe(first.headers.etag);
  });

  it.each<[string, (email: string) => string]>([
    ['a NUL in the name', (e) => profile(e, 'Ann\\u0000')],
    ['a NUL in an address line', (e) => profile(e, 'N', '{"line1":"\\u0000","city":"c","postalCode":"p","country":"GB"}')],
    ['a NUL in a member name', (e) => profile(e, 'N', '{"line1":"l","city":"c","postalCode":"p","country":"GB","\\u0000":"x"}')],
  ])('answers 400 json-nul-character to %s', async (_name, text) => {
    await expectRefused(text, 'json-nul-character');
  });

  it('answers 400 json-number-out-of-range to an overflowing number anywhere in the profile', async () => {
    const response = await expectRefused((e) => profile(e, 'N', '{"line1":"l","city":"c","postalCode":1e400,"country":"GB"}'), 'json-number-out-of-range');
    expect(response.body.pointer).toBe('/shippingAddress/postalCode');
  });

  describe('an upper-case id of the caller (RFC 9562: UUIDs are case-insensitive on input)', () => {
    it('GET answers exactly as for the lower-case id, showing the lower-case id', async () => {
      const { user, auth } = await storedProfile();
      const lower = await api.http().get(`/users/${user.id}`).set(auth).expect(200);
      const upper = await api.http().get(`/users/${user.id.toUpperCase()}`).set(auth).expect(200);
      expect(upper.text).toBe(lower.text);
      expect(upper.headers.etag).toBe(lower.headers.etag);
      expect(upper.body.id).toBe(user.id);
    });

    it('PUT replaces the profile exactly as for the lower-case id, and its repeat keeps the ETag', async () => {
      const { user, put, etag } = await storedProfile();
      const same = await put(profile(user.email), user.id.toUpperCase()).expect(200);
      expect(same.headers.etag).toBe(etag);
      const changed = await put(profile(user.email, 'Changed'), user.id.toUpperCase()).expect(200);
      expect(changed.body).toMatchObject({ id: user.id, name: 'Changed' });
    });

    it("still answers 403 for another user's id in upper case", async () => {
      const [{ auth }, other] = [await storedProfile(), await createTestUser(api)];
      await api.http().get(`/users/${other.id.toUpperCase()}`).set(auth).expect(403);
    });
  });
});

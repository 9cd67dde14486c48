import { REDACTED, redactLogLine, redactUrl } from './redact-secrets';

// Shaped like a real HS256 token; what matters is the three base64url segments after `eyJ`.
const JWT = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhYmMifQ.c2lnbmF0dXJlLXNpZ25hdHVyZQ';

describe('redactUrl(url)', () => {
  it('leaves a URL without secrets as it is', () => {
    expect(redactUrl('/orders?page=2&sort=desc')).toBe('/orders?page=2&sort=desc');
    expect(redactUrl('/products')).toBe('/products');
  });

  it.each([
    'token',
    'access_token',
    'id_token',
    'refresh_token',
    'password',
    'secret',
    'key',
    'api_key',
    'authorization',
    'code',
    'ACCESS_TOKEN',
    'apiKey',
    'client_secret',
  ])('redacts the value of a `%s` query parameter, keeping the others', (name) => {
    expect(redactUrl(`/orders?page=2&${name}=s3cr3t-value&sort=desc`)).toBe(`/orders?page=2&${name}=${REDACTED}&sort=desc`);
  });

  it('recognises a percent-encoded or form-encoded parameter name', () => {
    expect(redactUrl('/x?access%5Ftoken=abc&user%5Bpassword%5D=def')).toBe(`/x?access%5Ftoken=${REDACTED}&user%5Bpassword%5D=${REDACTED}`);
  });

  it('survives a malformed percent-encoding in a name', () => {
    expect(redactUrl('/x?%E0%A4%A=1&token=abc')).toBe(`/x?%E0%A4%A=1&token=${REDACTED}`);
  });

  it('redacts a JWT anywhere: under an innocent parameter name, without a name, in the path', () => {
    expect(redactUrl(`/orders?q=${JWT}`)).toBe(`/orders?q=${REDACTED}`);
    expect(redactUrl(`/orders?${JWT}`)).toBe(`/orders?${REDACTED}`);
    expect(redactUrl(`/orders/${JWT}/lines`)).toBe(`/orders/${REDACTED}/lines`);
  });

  it('redacts an unsigned (alg none) JWT, whose signature segment is empty', () => {
    expect(redactUrl('/o?x=eyJhbGciOiJub25lIn0.eyJzdWIiOiJhIn0.&y=1')).toBe(`/o?x=${REDACTED}&y=1`);
  });
});

describe('redactLogLine(line)', () => {
  it('leaves a line without secrets as it is', () => {
    const line = '{"level":30,"req":{"id":"r1","method":"GET","url":"/orders"},"res":{"statusCode":200},"msg":"request completed"}\n';
    expect(redactLogLine(line)).toBe(line);
  });

  it('redacts a JWT in any field, message or stack', () => {
    const line = JSON.stringify({ msg: `upstream refused ${JWT}`, err: { stack: `Error: ${JWT}\n    at x` }, deep: { a: { b: [JWT] } } });
    const redacted = redactLogLine(line);
    expect(redacted).not.toContain('eyJ');
    expect(JSON.parse(redacted)).toEqual({
      msg: `upstream refused ${REDACTED}`,
      err: { stack: `Error: ${REDACTED}\n    at x` },
      deep: { a: { b: [REDACTED] } },
    });
  });

  it('redacts opaque Bearer and Basic credentials quoted in text, but not the word "basic" in prose', () => {
    const line = JSON.stringify({ msg: 'sent Bearer opaque.Token_123~+/= and Basic YWxpY2U6c2VjcmV0, basic checks passed' });
    expect(JSON.parse(redactLogLine(line)).msg).toBe(`sent Bearer ${REDACTED} and Basic ${REDACTED}, basic checks passed`);
  });

  it('redacts the string value of every field named like a secret, at any depth and in any case', () => {
    const line = JSON.stringify({
      password: 'p1',
      err: { config: { headers: { Authorization: 'Token abc', 'x-api-key': 'k1', Cookie: 'sid=1' }, data: { user: { newPassword: 'p2' } } } },
      accessToken: 'a1',
      clientSecret: 'c1',
      responseTime: 3,
    });
    expect(JSON.parse(redactLogLine(line))).toEqual({
      password: REDACTED,
      err: { config: { headers: { Authorization: REDACTED, 'x-api-key': REDACTED, Cookie: REDACTED }, data: { user: { newPassword: REDACTED } } } },
      accessToken: REDACTED,
      clientSecret: REDACTED,
      responseTime: 3,
    });
  });

  it('keeps the JSON valid when a redacted value contains escaped quotes', () => {
    const line = JSON.stringify({ msg: 'say "password": "x"', password: 'a "quoted" \\ value', next: 'kept' });
    expect(JSON.parse(redactLogLine(line))).toEqual({ msg: 'say "password": "x"', password: REDACTED, next: 'kept' });
  });
});

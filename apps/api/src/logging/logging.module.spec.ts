import { Controller, Get, Global, Headers, Module } from '@nestjs/common';
import { createTestUser, startTestApi, TestApi } from '../testing/test-api';
import { LOG_DESTINATION } from './logging.module';

const PASSWORD = 'Correct-Horse-Battery-Staple-41';
const API_KEY = 'ak_live_5f1c0e2b9d';

// Every line the API logs, as written: provided to LoggingModule from a global module.
const logLines: string[] = [];

@Global()
@Module({ providers: [{ provide: LOG_DESTINATION, useValue: { write: (line: string) => void logLines.push(line) } }], exports: [LOG_DESTINATION] })
class CapturedLogsModule {}

// An unexpected error that carries the caller's credentials, as an HTTP client's error does (its
// message and its request config): the problem filter logs it with `{ err }`.
@Controller('test-only')
class LeakyFailureController {
  @Get('fail')
  fail(@Headers('authorization') authorization: string): never {
    const token = authorization.replace(/^Bearer /, '');
    throw Object.assign(new Error(`upstream rejected ${token} (${authorization})`), {
      config: { headers: { Authorization: authorization, 'X-Api-Key': API_KEY }, data: { user: { password: PASSWORD } } },
    });
  }
}

@Module({ controllers: [LeakyFailureController] })
class LeakyFailureModule {}

describe('LoggingModule: logs never contain tokens, passwords or credentials', () => {
  let api: TestApi;
  let token: string;
  let log: string;

  beforeAll(async () => {
    api = await startTestApi({ LOG_LEVEL: 'trace' }, [CapturedLogsModule, LeakyFailureModule]);
    token = (await createTestUser(api, PASSWORD)).token;
    const bearer = `Bearer ${token}`;
    await api.http().get(`/orders?access_token=${token}`).expect(401);
    // GET /orders refuses parameters it does not know (400); the refused request is logged all the same.
    await api.http().get(`/orders?page=2&Token=${token}&password=${PASSWORD}&api_key=${API_KEY}`).set('Authorization', bearer).expect(400);
    await api.http().get(`/orders/${token}`).set('Authorization', bearer).expect(404);
    await api.http().get('/auth/me').set('Authorization', bearer).expect(200);
    await api.http().post('/auth/login').send({ email: 'not-an-email', password: PASSWORD }).expect(400);
    await api.http().post('/auth/login').set('Content-Type', 'application/json').send(`{"email":"a@example.com","password":"${PASSWORD}"`).expect(400);
    await api.http().get('/test-only/fail').set('Authorization', bearer).expect(500);
    await api.close();
    log = logLines.join('');
  });

  it('logged the requests at all (the assertions below are not vacuous)', () => {
    expect(log).toContain('"url":"/auth/login"');
    expect(log).toContain('"url":"/orders?access_token=[redacted]"');
    expect(log).toContain('"url":"/orders?page=2&Token=[redacted]&password=[redacted]&api_key=[redacted]"');
    expect(log).toContain('"url":"/orders/[redacted]"');
    expect(log).toContain('unexpected error');
  });

  it('contains no part of the bearer token that identifies or authenticates (payload, signature)', () => {
    const [, payload, signature] = token.split('.');
    expect(log).not.toContain(token);
    expect(log).not.toContain(payload);
    expect(log).not.toContain(signature);
  });

  it('contains no password: not from a login body, a query string or a nested error field', () => {
    expect(log).not.toContain(PASSWORD);
  });

  it('contains no credential from an Authorization header or an API key, even inside a logged error', () => {
    expect(log).not.toMatch(/Bearer (?!\[redacted\])/);
    expect(log).not.toContain(API_KEY);
    expect(log).toContain('upstream rejected [redacted] (Bearer [redacted])');
  });

  it('still writes one valid JSON object per line', () => {
    for (const line of log.trim().split('\n')) expect(() => JSON.parse(line)).not.toThrow();
  });
});

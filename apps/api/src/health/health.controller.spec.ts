import { startTestApi } from '../testing/test-api';

describe('GET /health', () => {
  it('answers 200 without authentication while the database is reachable', async () => {
    const api = await startTestApi();
    try {
      const response = await api.http().get('/health').expect(200);
      expect(response.body).toMatchObject({ status: 'ok', info: { database: { status: 'up' } } });
    } finally {
      await api.close();
    }
  });

  it('answers 503 problem+json when the database is unreachable', async () => {
    // A port nothing listens on: the pool's connection attempts are refused at once.
    const api = await startTestApi({ DATABASE_URL: 'postgresql://nobody@127.0.0.1:9/nowhere' });
    try {
      const response = await api.http().get('/health').expect(503);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.body).toMatchObject({ type: '/problems/service-unavailable', status: 503 });
    } finally {
      await api.close();
    }
  });
});

import { startTestApi, TestApi } from '../testing/test-api';

describe('GET /metrics', () => {
  let api: TestApi;
  beforeAll(async () => (api = await startTestApi()));
  afterAll(() => api.close());

  it("exports the process and Node.js metrics beside the API's own", async () => {
    const { text, headers } = await api.http().get('/metrics').expect(200);
    expect(headers['content-type']).toMatch(/^text\/plain/);
    for (const name of ['process_cpu_user_seconds_total', 'process_resident_memory_bytes', 'nodejs_eventloop_lag_seconds', 'nodejs_heap_size_used_bytes']) {
      expect(text).toContain(`# TYPE ${name} `);
    }
  });

  it('exports every outcome series from the start, at zero where nothing happened yet', async () => {
    const { text } = await api.http().get('/metrics').expect(200);
    for (const outcome of ['executed', 'resumed', 'failed', 'replayed', 'in_progress', 'reused', 'invalid', 'missing', 'store_unavailable', 'lease_lost']) {
      expect(text).toMatch(new RegExp(`^idempotency_requests_total\\{outcome="${outcome}"\\} \\d+$`, 'm'));
    }
    for (const outcome of ['succeeded', 'declined', 'invalid_payment_method', 'unavailable']) {
      expect(text).toMatch(new RegExp(`^payment_provider_charges_total\\{outcome="${outcome}"\\} \\d+$`, 'm'));
    }
    expect(text).toMatch(/^checkout_recovery_total\{result="finished"\} \d+$/m);
    expect(text).toMatch(/^api_transient_failures_total\{reason="connection_lost"\} \d+$/m);
  });
});

import { INestApplication } from '@nestjs/common';
import { testDatabaseUrl } from '@safe-checkout/db/testing';
import { readSandboxConfig } from './config/sandbox-config';
import { createSandboxApp } from './create-sandbox-app';
import { listenSandbox } from './listen-sandbox';

// Loopback by default. The address is read from the listening server, never tried from
// elsewhere.
describe('listenSandbox(app, config), as main.ts starts the sandbox', () => {
  let app: INestApplication | undefined;
  afterEach(() => app?.close());

  it('listens on 127.0.0.1 when HOST is not set, and warns of nothing', async () => {
    const config = readSandboxConfig({ PAYMENT_SANDBOX_DATABASE_URL: testDatabaseUrl(), PAYMENT_SANDBOX_PORT: '0', LOG_LEVEL: 'silent' });
    app = await createSandboxApp(config);

    const warning = await listenSandbox(app, config);

    expect(app.getHttpServer().address()).toMatchObject({ address: '127.0.0.1', family: 'IPv4' });
    expect(warning).toBeUndefined();
  });
});

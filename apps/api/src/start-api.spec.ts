import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { testDatabaseUrl } from '@safe-checkout/db/testing';
import { startApi } from './start-api';

// A fresh `npm start` must not be reachable from the network. The address is read from
// the listening server, never probed from another interface.
describe('startApi(rootModuleOf, env)', () => {
  const env = { DATABASE_URL: testDatabaseUrl(), PORT: '0', LOG_LEVEL: 'silent', PAYMENT_PROVIDER_URL: process.env.TEST_PAYMENT_PROVIDER_URL };

  it('listens on 127.0.0.1 when HOST is unset', async () => {
    const { app } = await startApi(undefined, env);
    try {
      expect((app.getHttpServer() as Server).address()).toMatchObject<Partial<AddressInfo>>({ address: '127.0.0.1' });
    } finally {
      await app.close();
    }
  });

  it('listens on the HOST it is given (here ::1, another loopback address)', async () => {
    const { app } = await startApi(undefined, { ...env, HOST: '::1' });
    try {
      expect((app.getHttpServer() as Server).address()).toMatchObject<Partial<AddressInfo>>({ address: '::1' });
    } finally {
      await app.close();
    }
  });
});

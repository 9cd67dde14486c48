import { Client } from 'pg';
import { listenForNotifications } from './notification-listener';
import { testDatabaseUrl } from '@safe-checkout/db/testing';

async function sql(text: string): Promise<void> {
  const client = new Client({ connectionString: testDatabaseUrl() });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

async function eventually(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('listenForNotifications', () => {
  it('delivers the payloads of its channel only, once committed', async () => {
    const payloads: string[] = [];
    const listener = listenForNotifications({ databaseUrl: testDatabaseUrl(), channel: 'spec_channel_a', onNotification: (p) => payloads.push(p) });
    try {
      await listener.ready;
      await sql(`BEGIN; SELECT pg_notify('spec_channel_a', 'rolled back'); ROLLBACK`);
      await sql(`SELECT pg_notify('spec_channel_b', 'other channel')`);
      await sql(`SELECT pg_notify('spec_channel_a', 'one')`);
      await eventually(() => payloads.length > 0);
      expect(payloads).toEqual(['one']);
    } finally {
      await listener.close();
    }
  });

  it('listens again after the server ended its connection, and tells each change of state once', async () => {
    const payloads: string[] = [];
    const errors: Error[] = [];
    const changes: boolean[] = [];
    const listener = listenForNotifications({
      databaseUrl: testDatabaseUrl(),
      channel: 'spec_channel_c',
      reconnectDelayMs: 20,
      onNotification: (p) => payloads.push(p),
      onConnectionError: (e) => errors.push(e),
      onListeningChange: (listening) => changes.push(listening),
    });
    // Every notification sent is awaited before the test ends: a connection still open when the
    // run's server stops would fail outside any test.
    const notifications: Promise<void>[] = [];
    try {
      await listener.ready;
      expect(listener.listening).toBe(true);
      await sql(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query = 'LISTEN spec_channel_c'`);
      await eventually(() => errors.length > 0);
      await eventually(() => {
        notifications.push(sql(`SELECT pg_notify('spec_channel_c', 'after')`));
        return payloads.includes('after');
      });
      expect(listener.listening).toBe(true);
      expect(changes).toEqual([false, true]);
    } finally {
      await Promise.allSettled(notifications);
      await listener.close();
    }
  });

  it('says it is not listening while LISTEN cannot be set up, told once however often it retries', async () => {
    const unreachable = new URL(testDatabaseUrl());
    unreachable.pathname = '/no_such_database';
    const errors: Error[] = [];
    const changes: { listening: boolean; error?: Error }[] = [];
    const listener = listenForNotifications({
      databaseUrl: unreachable.href,
      channel: 'spec_channel_d',
      reconnectDelayMs: 20,
      onNotification: () => undefined,
      onConnectionError: (e) => errors.push(e),
      onListeningChange: (listening, error) => changes.push({ listening, error }),
    });
    try {
      await listener.ready;
      await eventually(() => errors.length >= 3);
      expect(listener.listening).toBe(false);
      expect(changes).toEqual([{ listening: false, error: errors[0] }]);
      expect(errors[0].message).toMatch(/no_such_database/);
    } finally {
      await listener.close();
    }
  });

  it('refuses a channel name that is not a plain identifier', () => {
    expect(() => listenForNotifications({ databaseUrl: testDatabaseUrl(), channel: 'x; DROP TABLE users', onNotification: () => undefined })).toThrow(
      RangeError,
    );
  });
});

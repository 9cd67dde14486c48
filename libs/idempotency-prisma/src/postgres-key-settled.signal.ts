import { listenForNotifications, NotificationListener } from './notification-listener';
import { KeySettledSignal, SettledKeyWaiters, settledKeyId } from '@safe-checkout/idempotency';

/** The channel the `idempotency_keys_settled` trigger notifies (sql/idempotency-keys.sql). */
export const KEY_SETTLED_CHANNEL = 'idempotency_key_settled';

/** Options for {@link PostgresKeySettledSignal}. */
export interface PostgresKeySettledSignalOptions {
  databaseUrl: string;
  /** Told when the listening connection is lost; it reconnects by itself. */
  onConnectionError?: (error: Error) => void;
  /**
   * Told once when waiters fall back to polling (`false`, with the error: LISTEN failed, as on an
   * engine without LISTEN/NOTIFY, or its connection was lost) and once when NOTIFY wakes them
   * again (`true`). Not told for a first LISTEN that succeeds.
   */
  onListeningChange?: (listening: boolean, error?: Error) => void;
}

/**
 * {@link KeySettledSignal} across processes: one `LISTEN` connection per process; the table's
 * trigger NOTIFYs when a key is completed, released or given up at a recovery point, whichever
 * process did it. Waiters hold a timer each, never a database connection. While no LISTEN is in
 * place (it failed, or its connection is down and reconnecting) no notification can arrive, so
 * the signal turns waiters away at once and wakes those already waiting: callers poll the key
 * instead (docs/scale.md, engines without LISTEN/NOTIFY).
 */
export class PostgresKeySettledSignal implements KeySettledSignal {
  private readonly waiters: SettledKeyWaiters;
  private readonly listener: NotificationListener;

  constructor(options: PostgresKeySettledSignalOptions) {
    this.waiters = new SettledKeyWaiters();
    this.listener = listenForNotifications({
      databaseUrl: options.databaseUrl,
      channel: KEY_SETTLED_CHANNEL,
      onNotification: (id) => this.waiters.settle(id),
      onConnectionError: options.onConnectionError,
      onListeningChange: (listening, error) => {
        if (!listening) this.waiters.clear();
        options.onListeningChange?.(listening, error);
      },
    });
  }

  /** Resolves once the first LISTEN is in place (or its first attempt failed; it keeps trying). */
  get ready(): Promise<void> {
    return this.listener.ready;
  }

  /** Whether a LISTEN is in place now, so that waiters can be woken. */
  get listening(): boolean {
    return this.listener.listening;
  }

  waitUntilSettled(scope: string, key: string, timeoutMs: number): Promise<boolean> {
    if (!this.listener.listening) return Promise.resolve(false);
    return this.waiters.wait(settledKeyId(scope, key), timeoutMs);
  }

  /** Stops listening and wakes every waiter (with `false`). */
  async close(): Promise<void> {
    this.waiters.clear();
    await this.listener.close();
  }
}

import { Client } from 'pg';

/** Options for {@link listenForNotifications}. */
export interface NotificationListenerOptions {
  databaseUrl: string;
  /** The NOTIFY channel, a plain identifier. */
  channel: string;
  /** Called with each notification's payload. */
  onNotification: (payload: string) => void;
  /** Told when the connection is lost or cannot be opened; the listener reconnects by itself. */
  onConnectionError?: (error: Error) => void;
  /** First reconnection delay, doubled up to {@link RECONNECT_MAX_DELAY_MS}. Default 250. */
  reconnectDelayMs?: number;
}

/** A running LISTEN; `close()` ends it. */
export interface NotificationListener {
  /** Resolves once the first LISTEN is in place (or the first attempt failed: it keeps trying). */
  readonly ready: Promise<void>;
  close(): Promise<void>;
}

const RECONNECT_MAX_DELAY_MS = 5_000;
const CHANNEL = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Listens on a PostgreSQL NOTIFY channel on one dedicated connection (outside the pool: a LISTEN
 * must stay on its session), reconnecting with capped exponential backoff when the connection is
 * lost. Notifications sent while it was disconnected are lost: users must not depend on them for
 * correctness, only for promptness.
 */
export function listenForNotifications(options: NotificationListenerOptions): NotificationListener {
  if (!CHANNEL.test(options.channel)) throw new RangeError(`not a plain channel name: ${options.channel}`);
  let client: Client | undefined;
  let closed = false;
  let delayMs = options.reconnectDelayMs ?? 250;
  let reconnectTimer: NodeJS.Timeout | undefined;

  const scheduleReconnect = (error: Error) => {
    options.onConnectionError?.(error);
    if (closed || reconnectTimer) return;
    reconnectTimer = setTimeout(() => {
      reconnectTimer = undefined;
      void connect();
    }, delayMs);
    reconnectTimer.unref();
    delayMs = Math.min(delayMs * 2, RECONNECT_MAX_DELAY_MS);
  };

  const connect = async (): Promise<void> => {
    const next = new Client({ connectionString: options.databaseUrl });
    next.on('notification', (message) => {
      if (message.channel === options.channel && message.payload !== undefined) options.onNotification(message.payload);
    });
    next.on('error', (error) => {
      next.end().catch(() => undefined);
      if (client === next) client = undefined;
      scheduleReconnect(error);
    });
    try {
      await next.connect();
      await next.query(`LISTEN ${options.channel}`);
      if (closed) return void (await next.end());
      client = next;
      delayMs = options.reconnectDelayMs ?? 250;
    } catch (error) {
      next.end().catch(() => undefined);
      scheduleReconnect(error as Error);
    }
  };

  const ready = connect();
  return {
    ready,
    async close() {
      closed = true;
      clearTimeout(reconnectTimer);
      await client?.end().catch(() => undefined);
      client = undefined;
    },
  };
}

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
  /**
   * Told when notifications stop (`false`, with the error: LISTEN failed or its connection was
   * lost) and when they flow again (`true`): once per change, not once per reconnection attempt.
   * The listener is presumed to listen at first, so a first LISTEN that succeeds is not told.
   */
  onListeningChange?: (listening: boolean, error?: Error) => void;
  /** First reconnection delay, doubled up to {@link RECONNECT_MAX_DELAY_MS}. Default 250. */
  reconnectDelayMs?: number;
}

/** A running LISTEN; `close()` ends it. */
export interface NotificationListener {
  /** Resolves once the first LISTEN is in place (or the first attempt failed: it keeps trying). */
  readonly ready: Promise<void>;
  /** Whether a LISTEN is in place now: notifications sent while it is not are lost. */
  readonly listening: boolean;
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
  let listening: boolean | undefined;

  const setListening = (next: boolean, error?: Error) => {
    const told = listening ?? true;
    listening = next;
    if (next !== told && !closed) options.onListeningChange?.(next, error);
  };

  const scheduleReconnect = (error: Error) => {
    setListening(false, error);
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
      setListening(true);
    } catch (error) {
      next.end().catch(() => undefined);
      scheduleReconnect(error as Error);
    }
  };

  const ready = connect();
  return {
    ready,
    get listening() {
      return listening === true && !closed;
    },
    async close() {
      closed = true;
      clearTimeout(reconnectTimer);
      await client?.end().catch(() => undefined);
      client = undefined;
    },
  };
}

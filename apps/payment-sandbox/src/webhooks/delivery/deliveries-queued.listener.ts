import { Client } from 'pg';
import { DELIVERIES_QUEUED_CHANNEL } from './deliveries-queued-channel';

/**
 * A LISTEN on {@link DELIVERIES_QUEUED_CHANNEL}, on a connection of its own (a LISTEN belongs to
 * its session, so it cannot live in the pool). It only makes deliveries prompt: a notification
 * sent while it is not listening is lost, and the worker's poll finds those deliveries instead.
 */
export class DeliveriesQueuedListener {
  private client: Client | undefined;
  private opening: Promise<void> | undefined;
  private closed = false;

  /** @param onQueued - told the account of each committed transaction that queued deliveries */
  constructor(
    private readonly databaseUrl: string,
    private readonly onQueued: (account: string) => void,
    private readonly onError: (error: Error) => void,
  ) {}

  /** Whether the LISTEN is in place now. */
  get listening(): boolean {
    return this.client !== undefined;
  }

  /** Opens the connection and LISTENs, unless it does already; a failure is told to `onError` and tried again at the next call. */
  ensureListening(): Promise<void> {
    if (this.closed || this.client) return Promise.resolve();
    this.opening ??= this.open().finally(() => (this.opening = undefined));
    return this.opening;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.opening;
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private async open(): Promise<void> {
    const client = new Client({ connectionString: this.databaseUrl });
    client.on('notification', ({ channel, payload }) => {
      if (channel === DELIVERIES_QUEUED_CHANNEL && payload !== undefined) this.onQueued(payload);
    });
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${DELIVERIES_QUEUED_CHANNEL}`);
      if (this.closed) return void (await client.end());
      this.client = client;
    } catch (error) {
      await client.end().catch(() => undefined);
      this.onError(error as Error);
    }
  }

  private lost(client: Client, error?: Error): void {
    if (this.client !== client) return;
    this.client = undefined;
    client.end().catch(() => undefined);
    if (error && !this.closed) this.onError(error);
  }
}

import { Client, ClientConfig } from 'pg';

const RECONNECT_DELAY_MS = 1000;

/**
 * A dedicated connection that LISTENs on the events channel and calls `onNotify` for each
 * notification. It reconnects after losing its connection; meanwhile, and wherever NOTIFY never
 * arrives (PGlite behind its socket), the subscribers' poll carries the wake-ups.
 */
export class NotificationListener {
  private client: Client | undefined;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private started = false;
  private stopped = false;

  constructor(
    private readonly config: ClientConfig,
    private readonly channel: string,
    private readonly onNotify: () => void,
    /** Payloads that start with this are this process's own appends, which woke it already. */
    private readonly ownPrefix?: string,
  ) {}

  /** Idempotent; connects in the background and never throws. */
  start(): void {
    if (this.started || this.stopped) return;
    this.started = true;
    void this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.reconnectTimer);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const client = new Client(this.config);
    client.on('notification', ({ payload }) => {
      if (this.ownPrefix === undefined || !payload?.startsWith(this.ownPrefix)) this.onNotify();
    });
    client.on('error', () => this.lost(client));
    client.on('end', () => this.lost(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${this.channel}`);
    } catch {
      this.lost(client);
      return;
    }
    if (this.stopped) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    // Appends may have committed while no one was listening.
    this.onNotify();
  }

  private lost(client: Client): void {
    if (this.client === client) this.client = undefined;
    if (this.stopped) return;
    client.removeAllListeners('end');
    void client.end().catch(() => undefined);
    if (this.reconnectTimer) return;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      if (!this.stopped) void this.connect();
    }, RECONNECT_DELAY_MS);
    this.reconnectTimer.unref();
  }
}

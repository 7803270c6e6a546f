import { Logger } from '@nestjs/common';
import { Client, Pool } from 'pg';

/** The first key of every subscription's advisory lock, so they cannot collide with other locks. */
const LOCK_NAMESPACE = 'blocx.subscription';

/**
 * One active runner per subscription across service instances: a session-level advisory lock per
 * subscription, all held by one dedicated connection (so the pool is not drained by idle locks).
 * If that connection dies its locks die with it; every holder is told to stop at once.
 * On PGlite every connection shares one session, so a lock always succeeds: fine, since embedded
 * mode is one process.
 */
export class SubscriptionLocks {
  private client: Promise<Client> | undefined;
  private readonly held = new Set<string>();
  private readonly lostListeners = new Set<() => void>();
  private readonly logger = new Logger(SubscriptionLocks.name);
  /** One query at a time on the lock connection (pg would queue them, with a deprecation warning). */
  private turn: Promise<unknown> = Promise.resolve();

  constructor(private readonly pool: Pool) {}

  /** True when this process now holds (or already held) the subscription's lock. */
  async tryAcquire(name: string): Promise<boolean> {
    if (this.held.has(name)) return true;
    const { rows } = await this.query<{ locked: boolean }>(
      'SELECT pg_try_advisory_lock(hashtext($1), hashtext($2)) AS locked',
      [LOCK_NAMESPACE, name],
    );
    if (rows[0].locked) this.held.add(name);
    return rows[0].locked;
  }

  async release(name: string): Promise<void> {
    if (!this.held.delete(name) || this.client === undefined) return;
    await this.query('SELECT pg_advisory_unlock(hashtext($1), hashtext($2))', [
      LOCK_NAMESPACE,
      name,
    ]).catch(() => undefined);
  }

  /** Called when the lock connection is lost: every lock is gone, its runners must stop. */
  onLost(listener: () => void): () => void {
    this.lostListeners.add(listener);
    return () => this.lostListeners.delete(listener);
  }

  async close(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    this.held.clear();
    if (client) await (await client).end().catch(() => undefined);
  }

  private query<R extends object>(sql: string, values: unknown[]): Promise<{ rows: R[] }> {
    const run = this.turn.then(async () => (await this.connection()).query<R>(sql, values));
    this.turn = run.catch(() => undefined);
    return run;
  }

  private connection(): Promise<Client> {
    this.client ??= this.connect();
    return this.client;
  }

  private async connect(): Promise<Client> {
    const client = new Client(this.pool.options);
    client.on('error', (error) => this.lose(client, error));
    client.on('end', () => this.lose(client, new Error('lock connection ended')));
    try {
      await client.connect();
    } catch (error) {
      this.client = undefined;
      throw error;
    }
    return client;
  }

  private lose(client: Client, error: Error): void {
    if (this.client === undefined) return;
    void this.client.then(
      (current) => {
        if (current !== client) return;
        this.logger.warn(`Subscription lock connection lost (${error.message}); runners restart`);
        this.client = undefined;
        this.held.clear();
        for (const listener of this.lostListeners) listener();
      },
      () => undefined,
    );
  }
}

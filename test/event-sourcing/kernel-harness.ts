import { spawnSync } from 'node:child_process';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { MigrationInterface, QueryRunner } from 'typeorm';
import {
  EventEnvelope,
  EventRegistry,
  eventSourcingMigrations,
  Projection,
  PostgresEventStore,
  SubscriptionHost,
  SubscriptionProgress,
  ReadModelWrites,
  TableNames,
} from '@blocx/event-sourcing';
import { cartEvents, ItemAdded } from '../../libs/event-sourcing/src/testing/cart.fixture-spec';
import { createTestDatabase, TestDatabase } from '../support/test-database';

/** PGlite always; the real PostgreSQL too when DATABASE_URL answers (asked synchronously for jest). */
export function databaseKinds(): Array<'postgres' | 'pglite'> {
  const url = process.env.DATABASE_URL;
  if (!url) return ['pglite'];
  const probe = `const { Client } = require(process.argv[1]);
    const client = new Client({ connectionString: process.argv[2], connectionTimeoutMillis: 2000 });
    client.connect().then(() => client.end()).then(() => process.exit(0), () => process.exit(1));`;
  const run = spawnSync(process.execPath, ['-e', probe, require.resolve('pg'), url], {
    timeout: 5000,
  });
  return run.status === 0 ? ['postgres', 'pglite'] : ['pglite'];
}

/** Read models of the kernel's own tests: items per cart, and how often each event was applied. */
export class CreateCartReadModels1733500000001 implements MigrationInterface {
  name = 'CreateCartReadModels1733500000001';
  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE cart_items (cart text PRIMARY KEY, items int NOT NULL)`);
    await runner.query(
      `CREATE TABLE cart_applications (event_id uuid PRIMARY KEY, applied int NOT NULL)`,
    );
  }
  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE cart_items, cart_applications');
  }
}

type CartTable = 'cart_items' | 'cart_applications';

/** Counts items per cart and records every application of an event (so doubles show). */
export class CartItemsProjection extends Projection<CartTable> {
  readonly tables = ['cart_items', 'cart_applications'] as const;
  override readonly filter = { streamPrefixes: ['cart-'] };
  /** When set, the database refuses the batch at this event, after the batch's earlier rows. */
  failOn: ((envelope: EventEnvelope) => boolean) | undefined;

  constructor(
    readonly name = 'cart-items',
    override readonly batchSize = 50,
  ) {
    super();
  }

  apply(events: EventEnvelope[], writes: ReadModelWrites, t: TableNames<CartTable>): void {
    for (const envelope of events) {
      if (this.failOn?.(envelope)) {
        writes.add(`INSERT INTO ${t.cart_items} (cart, items) VALUES ($1, NULL)`, [envelope.id]);
      }
      writes.add(
        `INSERT INTO ${t.cart_applications} (event_id, applied) VALUES ($1, 1)
         ON CONFLICT (event_id) DO UPDATE SET applied = ${t.cart_applications}.applied + 1`,
        [envelope.id],
      );
      const quantity = envelope.event instanceof ItemAdded ? envelope.event.data.quantity : 0;
      writes.add(
        `INSERT INTO ${t.cart_items} (cart, items) VALUES ($1, $2)
         ON CONFLICT (cart) DO UPDATE SET items = ${t.cart_items}.items + $2`,
        [envelope.streamId, quantity],
      );
    }
  }
}

export interface Kernel {
  database: TestDatabase;
  pool: Pool;
  store: PostgresEventStore;
  registry: EventRegistry;
  /** A host over the same database; several model several service instances. */
  newHost(): SubscriptionHost;
  close(): Promise<void>;
}

export async function migrate(url: string): Promise<void> {
  const migrations = [...eventSourcingMigrations, CreateCartReadModels1733500000001];
  const dataSource = new DataSource({ type: 'postgres', url, migrations });
  await dataSource.initialize();
  await dataSource.runMigrations();
  await dataSource.destroy();
}

export async function startKernel(kind: 'postgres' | 'pglite'): Promise<Kernel> {
  const database = await createTestDatabase(kind);
  await migrate(database.url);
  const pool = new Pool({ connectionString: database.url, max: 12 });
  // pool.end() resolves before its sockets close; the forced DROP DATABASE after it may reach them.
  pool.on('error', () => undefined);
  const store = new PostgresEventStore(pool);
  const registry = new EventRegistry();
  registry.register(...cartEvents);
  const hosts: SubscriptionHost[] = [];
  return {
    database,
    pool,
    store,
    registry,
    newHost() {
      const host = new SubscriptionHost(pool, store, registry, new SubscriptionProgress());
      hosts.push(host);
      return host;
    },
    async close() {
      await Promise.all(hosts.map((host) => host.onModuleDestroy()));
      await store.close();
      await pool.end();
      await database.drop();
    },
  };
}

export async function rows<T>(pool: Pool, sql: string): Promise<T[]> {
  return (await pool.query(sql)).rows as T[];
}

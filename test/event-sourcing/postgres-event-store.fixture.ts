import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { eventSourcingMigrations } from '../../libs/event-sourcing/src/migrations';
import {
  MigrationList,
  SERVER_SESSION_OPTIONS,
} from '../../libs/platform/src/database/database.module';
import {
  PostgresEventStore,
  PostgresEventStoreOptions,
} from '../../libs/event-sourcing/src/postgres/postgres-event-store';
import { TestDatabase, createTestDatabase } from '../support/test-database';
import { EventStoreFixture } from './event-store.contract';

/** A fresh database with the event store schema (or the `migrations` given). */
export async function eventStoreDatabase(
  kind: 'postgres' | 'pglite',
  migrations: MigrationList = eventSourcingMigrations,
): Promise<TestDatabase> {
  const database = await createTestDatabase(kind);
  const dataSource = new DataSource({ type: 'postgres', url: database.url, migrations });
  await dataSource.initialize();
  await dataSource.runMigrations();
  await dataSource.destroy();
  return database;
}

/** The contract's fixture: a pool wide enough for 20 concurrent appends. */
export async function postgresEventStoreFixture(
  kind: 'postgres' | 'pglite',
): Promise<EventStoreFixture> {
  const database = await eventStoreDatabase(kind);
  const pool = new Pool({
    connectionString: database.url,
    max: 24,
    // As the service's pools: named statements keep their generic plans.
    options: kind === 'postgres' ? SERVER_SESSION_OPTIONS : undefined,
  });
  // pool.end() resolves before its sockets close; the drop (WITH FORCE) may still cut one.
  pool.on('error', () => undefined);
  // Prepared statements cannot share PGlite's single session among connections.
  const store = new PostgresEventStore(pool, { preparedStatements: kind === 'postgres' });
  return {
    store,
    async cleanup() {
      await store.close();
      await pool.end();
      await database.drop();
    },
    async appendHeldOpen(streamId, event) {
      const client = await pool.connect();
      await client.query('BEGIN');
      await store.appendWithin(client, streamId, [event], { expectedRevision: 'no_stream' });
      return {
        async commit() {
          await client.query('COMMIT');
          client.release();
        },
      };
    },
  };
}

/** An open transaction that holds an xid, so it holds back every event committed after it. */
async function openBlocker(pool: Pool): Promise<() => Promise<void>> {
  const client = await pool.connect();
  await client.query('BEGIN');
  await client.query('SELECT pg_current_xact_id()');
  return async () => {
    await client.query('COMMIT');
    client.release();
  };
}

/**
 * Milliseconds from an append through one store to its arrival at a subscriber of another store
 * on its own pool, as when they run in two processes: no in-process signal reaches it. With
 * `blockForMs`, an unrelated transaction that started first stays open that long after the append.
 */
export async function crossStoreArrivalMs(
  database: TestDatabase,
  readerOptions: PostgresEventStoreOptions,
  blockForMs = 0,
): Promise<number> {
  const [writerPool, readerPool] = [1, 2].map(() => new Pool({ connectionString: database.url }));
  for (const pool of [writerPool, readerPool]) pool.on('error', () => undefined);
  const writer = new PostgresEventStore(writerPool);
  const reader = new PostgresEventStore(readerPool, readerOptions);
  const stream = `crossStore-${randomUUID()}`;
  try {
    const subscription = reader.subscribeToAll({ after: await reader.headPosition() });
    const arrived = (async () => {
      for await (const batch of subscription) {
        if (batch.some((event) => event.streamId === stream)) return Date.now();
      }
      return Number.NaN;
    })();
    await new Promise((resolve) => setTimeout(resolve, 500)); // LISTEN is up, the reader idle
    const unblock = blockForMs > 0 ? await openBlocker(writerPool) : undefined;
    const started = Date.now();
    const event = { id: randomUUID(), type: 'Crossed', data: {}, metadata: {} };
    await writer.appendToStream(stream, [event], { expectedRevision: 'no_stream' });
    if (unblock) setTimeout(() => void unblock(), blockForMs);
    const elapsed = (await arrived) - started;
    await subscription.close();
    return elapsed;
  } finally {
    await Promise.all([writer.close(), reader.close()]);
    await Promise.all([writerPool.end(), readerPool.end()]);
  }
}

import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { eventSourcingMigrations } from '../../libs/event-sourcing/src/migrations';
import { PostgresEventStore } from '../../libs/event-sourcing/src/postgres/postgres-event-store';
import { createTestDatabase } from '../support/test-database';
import { EventStoreFixture } from './event-store.contract';

async function migrate(url: string): Promise<void> {
  const dataSource = new DataSource({ type: 'postgres', url, migrations: eventSourcingMigrations });
  await dataSource.initialize();
  await dataSource.runMigrations();
  await dataSource.destroy();
}

/** A fresh database with the event store schema, a pool wide enough for 20 concurrent appends. */
export async function postgresEventStoreFixture(
  kind: 'postgres' | 'pglite',
): Promise<EventStoreFixture> {
  const database = await createTestDatabase(kind);
  await migrate(database.url);
  const pool = new Pool({ connectionString: database.url, max: 24 });
  const store = new PostgresEventStore(pool);
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

import { BeforeApplicationShutdown, Inject, Injectable, Provider } from '@nestjs/common';
import { Pool } from 'pg';
import {
  DatabaseEndpoint,
  HealthProbes,
  PG_POOL,
  PG_SUBSCRIPTIONS_POOL,
  SETTINGS,
  Settings,
} from '@blocx/platform';
import { EventStore } from './event-store.port';
import { EventStoreDbEventStore } from './eventstoredb/eventstoredb-event-store';
import { PostgresEventStore } from './postgres/postgres-event-store';

/** EventStoreDB when EVENTSTORE_URL is set (and /health asks it), else the events in PostgreSQL. */
export const eventStoreProvider: Provider = {
  provide: EventStore,
  inject: [
    SETTINGS,
    PG_POOL,
    HealthProbes,
    PG_SUBSCRIPTIONS_POOL,
    { token: DatabaseEndpoint, optional: true },
  ],
  useFactory: (
    settings: Settings,
    pool: Pool,
    probes: HealthProbes,
    subscriptionPool?: Pool,
    database?: DatabaseEndpoint,
  ): EventStore => {
    if (settings.eventStoreUrl === undefined) {
      // Named statements are parsed and planned once per connection; PGlite's connections share
      // one session, where a second connection preparing the same name fails.
      const preparedStatements = database !== undefined && !database.sharedSession;
      return new PostgresEventStore(pool, { subscriptionPool, preparedStatements });
    }
    const store = new EventStoreDbEventStore(settings.eventStoreUrl);
    probes.register('eventstore', async () => {
      await store.headPosition();
    });
    return store;
  },
};

/** Closes the store after the runners have stopped (they stop in onModuleDestroy, before this). */
@Injectable()
export class EventStoreCloser implements BeforeApplicationShutdown {
  constructor(@Inject(EventStore) private readonly store: EventStore) {}

  async beforeApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}

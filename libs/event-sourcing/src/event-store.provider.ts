import { BeforeApplicationShutdown, Inject, Injectable, Provider } from '@nestjs/common';
import { Pool } from 'pg';
import { HealthProbes, PG_POOL, PG_SUBSCRIPTIONS_POOL, SETTINGS, Settings } from '@blocx/platform';
import { EventStore } from './event-store.port';
import { EventStoreDbEventStore } from './eventstoredb/eventstoredb-event-store';
import { PostgresEventStore } from './postgres/postgres-event-store';

/** EventStoreDB when EVENTSTORE_URL is set (and /health asks it), else the events in PostgreSQL. */
export const eventStoreProvider: Provider = {
  provide: EventStore,
  inject: [SETTINGS, PG_POOL, HealthProbes, PG_SUBSCRIPTIONS_POOL],
  useFactory: (
    settings: Settings,
    pool: Pool,
    probes: HealthProbes,
    subscriptionPool?: Pool,
  ): EventStore => {
    if (settings.eventStoreUrl === undefined) {
      return new PostgresEventStore(pool, { subscriptionPool });
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

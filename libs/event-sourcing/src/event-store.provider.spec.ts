import { FactoryProvider } from '@nestjs/common';
import { Pool } from 'pg';
import { HealthProbes, loadSettings } from '@blocx/platform';
import { EventStore } from './event-store.port';
import { eventStoreProvider } from './event-store.provider';
import { EventStoreDbEventStore } from './eventstoredb/eventstoredb-event-store';
import { PostgresEventStore } from './postgres/postgres-event-store';

const base = { ADMIN_API_KEY: 'x'.repeat(20), SECRET_KEY: 'a'.repeat(64) };

function make(env: Record<string, string>) {
  const probes = new Map<string, unknown>();
  const health = { register: (name: string, probe: unknown) => probes.set(name, probe) };
  const factory = (eventStoreProvider as FactoryProvider<EventStore>).useFactory as (
    ...args: unknown[]
  ) => EventStore;
  const store = factory(
    loadSettings({ ...base, ...env }),
    new Pool(),
    health as unknown as HealthProbes,
  );
  return { store, probes };
}

describe('the EventStore provider', () => {
  it('keeps the events in PostgreSQL when EVENTSTORE_URL is unset', async () => {
    const { store, probes } = make({});
    expect(store).toBeInstanceOf(PostgresEventStore);
    expect(probes.size).toBe(0);
    await store.close();
  });

  it('uses EventStoreDB when EVENTSTORE_URL is set, and /health asks it', async () => {
    const { store, probes } = make({ EVENTSTORE_URL: 'esdb://127.0.0.1:2113?tls=false' });
    expect(store).toBeInstanceOf(EventStoreDbEventStore);
    expect([...probes.keys()]).toEqual(['eventstore']);
    await store.close();
  });
});

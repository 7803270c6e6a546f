import { eventSourcingMigrations as eventStoreMigrations } from './migrations';
import { subscriptionMigrations } from './subscriptions';

export * from './event-store.port';
export * from './postgres/postgres-event-store';
export * from './eventstoredb/eventstoredb-event-store';
export * from './aggregates';
export * from './subscriptions';
export * from './projections';
export * from './testing';
export * from './event-store.provider';
export * from './event-sourcing.module';
export { eventStoreMigrations };

/** The kernel's schema: the PostgreSQL event store and the subscription checkpoints. */
export const eventSourcingMigrations = [...eventStoreMigrations, ...subscriptionMigrations];

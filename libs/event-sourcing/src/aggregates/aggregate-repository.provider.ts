import { Inject, Provider } from '@nestjs/common';
import { EventBus } from '@nestjs/cqrs';
import { EventStore } from '../event-store.port';
import { AggregateRepository } from './aggregate-repository';
import { EventRegistry } from './event-registry';
import { AggregateClass, EventSourcedAggregate } from './event-sourced-aggregate';

const tokens = new Map<AggregateClass<EventSourcedAggregate>, symbol>();

/** The injection token of the repository of one aggregate class. */
export function aggregateRepositoryToken(Aggregate: AggregateClass<EventSourcedAggregate>): symbol {
  let token = tokens.get(Aggregate);
  if (token === undefined) {
    token = Symbol(`AggregateRepository<${Aggregate.name}>`);
    tokens.set(Aggregate, token);
  }
  return token;
}

/**
 * `@InjectAggregateRepository(MessagingProfile) profiles: AggregateRepository<MessagingProfile>`,
 * for an aggregate listed in `EventSourcingModule.forFeature({ aggregates })`.
 */
export const InjectAggregateRepository = (Aggregate: AggregateClass<EventSourcedAggregate>) =>
  Inject(aggregateRepositoryToken(Aggregate));

export function aggregateRepositoryProvider(
  Aggregate: AggregateClass<EventSourcedAggregate>,
): Provider {
  return {
    provide: aggregateRepositoryToken(Aggregate),
    inject: [EventStore, EventRegistry, EventBus],
    useFactory: (store: EventStore, registry: EventRegistry, bus: EventBus) =>
      new AggregateRepository(Aggregate, store, registry, bus),
  };
}

import { DynamicModule, Global, Module, Provider } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { EventClass } from './aggregates/domain-event';
import { EventRegistry, Upcaster } from './aggregates/event-registry';
import { AggregateClass, EventSourcedAggregate } from './aggregates/event-sourced-aggregate';
import { aggregateRepositoryProvider } from './aggregates/aggregate-repository.provider';

/** What a bounded context hands the kernel from its own module. */
export interface EventSourcingFeature {
  /** Every event class the context writes (and any it reads from others, registering twice is fine). */
  events?: EventClass[];
  upcasters?: Upcaster[];
  /** Aggregates whose repository the context injects with @InjectAggregateRepository(Class). */
  aggregates?: AggregateClass<EventSourcedAggregate>[];
}

let featureCount = 0;

/** The kernel: the event store, the registry, repositories, subscriptions and projections. */
@Global()
@Module({})
export class EventSourcingModule {
  static forRoot(): DynamicModule {
    return {
      module: EventSourcingModule,
      imports: [CqrsModule.forRoot()],
      providers: [EventRegistry],
      exports: [EventRegistry],
    };
  }

  /** Registers a context's events and aggregates: `imports: [EventSourcingModule.forFeature({...})]`. */
  static forFeature(feature: EventSourcingFeature): DynamicModule {
    const aggregates = feature.aggregates ?? [];
    const registration: Provider = {
      provide: `EventSourcingFeature#${++featureCount}`,
      inject: [EventRegistry],
      useFactory: (registry: EventRegistry) => {
        registry.register(...(feature.events ?? []));
        for (const upcaster of feature.upcasters ?? []) registry.addUpcaster(upcaster);
        return feature;
      },
    };
    const repositories = aggregates.map(aggregateRepositoryProvider);
    return {
      module: class EventSourcingFeatureModule {},
      providers: [registration, ...repositories],
      exports: repositories.map((provider) => (provider as { provide: symbol }).provide),
    };
  }
}

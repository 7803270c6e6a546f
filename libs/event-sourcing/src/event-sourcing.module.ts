import { DynamicModule, Global, Module, Provider, Type } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { EventClass } from './aggregates/domain-event';
import { EventRegistry, Upcaster } from './aggregates/event-registry';
import { AggregateClass, EventSourcedAggregate } from './aggregates/event-sourced-aggregate';
import { aggregateRepositoryProvider } from './aggregates/aggregate-repository.provider';
import { EventStore } from './event-store.port';
import { EventStoreCloser, eventStoreProvider } from './event-store.provider';
import { Processor } from './projections/processor';
import { Projection } from './projections/projection';
import { ProjectionRebuilder } from './projections/projection-rebuilder';
import { ProjectionStatuses } from './projections/projection-statuses';
import { ProjectionsAdminController } from './projections/projections-admin.controller';
import { ReadModelWaiter } from './projections/read-model-waiter';
import { SubscriptionHost } from './subscriptions/subscription-host';
import { SubscriptionMetrics } from './subscriptions/subscription-metrics';
import { SubscriptionProgress } from './subscriptions/subscription-progress';

/** What a bounded context hands the kernel from its own module. */
export interface EventSourcingFeature {
  /** Every event class the context writes or reads (registering one twice is fine). */
  events?: EventClass[];
  upcasters?: Upcaster[];
  /** Aggregates whose repository the context injects with @InjectAggregateRepository(Class). */
  aggregates?: AggregateClass<EventSourcedAggregate>[];
  /** Read models (injectable classes extending Projection), run and rebuildable by name. */
  projections?: Type<Projection>[];
  /** Sagas and dispatchers (injectable classes extending Processor). */
  processors?: Type<Processor>[];
}

let featureCount = 0;

/** The kernel: the event store, the registry, repositories, subscriptions and projections. */
@Global()
@Module({})
export class EventSourcingModule {
  static forRoot(): DynamicModule {
    const shared = [
      EventRegistry,
      SubscriptionProgress,
      SubscriptionHost,
      ReadModelWaiter,
      ProjectionRebuilder,
    ];
    return {
      module: EventSourcingModule,
      imports: [CqrsModule.forRoot()],
      controllers: [ProjectionsAdminController],
      providers: [
        eventStoreProvider,
        EventStoreCloser,
        SubscriptionMetrics,
        ProjectionStatuses,
        ...shared,
      ],
      exports: [EventStore, ...shared],
    };
  }

  /**
   * A context's events, aggregates, projections and processors, in its module's imports:
   * `EventSourcingModule.forFeature({ events: [...], aggregates: [...], projections: [...] })`.
   */
  static forFeature(feature: EventSourcingFeature): DynamicModule {
    const projections = feature.projections ?? [];
    const processors = feature.processors ?? [];
    const registration: Provider = {
      provide: `EventSourcingFeature#${++featureCount}`,
      inject: [EventRegistry, SubscriptionHost, ...projections, ...processors],
      useFactory: (registry: EventRegistry, host: SubscriptionHost, ...instances: unknown[]) => {
        registry.register(...(feature.events ?? []));
        for (const upcaster of feature.upcasters ?? []) registry.addUpcaster(upcaster);
        for (const instance of instances) {
          if (instance instanceof Projection) host.registerProjection(instance);
          else host.registerProcessor(instance as Processor);
        }
        return feature;
      },
    };
    const repositories = (feature.aggregates ?? []).map(aggregateRepositoryProvider);
    return {
      module: class EventSourcingFeatureModule {},
      providers: [...projections, ...processors, registration, ...repositories],
      exports: repositories.map((provider) => (provider as { provide: symbol }).provide),
    };
  }
}

import { DomainEvent } from '../aggregates/domain-event';
import { EventRegistry } from '../aggregates/event-registry';
import { EventFilter, RecordedEvent } from '../event-store.port';

/** A recorded event with its data revived as an instance of its class. */
export type EventEnvelope<E extends DomainEvent = DomainEvent> = Omit<RecordedEvent, 'data'> & {
  event: E;
};

export function envelope(registry: EventRegistry, recorded: RecordedEvent): EventEnvelope {
  const { data, ...rest } = recorded;
  return {
    ...rest,
    event: registry.revive({ type: recorded.type, data, metadata: recorded.metadata }),
  };
}

/** The port's filter semantics, applied by a runner that reads the whole log. */
export function matchesFilter(filter: EventFilter | undefined, event: RecordedEvent): boolean {
  if (event.type.startsWith('$')) return false;
  if (filter === undefined) return true;
  if ('eventTypes' in filter) return filter.eventTypes.includes(event.type);
  return filter.streamPrefixes.some((prefix) => event.streamId.startsWith(prefix));
}

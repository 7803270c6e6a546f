import { DomainEvent } from '../aggregates/domain-event';
import { EventRegistry } from '../aggregates/event-registry';
import { EventFilter, RecordedEvent } from '../event-store.port';

/** A recorded event with its data revived as an instance of its class. */
export type EventEnvelope<E extends DomainEvent = DomainEvent> = Omit<RecordedEvent, 'data'> & {
  event: E;
};

/** Envelopes already made, per registry: the subscriptions of a process share one log tail. */
const made = new WeakMap<EventRegistry, WeakMap<RecordedEvent, EventEnvelope>>();

/**
 * The event revived once for every subscription that wants it (they get the same envelope from
 * the same recorded event, so they treat it as read-only, as they do the recorded events).
 */
export function envelope(registry: EventRegistry, recorded: RecordedEvent): EventEnvelope {
  let envelopes = made.get(registry);
  if (envelopes === undefined) {
    envelopes = new WeakMap();
    made.set(registry, envelopes);
  }
  const known = envelopes.get(recorded);
  if (known !== undefined) return known;
  // Every field named, in one order: an object rest (`{ data, ...rest }`) gave each envelope a
  // hidden class of its own, kept as long as the envelope (≈ 300 bytes each, and every read of an
  // envelope's fields megamorphic).
  const revived: EventEnvelope = {
    id: recorded.id,
    type: recorded.type,
    metadata: recorded.metadata,
    streamId: recorded.streamId,
    revision: recorded.revision,
    position: recorded.position,
    created: recorded.created,
    event: registry.revive(recorded),
  };
  envelopes.set(recorded, revived);
  return revived;
}

/** The port's filter semantics, applied by a runner that reads the whole log. */
export function matchesFilter(filter: EventFilter | undefined, event: RecordedEvent): boolean {
  if (event.type.startsWith('$')) return false;
  if (filter === undefined) return true;
  if ('eventTypes' in filter) return filter.eventTypes.includes(event.type);
  return filter.streamPrefixes.some((prefix) => event.streamId.startsWith(prefix));
}

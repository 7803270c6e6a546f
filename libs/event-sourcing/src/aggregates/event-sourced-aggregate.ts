import { AggregateRoot } from '@nestjs/cqrs';
import { DomainEvent } from './domain-event';

/** The revision of the last event an aggregate has seen; `no_stream` before its first. */
export type AggregateRevision = bigint | 'no_stream';

/**
 * An aggregate whose state is the fold of its stream. Decisions call `this.apply(new SomethingHappened(...))`,
 * which runs `onSomethingHappened(event)` and keeps the event until the repository appends it.
 * Subclasses take only the stream id in their constructor, so the repository can make a fresh one.
 */
export abstract class EventSourcedAggregate extends AggregateRoot<DomainEvent> {
  private loadedRevision: AggregateRevision = 'no_stream';

  constructor(readonly streamId: string) {
    super();
  }

  /** The revision the stream had when this aggregate last loaded or saved it (the expected revision). */
  get revision(): AggregateRevision {
    return this.loadedRevision;
  }

  /** True when the stream has no events yet (a creation command). */
  get isNew(): boolean {
    return this.loadedRevision === 'no_stream';
  }

  /** Replays stored events (no `on*` side effects beyond state, nothing kept as uncommitted). */
  replay(events: DomainEvent[], revision: AggregateRevision): void {
    this.loadFromHistory(events);
    this.loadedRevision = revision;
  }

  /** The repository appended the uncommitted events; the stream is now at `revision`. */
  markSaved(revision: bigint): void {
    this.uncommit();
    this.loadedRevision = revision;
  }
}

export type AggregateClass<T extends EventSourcedAggregate> = new (streamId: string) => T;

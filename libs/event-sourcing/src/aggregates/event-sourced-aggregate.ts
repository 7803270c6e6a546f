import { AggregateRoot } from '@nestjs/cqrs';
import { LogPosition } from '../event-store.port';
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
  private lastPosition: LogPosition | undefined;

  constructor(readonly streamId: string) {
    super();
  }

  /** The revision the stream had when this aggregate last loaded or saved it (the expected revision). */
  get revision(): AggregateRevision {
    return this.loadedRevision;
  }

  /**
   * Where the stream's last event sits in the log, as far as this aggregate has seen (undefined
   * before its first): what a reader waits for to see the aggregate as it is.
   */
  get position(): LogPosition | undefined {
    return this.lastPosition;
  }

  /** True when the stream has no events yet (a creation command). */
  get isNew(): boolean {
    return this.loadedRevision === 'no_stream';
  }

  /** Replays stored events (no `on*` side effects beyond state, nothing kept as uncommitted). */
  replay(events: DomainEvent[], revision: AggregateRevision, position?: LogPosition): void {
    this.loadFromHistory(events);
    this.loadedRevision = revision;
    this.lastPosition = position ?? this.lastPosition;
  }

  /** The repository appended the uncommitted events; the stream is now at `revision`. */
  markSaved(revision: bigint, position: LogPosition): void {
    this.uncommit();
    this.loadedRevision = revision;
    this.lastPosition = position;
  }
}

export type AggregateClass<T extends EventSourcedAggregate> = new (streamId: string) => T;

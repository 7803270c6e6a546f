import { setTimeout as sleep } from 'node:timers/promises';
import {
  AppendResult,
  compareLogPositions,
  EventMetadata,
  EventToAppend,
  EventStore,
  LogPosition,
  UnchangedStream,
  WrongExpectedVersion,
} from '../event-store.port';
import { DomainEvent } from './domain-event';
import { EventRegistry } from './event-registry';
import { AggregateClass, EventSourcedAggregate } from './event-sourced-aggregate';
import { ConcurrentModification } from './concurrent-modification.error';

/** Where appended events go for non-durable, in-process listeners (the @nestjs/cqrs EventBus). */
export interface InProcessPublisher {
  publishAll(events: DomainEvent[]): unknown;
}

export interface RepositoryOptions {
  /** How many times `execute` runs a decision before giving up with a 409 (default 5). */
  maxAttempts?: number;
  /** Events read per round trip while replaying a stream. */
  readPageSize?: number;
}

export interface Executed<T, R> {
  aggregate: T;
  /** What the decision returned. */
  result: R;
  /** The position of the appended events, for read-your-writes; undefined when nothing was appended. */
  position: LogPosition | undefined;
}

export interface ExecutedAll<T, R> {
  aggregates: T[];
  result: R;
  /** The position of the last appended event, for read-your-writes; undefined when nothing was appended. */
  position: LogPosition | undefined;
}

/** Loads an aggregate by replaying its stream and appends its new events with the expected revision. */
export class AggregateRepository<T extends EventSourcedAggregate> {
  private readonly maxAttempts: number;
  private readonly readPageSize: number;

  constructor(
    private readonly Aggregate: AggregateClass<T>,
    private readonly store: EventStore,
    private readonly registry: EventRegistry,
    private readonly publisher?: InProcessPublisher,
    options: RepositoryOptions = {},
  ) {
    this.maxAttempts = options.maxAttempts ?? 5;
    this.readPageSize = options.readPageSize ?? 1000;
  }

  /** The aggregate as of its stream's last event; a fresh one (revision `no_stream`) for an empty stream. */
  async load(streamId: string): Promise<T> {
    const aggregate = new this.Aggregate(streamId);
    let from = 0n;
    for (;;) {
      const page = await this.store.readStream(streamId, {
        fromRevision: from,
        maxCount: this.readPageSize,
      });
      if (page.length === 0) break;
      const last = page[page.length - 1];
      aggregate.replay(
        page.map((recorded) => this.registry.revive(recorded)),
        last.revision,
        last.position,
      );
      if (page.length < this.readPageSize) break;
      from = last.revision + 1n;
    }
    return aggregate;
  }

  /**
   * Appends the aggregate's uncommitted events, expecting the revision it was loaded at.
   * Throws WrongExpectedVersion when someone else appended first. Undefined when there was nothing to save.
   */
  async save(aggregate: T, metadata: EventMetadata): Promise<LogPosition | undefined> {
    if (aggregate.getUncommittedEvents().length === 0) return undefined;
    return this.record(aggregate, metadata, (events) =>
      this.store.appendToStream(aggregate.streamId, events, {
        expectedRevision: aggregate.revision,
      }),
    );
  }

  /**
   * `save`, only if the streams a decision read elsewhere are still where it saw them (see the
   * store's `appendIfUnchanged`): undefined when one moved, or the store cannot tell, and
   * nothing was saved (the aggregate keeps its uncommitted events).
   */
  async saveIfUnchanged(
    aggregate: T,
    metadata: EventMetadata,
    unchanged: UnchangedStream[],
  ): Promise<LogPosition | undefined> {
    if (aggregate.getUncommittedEvents().length === 0) {
      throw new Error('saveIfUnchanged needs an uncommitted event');
    }
    return this.record(aggregate, metadata, (events) =>
      this.store.appendIfUnchanged(aggregate.streamId, events, aggregate.revision, unchanged),
    );
  }

  /** Appends the uncommitted events through `append`; once recorded, marks and publishes them. */
  private async record(
    aggregate: T,
    metadata: EventMetadata,
    append: (events: EventToAppend[]) => Promise<AppendResult | undefined>,
  ): Promise<LogPosition | undefined> {
    const events = [...aggregate.getUncommittedEvents()];
    const result = await append(events.map((event) => this.registry.toAppend(event, metadata)));
    if (result === undefined) return undefined;
    aggregate.markSaved(result.nextExpectedRevision, result.position);
    this.publisher?.publishAll(events);
    return result.position;
  }

  /**
   * Appends the uncommitted events of several aggregates in one multi-stream append, each stream
   * expecting the revision it was loaded at: all or none are recorded (see the store's
   * `appendToStreams`). Undefined when there was nothing to save.
   */
  async saveAll(aggregates: T[], metadata: EventMetadata): Promise<LogPosition | undefined> {
    const changed = aggregates.filter((aggregate) => aggregate.getUncommittedEvents().length > 0);
    if (changed.length === 0) return undefined;
    const events = changed.map((aggregate) => [...aggregate.getUncommittedEvents()]);
    const results = await this.store.appendToStreams(
      changed.map((aggregate, i) => ({
        streamId: aggregate.streamId,
        events: events[i].map((event) => this.registry.toAppend(event, metadata)),
        expectedRevision: aggregate.revision,
      })),
    );
    changed.forEach((aggregate, i) => {
      aggregate.markSaved(results[i].nextExpectedRevision, results[i].position);
    });
    this.publisher?.publishAll(events.flat());
    return results
      .map((result) => result.position)
      .reduce((a, b) => (compareLogPositions(a, b) > 0 ? a : b));
  }

  /**
   * Load, decide, save; on a concurrent append, reload and decide again (bounded, then a 409).
   * `decide` must be a pure decision on the aggregate: it may run more than once.
   */
  execute<R>(
    streamId: string,
    decide: (aggregate: T) => R | Promise<R>,
    metadata: EventMetadata,
  ): Promise<Executed<T, R>> {
    return this.retried(async () => {
      const aggregate = await this.load(streamId);
      const result = await decide(aggregate);
      const position = await this.save(aggregate, metadata);
      return { aggregate, result, position };
    });
  }

  /**
   * `execute` for one decision over several aggregates: their events are recorded all together
   * or not at all, and a concurrent append to any of the streams makes the whole decision run
   * again on all of them, reloaded.
   */
  executeAll<R>(
    streamIds: string[],
    decide: (aggregates: T[]) => R | Promise<R>,
    metadata: EventMetadata,
  ): Promise<ExecutedAll<T, R>> {
    return this.retried(async () => {
      const aggregates = await Promise.all(streamIds.map((streamId) => this.load(streamId)));
      const result = await decide(aggregates);
      const position = await this.saveAll(aggregates, metadata);
      return { aggregates, result, position };
    });
  }

  /** Runs `decision` again after a WrongExpectedVersion, up to the bounded attempts, then a 409. */
  private async retried<X>(decision: () => Promise<X>): Promise<X> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await decision();
      } catch (error) {
        if (!(error instanceof WrongExpectedVersion)) throw error;
        if (attempt >= this.maxAttempts) throw new ConcurrentModification(error.streamId, attempt);
        // A little jitter so racing writers do not collide again in lockstep.
        await sleep(Math.floor(Math.random() * 5 * attempt));
      }
    }
  }
}

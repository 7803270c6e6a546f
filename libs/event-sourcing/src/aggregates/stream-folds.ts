import { EventStore, UnchangedStream } from '../event-store.port';
import { DomainEvent } from './domain-event';
import { EventRegistry } from './event-registry';

/** One step of a fold: the state after `event`. Returns a new state, never changes `state`. */
export type StreamFold<S> = (state: S | undefined, event: DomainEvent) => S | undefined;

interface Folded<S> {
  state: S | undefined;
  /** The revision of the last event folded into `state`. */
  revision: bigint;
}

/**
 * What a stream's events fold to, as the log says now, for decisions that read a stream of
 * another aggregate (a send reads its number's and its profile's streams). The last state of
 * each stream is kept, so bringing it up to date reads only the events appended since: usually
 * none, at the price of a read that the event store batches with the other reads of the same
 * turn. Every answer is still read from the log, so it is as fresh on every instance as a full
 * read; the states kept are immutable, so answers already given never change. At most `capacity`
 * streams are kept, the least recently folded dropped first.
 */
export class StreamFolds<S> {
  private readonly folded = new Map<string, Folded<S>>();

  constructor(
    private readonly store: EventStore,
    private readonly registry: EventRegistry,
    private readonly fold: StreamFold<S>,
    private readonly capacity = 10_000,
  ) {}

  /** The stream's state now; undefined when its events fold to nothing (or it has none). */
  async current(streamId: string): Promise<S | undefined> {
    const kept = this.folded.get(streamId);
    const fromRevision = kept === undefined ? 0n : kept.revision + 1n;
    const recorded = await this.store.readStream(streamId, { fromRevision });
    if (recorded.length === 0) return kept?.state;
    let state = kept?.state;
    for (const event of recorded) state = this.fold(state, this.registry.revive(event));
    this.keep(streamId, { state, revision: recorded[recorded.length - 1].revision });
    return state;
  }

  /**
   * The last state folded and the stream as it was then, without asking the log: a guess to read
   * ahead with, or a decision that a conditional append then checks (the stream must still be at
   * that revision); undefined if none is kept.
   */
  known(streamId: string): { state: S | undefined; seen: UnchangedStream } | undefined {
    const kept = this.folded.get(streamId);
    return kept && { state: kept.state, seen: { streamId, revision: kept.revision } };
  }

  /** Keeps `folded` unless a read that finished earlier kept a later revision. */
  private keep(streamId: string, folded: Folded<S>): void {
    const kept = this.folded.get(streamId);
    if (kept !== undefined && kept.revision >= folded.revision) return;
    this.folded.delete(streamId);
    this.folded.set(streamId, folded);
    if (this.folded.size > this.capacity) {
      this.folded.delete(this.folded.keys().next().value as string);
    }
  }
}

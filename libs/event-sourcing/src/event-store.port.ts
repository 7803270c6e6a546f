/**
 * The event store port. Two adapters implement it (PostgreSQL, the default, also on embedded
 * PGlite; and EventStoreDB), and both pass one contract suite in test/event-sourcing/.
 */

/** Optimistic concurrency for an append; revisions start at 0, as in EventStoreDB. */
export type ExpectedRevision = 'any' | 'no_stream' | 'stream_exists' | bigint;

export interface EventMetadata {
  correlation_id?: string;
  causation_id?: string;
  account_id?: string;
  [key: string]: unknown;
}

export type EventData = Record<string, unknown>;

export interface EventToAppend {
  /** uuid; appending the same ids at the same expected revision again is idempotent. */
  id: string;
  type: string;
  data: EventData;
  metadata: EventMetadata;
}

/**
 * A place in the global log, ordered by (commit, prepare). PostgreSQL: commit = the appending
 * transaction's xid8, prepare = the global position. EventStoreDB: its commit and prepare positions.
 */
export interface LogPosition {
  commit: bigint;
  prepare: bigint;
}

export const LOG_START: LogPosition = { commit: 0n, prepare: 0n };

export function compareLogPositions(a: LogPosition, b: LogPosition): number {
  if (a.commit !== b.commit) return a.commit < b.commit ? -1 : 1;
  if (a.prepare !== b.prepare) return a.prepare < b.prepare ? -1 : 1;
  return 0;
}

export interface RecordedEvent {
  id: string;
  type: string;
  data: EventData;
  metadata: EventMetadata;
  streamId: string;
  revision: bigint;
  position: LogPosition;
  created: Date;
}

/** One stream's part of a multi-stream append. */
export interface StreamAppend {
  streamId: string;
  /** At least one event. */
  events: EventToAppend[];
  expectedRevision: ExpectedRevision;
}

export interface AppendResult {
  /** The revision of the last event now in the stream. */
  nextExpectedRevision: bigint;
  /** The position of the last appended event in the global log. */
  position: LogPosition;
}

/** Which events a reader of the whole log wants; system events (type starting `$`) never pass. */
export type EventFilter = { streamPrefixes: string[] } | { eventTypes: string[] };

export interface ReadStreamOptions {
  direction?: 'forwards' | 'backwards';
  /** Inclusive; default the first (forwards) or last (backwards) event. */
  fromRevision?: bigint;
  maxCount?: number;
}

export interface ReadAllOptions {
  /** Exclusive; default the start of the log. */
  after?: LogPosition;
  maxCount: number;
  filter?: EventFilter;
}

export interface SubscribeOptions {
  /** Exclusive: the checkpoint of the subscriber. */
  after?: LogPosition;
  filter?: EventFilter;
  /** Events handed over per batch (projections apply a batch in one transaction). */
  batchSize?: number;
}

/** A live feed of the log in order, from a checkpoint; batches, so a projection can apply many at once. */
export interface LogSubscription extends AsyncIterable<RecordedEvent[]> {
  close(): Promise<void>;
}

export class WrongExpectedVersion extends Error {
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    readonly actual: bigint | 'no_stream',
  ) {
    super(`Stream ${streamId}: expected revision ${String(expected)}, found ${String(actual)}`);
    this.name = 'WrongExpectedVersion';
  }
}

/** What every adapter refuses in a multi-stream append: nothing to append, or a stream twice. */
export function checkStreamAppends(appends: StreamAppend[]): void {
  const streams = new Set(appends.map((append) => append.streamId));
  if (appends.length === 0 || appends.some((append) => append.events.length === 0)) {
    throw new Error('appendToStreams needs at least one event for every stream');
  }
  if (streams.size < appends.length) throw new Error('appendToStreams takes each stream once');
}

/** A stream a decision read, that must still be at `revision` (`no_stream`: still absent). */
export interface UnchangedStream {
  streamId: string;
  revision: bigint | 'no_stream';
}

export abstract class EventStore {
  /** At least one event; all or none are written. */
  abstract appendToStream(
    streamId: string,
    events: EventToAppend[],
    options: { expectedRevision: ExpectedRevision },
  ): Promise<AppendResult>;

  /**
   * Appends to several distinct streams, each at its own expected revision, for a decision that
   * spans aggregates: all or none are written (PostgreSQL and in memory: one transaction), and
   * WrongExpectedVersion names the first stream found stale. Results in the order given. The
   * EventStoreDB adapter cannot make it atomic (see there).
   */
  abstract appendToStreams(appends: StreamAppend[]): Promise<AppendResult[]>;

  /**
   * Appends only if every stream of `unchanged` is still at the revision given, checked in the
   * same statement as the append: a decision made on what it last read of other streams is
   * recorded in one round trip. Undefined when one of them moved (or the expectation failed):
   * nothing was written; read them and decide again. An adapter that cannot check them with the
   * append always answers undefined.
   */
  appendIfUnchanged(
    _streamId: string,
    _events: EventToAppend[],
    _expectedRevision: bigint | 'no_stream',
    _unchanged: UnchangedStream[],
  ): Promise<AppendResult | undefined> {
    return Promise.resolve(undefined);
  }

  /** Events of one stream; an unknown stream reads as empty. */
  abstract readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;

  /**
   * The log in position order, only events no in-flight transaction can still slip in before.
   * System events (type starting `$`) are left out, with or without a filter.
   */
  abstract readAll(options: ReadAllOptions): Promise<RecordedEvent[]>;

  abstract subscribeToAll(options: SubscribeOptions): LogSubscription;

  /** The position of the newest event readAll would return (LOG_START when empty); for lag. */
  abstract headPosition(): Promise<LogPosition>;

  abstract close(): Promise<void>;
}

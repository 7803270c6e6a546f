import { EventEmitter, once } from 'node:events';
import {
  AppendResult,
  checkStreamAppends,
  compareLogPositions,
  EventStore,
  EventToAppend,
  ExpectedRevision,
  LOG_START,
  LogPosition,
  LogSubscription,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  StreamAppend,
  SubscribeOptions,
  WrongExpectedVersion,
} from '../event-store.port';
import { matchesFilter } from '../subscriptions/event-envelope';

/**
 * The port in memory, for unit tests of command handlers and runners without a database.
 * Same rules as the real stores (revisions from 0, expected-revision checks, idempotent re-append).
 */
export class InMemoryEventStore extends EventStore {
  private readonly log: RecordedEvent[] = [];
  private readonly appended = new EventEmitter();
  private closed = false;

  async appendToStream(
    streamId: string,
    events: EventToAppend[],
    options: { expectedRevision: ExpectedRevision },
  ): Promise<AppendResult> {
    const [result] = await this.appendToStreams([
      { streamId, events, expectedRevision: options.expectedRevision },
    ]);
    return result;
  }

  /** Every expectation is checked before any event goes in, with no await between: all or none. */
  async appendToStreams(appends: StreamAppend[]): Promise<AppendResult[]> {
    checkStreamAppends(appends);
    const repeats = appends.map((append) => this.check(append));
    const results = appends.map((append, i) => repeats[i] ?? this.write(append));
    this.appended.emit('append');
    return results;
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    let events = this.log.filter((event) => event.streamId === streamId);
    if (options.direction === 'backwards') events = events.reverse();
    const from = options.fromRevision;
    if (from !== undefined) {
      events = events.filter((e) =>
        options.direction === 'backwards' ? e.revision <= from : e.revision >= from,
      );
    }
    return events.slice(0, options.maxCount ?? events.length);
  }

  async readAll(options: ReadAllOptions): Promise<RecordedEvent[]> {
    const after = options.after ?? LOG_START;
    return this.log
      .filter((e) => compareLogPositions(e.position, after) > 0 && matchesFilter(options.filter, e))
      .slice(0, options.maxCount);
  }

  subscribeToAll(options: SubscribeOptions): LogSubscription {
    let after = options.after ?? LOG_START;
    const abort = new AbortController();
    const batchSize = options.batchSize ?? 100;
    const feed = async function* (store: InMemoryEventStore): AsyncGenerator<RecordedEvent[]> {
      while (!abort.signal.aborted) {
        const seen = store.log.length;
        const batch = await store.readAll({ after, maxCount: batchSize, filter: options.filter });
        if (batch.length > 0) {
          after = batch[batch.length - 1].position;
          yield batch;
          continue;
        }
        if (store.log.length !== seen) continue;
        await once(store.appended, 'append', { signal: abort.signal }).catch(() => undefined);
      }
    };
    const iterator = feed(this);
    return {
      [Symbol.asyncIterator]: () => iterator,
      close: async () => {
        abort.abort();
        await iterator.return(undefined);
      },
    };
  }

  async headPosition(): Promise<LogPosition> {
    return this.log.length === 0 ? LOG_START : this.log[this.log.length - 1].position;
  }

  async close(): Promise<void> {
    this.closed = true;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** The first result of a repeated append; throws WrongExpectedVersion on a wrong expectation. */
  private check({ streamId, events, expectedRevision }: StreamAppend): AppendResult | undefined {
    const stream = this.log.filter((event) => event.streamId === streamId);
    const repeat = this.repeatedAppend(stream, events);
    if (repeat !== undefined) return repeat;
    const current = stream.length === 0 ? 'no_stream' : BigInt(stream.length - 1);
    checkExpected(streamId, expectedRevision, current);
    return undefined;
  }

  private write({ streamId, events }: StreamAppend): AppendResult {
    const before = this.log.filter((event) => event.streamId === streamId).length;
    for (const [index, event] of events.entries()) {
      const global = BigInt(this.log.length + 1);
      this.log.push({
        ...structuredClone(event),
        streamId,
        revision: BigInt(before + index),
        position: { commit: global, prepare: global },
        created: new Date(),
      });
    }
    const last = this.log[this.log.length - 1];
    return { nextExpectedRevision: last.revision, position: last.position };
  }

  private repeatedAppend(
    stream: RecordedEvent[],
    events: EventToAppend[],
  ): AppendResult | undefined {
    const found = events.map((event) => stream.find((stored) => stored.id === event.id));
    if (events.length === 0 || found.some((stored) => stored === undefined)) return undefined;
    const last = found[found.length - 1] as RecordedEvent;
    return { nextExpectedRevision: BigInt(stream.length - 1), position: last.position };
  }
}

function checkExpected(
  streamId: string,
  expected: ExpectedRevision,
  current: bigint | 'no_stream',
): void {
  const ok =
    expected === 'any' ||
    (expected === 'no_stream' && current === 'no_stream') ||
    (expected === 'stream_exists' && current !== 'no_stream') ||
    (typeof expected === 'bigint' && expected === current);
  if (!ok) throw new WrongExpectedVersion(streamId, expected, current);
}

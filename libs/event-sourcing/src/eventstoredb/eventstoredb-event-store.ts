import {
  AllStreamResolvedEvent,
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  ResolvedEvent,
  START,
  StreamNotFoundError,
  StreamingRead,
} from '@eventstore/db-client';
import {
  AppendResult,
  checkStreamAppends,
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
  compareLogPositions,
} from '../event-store.port';
import {
  fromEsdbError,
  fromPosition,
  isSystemType,
  passes,
  toEsdbEvent,
  toEsdbExpected,
  toRecordedEvent,
} from './eventstoredb-events';
import { EventStoreDbLogSubscription } from './eventstoredb-log-subscription';

export interface EventStoreDbEventStoreOptions {
  /** First wait before a subscription resubscribes after an error, doubled up to 5 s (default 250). */
  resubscribeDelayMs?: number;
  /** Errors in a row, with no event delivered between, before the consumer gets the error (default 10). */
  maxConsecutiveFailures?: number;
}

type AnyResolved = ResolvedEvent | AllStreamResolvedEvent;

/** The event store on EventStoreDB (`esdb://…` connection string), through `@eventstore/db-client`. */
export class EventStoreDbEventStore extends EventStore {
  private readonly client: EventStoreDBClient;
  private readonly subscriptions = new Set<EventStoreDbLogSubscription>();
  private readonly resubscribeDelayMs: number;
  private readonly maxConsecutiveFailures: number;

  constructor(connectionString: string, options: EventStoreDbEventStoreOptions = {}) {
    super();
    this.client = EventStoreDBClient.connectionString(connectionString);
    this.resubscribeDelayMs = options.resubscribeDelayMs ?? 250;
    this.maxConsecutiveFailures = options.maxConsecutiveFailures ?? 10;
  }

  async appendToStream(
    streamId: string,
    events: EventToAppend[],
    options: { expectedRevision: ExpectedRevision },
  ): Promise<AppendResult> {
    if (events.length === 0) throw new Error('appendToStream needs at least one event');
    const expected = options.expectedRevision;
    try {
      const result = await this.client.appendToStream(streamId, events.map(toEsdbEvent), {
        expectedRevision: toEsdbExpected(expected),
      });
      const revision = result.nextExpectedRevision;
      return {
        nextExpectedRevision: revision,
        position: await this.positionOf(streamId, revision),
      };
    } catch (error) {
      throw fromEsdbError(error, streamId, expected);
    }
  }

  /**
   * NOT atomic: EventStoreDB before KurrentDB 25.1 has no multi-stream transaction. The streams
   * are appended one after another, each at its expected revision, and the first stale one stops
   * the rest — but the streams appended before it keep their events. A decision spanning
   * aggregates (the bulk number assignment) is all-or-nothing only on the PostgreSQL store.
   */
  async appendToStreams(appends: StreamAppend[]): Promise<AppendResult[]> {
    checkStreamAppends(appends);
    const results: AppendResult[] = [];
    for (const { streamId, events, expectedRevision } of appends) {
      results.push(await this.appendToStream(streamId, events, { expectedRevision }));
    }
    return results;
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const backwards = options.direction === 'backwards';
    const read = this.client.readStream(streamId, {
      direction: backwards ? BACKWARDS : FORWARDS,
      fromRevision: options.fromRevision ?? (backwards ? END : START),
      maxCount: options.maxCount ?? Number.MAX_SAFE_INTEGER,
    });
    try {
      return await collect(read, () => true, Number.MAX_SAFE_INTEGER);
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
  }

  /** $all has no server-side filter on a plain read in this client, so it filters as it streams. */
  async readAll(options: ReadAllOptions): Promise<RecordedEvent[]> {
    const after = options.after;
    const read = this.client.readAll({ direction: FORWARDS, fromPosition: fromPosition(after) });
    // A read from a position includes the event at it; ours is exclusive.
    const wanted = (event: RecordedEvent) =>
      passes(event, options.filter) && (!after || compareLogPositions(event.position, after) > 0);
    return collect(read, wanted, options.maxCount);
  }

  subscribeToAll(options: SubscribeOptions): LogSubscription {
    const policy = {
      resubscribeDelayMs: this.resubscribeDelayMs,
      maxConsecutiveFailures: this.maxConsecutiveFailures,
    };
    const subscription = new EventStoreDbLogSubscription(this.client, options, policy, (closed) =>
      this.subscriptions.delete(closed),
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  async headPosition(): Promise<LogPosition> {
    const read = this.client.readAll({ direction: BACKWARDS, fromPosition: END });
    const [newest] = await collect(read, (event) => !isSystemType(event.type), 1);
    return newest?.position ?? LOG_START;
  }

  /** Answers when the server does; for /health. */
  async ping(): Promise<void> {
    const read = this.client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1 });
    await collect(read, () => true, 1);
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((subscription) => subscription.close()));
    await this.client.dispose();
  }

  /**
   * Where the event at `revision` sits in $all. Read back rather than taken from the append
   * result, whose position is that of the write (not of its last event) and is absent when the
   * append was an idempotent repeat; read-your-writes waits for exactly this position.
   */
  private async positionOf(streamId: string, revision: bigint): Promise<LogPosition> {
    // From the leader: a follower may not have the event yet.
    const options = { fromRevision: revision, maxCount: 1, requiresLeader: true };
    const read = this.client.readStream(streamId, options);
    const [event] = await collect(read, () => true, 1);
    if (!event) throw new Error(`${streamId}@${revision} not found right after appending it`);
    return event.position;
  }
}

/** Up to `limit` events the read yields that `wanted` keeps; stops the server early when full. */
async function collect(
  read: StreamingRead<AnyResolved>,
  wanted: (event: RecordedEvent) => boolean,
  limit: number,
): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for await (const resolved of read) {
    const event = toRecordedEvent(resolved);
    if (event && wanted(event)) events.push(event);
    if (events.length >= limit) {
      await read.cancel();
      break;
    }
  }
  return events;
}

import { randomUUID } from 'node:crypto';
import { ClientBase, Pool } from 'pg';
import {
  AppendResult,
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
  UnchangedStream,
  WrongExpectedVersion,
} from '../event-store.port';
import { AppendNotifier } from './append-notifier';
import { LogTail, LogTailOptions, TailPage } from './log-tail';
import { AppendBatches } from './append-batches';
import {
  AppendRow,
  CombinedAppend,
  CombinedAppendRow,
  fastAppendQuery,
  functionAppendQuery,
} from './append-statements';
import { NotificationListener } from './notification-listener';
import { StatementNames } from './statement-names';
import { StreamReads } from './stream-reads';
import { appendInOneTransaction } from './multi-stream-append';
import {
  EVENTS_CHANNEL,
  EventRow,
  HEAD_POSITION_SQL,
  PositionRow,
  WRONG_EXPECTED_REVISION_SQLSTATE,
  heldBackQuery,
  readAllQuery,
  readStreamQuery,
  SqlQuery,
  tailQuery,
  TailRow,
  toPosition,
  toRecordedEvent,
} from './postgres-event-rows';
import { FeedPage, LogFeedSource, PostgresLogSubscription } from './postgres-log-subscription';
import { WakeSignal } from './wake-signal';

export interface PostgresEventStoreOptions {
  /**
   * Longest sleep of an idle subscription between two reads, in ms (default 250). It carries
   * wake-ups where neither an in-process append nor a NOTIFY reaches (PGlite behind its socket).
   */
  pollIntervalMs?: number;
  /** LISTEN on a dedicated connection for appends made by other processes (default true). */
  listen?: boolean;
  /** NOTIFY other processes after each append (default true; coalesced under load). */
  notify?: boolean;
  /**
   * Run appends and reads as named prepared statements (default false), named by the log's
   * size class (`StatementNames`). Saves parsing and planning on every call on a real server;
   * PGlite behind its socket shares one session among all connections, where a second
   * connection preparing the same name fails, so leave it off there.
   */
  preparedStatements?: boolean;
  /** Failed reads in a row a subscription retries before its consumer gets the error (default 10). */
  maxConsecutiveFailures?: number;
  /**
   * Read the newest events once for all subscriptions (default true), keeping them in memory
   * until those subscriptions have read them (within these limits, for one that lags); `false`
   * makes every subscription read the database itself.
   */
  sharedTail?: LogTailOptions | false;
  /**
   * Forward stream reads asked for in the same turn of the event loop go to the database as one
   * statement (default true).
   */
  coalesceStreamReads?: boolean;
  /**
   * Appends (exact revision or new stream) asked for in the same turn of the event loop go to
   * distinct streams in one statement and one commit (default true).
   */
  combineAppends?: boolean;
  /** Where subscriptions read the log (default: the pool): a pool of their own keeps them moving. */
  subscriptionPool?: Pool;
}

/** Runs a query: the pool, or a client the caller holds a transaction on. */
export type Queryable = Pick<ClientBase, 'query'>;

/**
 * The event store on PostgreSQL (also on PGlite): the `events` and `streams` tables and the
 * `append_to_stream` function of `eventSourcingMigrations`. The pool stays the caller's to end.
 */
export class PostgresEventStore extends EventStore {
  /** Appends in this process and NOTIFYs from others. */
  readonly wake = new WakeSignal();
  readonly pollIntervalMs: number;
  readonly maxConsecutiveFailures: number;
  private readonly names: StatementNames | undefined;
  private readonly listener: NotificationListener | undefined;
  private readonly notifier: AppendNotifier | undefined;
  private readonly subscriptions = new Set<PostgresLogSubscription>();
  private readonly tail: LogTail | undefined;
  private readonly streamReads: StreamReads | undefined;
  private readonly batches: AppendBatches | undefined;
  /** What subscriptions read: the shared tail where it covers them, else the database. */
  private readonly feed: LogFeedSource;
  private readonly feedPool: Pool;

  constructor(
    private readonly pool: Pool,
    options: PostgresEventStoreOptions = {},
  ) {
    super();
    this.pollIntervalMs = options.pollIntervalMs ?? 250;
    this.maxConsecutiveFailures = options.maxConsecutiveFailures ?? 10;
    this.names = options.preparedStatements ? new StatementNames() : undefined;
    this.feedPool = options.subscriptionPool ?? pool;
    // Our own NOTIFYs come back to our listener; the in-process signal woke everyone already.
    const source = `${randomUUID()}/`;
    if (options.listen ?? true) {
      const wake = () => this.wake.notify();
      this.listener = new NotificationListener(pool.options, EVENTS_CHANNEL, wake, source);
    }
    if (options.notify ?? true) this.notifier = new AppendNotifier(pool, EVENTS_CHANNEL, source);
    if (options.sharedTail !== false) this.tail = new LogTail(this, options.sharedTail);
    if (options.combineAppends ?? true) this.batches = this.appendBatches();
    if (options.coalesceStreamReads ?? true) {
      const run = async <R extends object>(query: SqlQuery) => (await pool.query<R>(query)).rows;
      this.streamReads = new StreamReads(run, this.names);
    }
    this.feed = {
      readFeed: (feedOptions, reader) => this.readFeed(feedOptions, reader),
      wake: this.tail?.grown ?? this.wake,
      pollIntervalMs: this.pollIntervalMs,
      maxConsecutiveFailures: this.maxConsecutiveFailures,
    };
  }

  async appendToStream(
    streamId: string,
    events: EventToAppend[],
    options: { expectedRevision: ExpectedRevision },
  ): Promise<AppendResult> {
    const expected = options.expectedRevision;
    if (events.length === 0) throw new Error('appendToStream needs at least one event');
    const result =
      this.batches !== undefined && (typeof expected === 'bigint' || expected === 'no_stream')
        ? await this.batches.append({ streamId, expected, events })
        : await this.append(this.pool, streamId, events, expected, false);
    this.appended(result.position.prepare);
    return result;
  }

  /** See EventStore: the streams are checked in the combined append's statement. */
  override async appendIfUnchanged(
    streamId: string,
    events: EventToAppend[],
    expected: bigint | 'no_stream',
    unchanged: UnchangedStream[],
  ): Promise<AppendResult | undefined> {
    if (events.length === 0) throw new Error('appendToStream needs at least one event');
    if (this.batches === undefined) return undefined;
    const result = await this.batches.appendIfUnchanged({ streamId, expected, events, unchanged });
    if (result !== undefined) this.appended(result.position.prepare);
    return result;
  }

  /** All or none, in one transaction. */
  async appendToStreams(appends: StreamAppend[]): Promise<AppendResult[]> {
    const results = await appendInOneTransaction(this.pool, appends, (client, append) =>
      this.append(client, append.streamId, append.events, append.expectedRevision, false),
    );
    const last = results.reduce((a, b) =>
      compareLogPositions(a.position, b.position) > 0 ? a : b,
    );
    this.appended(last.position.prepare);
    return results;
  }

  /** After an append: wakes this process's subscriptions, NOTIFYs the others. */
  private appended(position: bigint): void {
    this.names?.seen(position);
    this.wake.notify();
    this.notifier?.appended(position);
  }

  /**
   * Appends through `client`, inside whatever transaction the caller holds there; subscribers
   * see the events once that transaction commits (woken by NOTIFY, or by the poll).
   */
  appendWithin(
    client: Queryable,
    streamId: string,
    events: EventToAppend[],
    options: { expectedRevision: ExpectedRevision },
  ): Promise<AppendResult> {
    return this.append(client, streamId, events, options.expectedRevision, true);
  }

  private async append(
    client: Queryable,
    streamId: string,
    events: EventToAppend[],
    expected: ExpectedRevision,
    notifyInTransaction: boolean,
  ): Promise<AppendResult> {
    if (events.length === 0) throw new Error('appendToStream needs at least one event');
    const call = this.appendCall(streamId, events, expected);
    try {
      // The caller's transaction must NOTIFY at its commit, which only the function does.
      const fast = notifyInTransaction ? undefined : fastAppendQuery(call);
      const moved = fast && (await client.query<AppendRow>(fast)).rows[0];
      if (moved && moved.global_position !== null) return toAppendResult(moved);
      const query = functionAppendQuery(call, notifyInTransaction);
      return toAppendResult((await client.query<AppendRow>(query)).rows[0]);
    } catch (error) {
      throw wrongExpectedVersion(error, streamId, expected) ?? error;
    }
  }

  /** The function's verdict alone, for an append whose fast path moved nothing. */
  private async verdict({ streamId, events, expected }: CombinedAppend): Promise<AppendResult> {
    try {
      const query = functionAppendQuery(this.appendCall(streamId, events, expected), false);
      return toAppendResult((await this.pool.query<AppendRow>(query)).rows[0]);
    } catch (error) {
      throw wrongExpectedVersion(error, streamId, expected) ?? error;
    }
  }

  private appendCall(streamId: string, events: EventToAppend[], expected: ExpectedRevision) {
    const eventsJson = JSON.stringify(
      events.map(({ id, type, data, metadata }) => ({ id, type, data, metadata })),
    );
    return { streamId, expected, eventsJson, count: events.length, names: this.names };
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    if (this.streamReads !== undefined && options.direction !== 'backwards') {
      const { fromRevision = 0n, maxCount } = options;
      // Readers of the same stream in one turn share its events; each gets an array of its own.
      return [...(await this.streamReads.read({ streamId, fromRevision, maxCount }))];
    }
    const { rows } = await this.pool.query<EventRow>(
      readStreamQuery(streamId, options, this.names),
    );
    return rows.map(toRecordedEvent);
  }

  async readAll(options: ReadAllOptions): Promise<RecordedEvent[]> {
    const query = readAllQuery(options.after ?? LOG_START, options.maxCount, options.filter);
    const { rows } = await this.pool.query<EventRow>(query);
    return rows.map(toRecordedEvent);
  }

  /** readAll, and for a short page whether more events wait behind an older open transaction. */
  async readFeed(options: ReadAllOptions, reader: object): Promise<FeedPage> {
    const served = this.tail?.serve(options, reader);
    if (served !== undefined) return served;
    const read = readAllQuery(options.after ?? LOG_START, options.maxCount, options.filter);
    const events = (await this.feedPool.query<EventRow>(read)).rows.map(toRecordedEvent);
    if (events.length === options.maxCount) return { events, heldBack: false };
    const after = events.length > 0 ? events[events.length - 1].position : options.after;
    const query = heldBackQuery(after ?? LOG_START, options.filter);
    const { rows } = await this.feedPool.query<{ held_back: boolean }>(query);
    return { events, heldBack: rows[0].held_back };
  }

  private appendBatches(): AppendBatches {
    return new AppendBatches({
      run: async (query) => (await this.pool.query<CombinedAppendRow>(query)).rows,
      alone: ({ streamId, events, expected }) =>
        this.append(this.pool, streamId, events, expected, false),
      verdict: (append) => this.verdict(append),
      toResult: toAppendResult,
      names: this.names,
    });
  }

  /** The shared tail's read: the settled events after `after` and the held-back flag at once. */
  async readTail(after: LogPosition, maxCount: number): Promise<TailPage> {
    const { rows } = await this.feedPool.query<TailRow>(tailQuery(after, maxCount, this.names));
    const heldBack = rows[0]?.held_back ?? false;
    const events = rows
      .filter((row) => row.event_id !== null)
      .map((row) => ({ event: toRecordedEvent(row as EventRow), bytes: Number(row.bytes) }));
    if (events.length > 0) this.names?.seen(events[events.length - 1].event.position.prepare);
    return { events, heldBack };
  }

  subscribeToAll(options: SubscribeOptions): LogSubscription {
    this.listener?.start();
    this.tail?.start();
    const subscription = new PostgresLogSubscription(this.feed, options, (closed) => {
      this.subscriptions.delete(closed);
      this.tail?.forget(closed);
    });
    this.subscriptions.add(subscription);
    return subscription;
  }

  async headPosition(): Promise<LogPosition> {
    const { rows } = await this.pool.query<PositionRow>(HEAD_POSITION_SQL);
    const head = rows.length > 0 ? toPosition(rows[0]) : LOG_START;
    this.names?.seen(head.prepare);
    return head;
  }

  /** Ends every subscription, the LISTEN connection and the NOTIFY in flight; the pool stays open. */
  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((subscription) => subscription.close()));
    await this.tail?.stop();
    await this.listener?.stop();
    await this.notifier?.drain();
  }
}

function wrongExpectedVersion(
  error: unknown,
  streamId: string,
  expected: ExpectedRevision,
): WrongExpectedVersion | undefined {
  // By shape, not instanceof: a second copy of `pg` (bundlers, test sandboxes) has its own class.
  const { code, detail } = (error ?? {}) as { code?: unknown; detail?: unknown };
  if (code !== WRONG_EXPECTED_REVISION_SQLSTATE || typeof detail !== 'string') return;
  const current = BigInt(detail);
  return new WrongExpectedVersion(streamId, expected, current < 0n ? 'no_stream' : current);
}

function toAppendResult(row: AppendRow): AppendResult {
  return {
    nextExpectedRevision: BigInt(row.revision ?? -1),
    position: {
      commit: BigInt(row.transaction_id ?? 0),
      prepare: BigInt(row.global_position ?? 0),
    },
  };
}

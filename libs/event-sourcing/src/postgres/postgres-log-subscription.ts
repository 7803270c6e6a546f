import {
  LOG_START,
  LogPosition,
  LogSubscription,
  ReadAllOptions,
  RecordedEvent,
  SubscribeOptions,
} from '../event-store.port';
import { StopSignal, WakeSignal } from './wake-signal';

/** A batch, and whether committed events after it wait for an older transaction to end. */
export interface FeedPage {
  events: RecordedEvent[];
  heldBack: boolean;
}

export interface LogFeedSource {
  /** The page after `options.after`; `reader` tells who reads (a shared tail keeps what it has not read). */
  readFeed(options: ReadAllOptions, reader: object): Promise<FeedPage>;
  readonly wake: WakeSignal;
  readonly pollIntervalMs: number;
  readonly maxConsecutiveFailures: number;
}

export const DEFAULT_BATCH_SIZE = 500;
const MAX_BACKOFF_MS = 5000;
/** First re-read after finding events held back; doubles up to the poll interval. */
const HELD_BACK_RETRY_MS = 5;

/**
 * The log from a checkpoint, in batches, by repeated `readAll`. Between reads it sleeps until an
 * append wakes it (in-process signal or NOTIFY) or the poll interval passes. A wake-up can come
 * while the new events are still held back behind an older open transaction, which sends no
 * wake-up when it ends; then it re-reads soon, backing off towards the poll interval. A failed read is
 * retried from the last delivered position with backoff; after `maxConsecutiveFailures` failures
 * in a row the error reaches the consumer.
 */
export class PostgresLogSubscription implements LogSubscription {
  private readonly closing = new StopSignal();

  constructor(
    private readonly source: LogFeedSource,
    private readonly options: SubscribeOptions,
    private readonly onClose: (subscription: PostgresLogSubscription) => void,
  ) {}

  [Symbol.asyncIterator](): AsyncIterator<RecordedEvent[]> {
    return this.feed();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closing.stop();
    this.onClose(this);
  }

  private async *feed(): AsyncGenerator<RecordedEvent[]> {
    const batchSize = this.options.batchSize ?? DEFAULT_BATCH_SIZE;
    let after: LogPosition = this.options.after ?? LOG_START;
    let retry = 0;
    try {
      while (!this.closed) {
        const seen = this.source.wake.current;
        const { events, heldBack } = await this.read(after, batchSize);
        if (this.closed) return;
        if (events.length > 0) {
          after = events[events.length - 1].position;
          yield events;
        }
        if (events.length === batchSize) continue;
        retry = heldBack ? Math.min(Math.max(retry * 2, HELD_BACK_RETRY_MS), this.pollMs) : 0;
        await this.sleep(this.source.wake.wait(seen, heldBack ? retry : this.pollMs));
      }
    } finally {
      await this.close();
    }
  }

  private get closed(): boolean {
    return this.closing.isStopped;
  }

  private get pollMs(): number {
    return this.source.pollIntervalMs;
  }

  private async read(after: LogPosition, maxCount: number): Promise<FeedPage> {
    for (let failures = 1; ; failures += 1) {
      try {
        return await this.source.readFeed({ after, maxCount, filter: this.options.filter }, this);
      } catch (error) {
        if (this.closed) return { events: [], heldBack: false };
        if (failures >= this.source.maxConsecutiveFailures) throw error;
        const backoff = Math.min(this.pollMs * 2 ** failures, MAX_BACKOFF_MS);
        await this.sleep(new Promise((resolve) => setTimeout(resolve, backoff).unref()));
      }
    }
  }

  private sleep(until: Promise<unknown>): Promise<void> {
    return this.closing.sleep(until);
  }
}

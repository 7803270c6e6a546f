import {
  LOG_START,
  LogPosition,
  LogSubscription,
  ReadAllOptions,
  RecordedEvent,
  SubscribeOptions,
} from '../event-store.port';
import { WakeSignal } from './wake-signal';

export interface LogFeedSource {
  readAll(options: ReadAllOptions): Promise<RecordedEvent[]>;
  readonly wake: WakeSignal;
  readonly pollIntervalMs: number;
  readonly maxConsecutiveFailures: number;
}

export const DEFAULT_BATCH_SIZE = 500;
const MAX_BACKOFF_MS = 5000;

/**
 * The log from a checkpoint, in batches, by repeated `readAll`. Between reads it sleeps until an
 * append wakes it (in-process signal or NOTIFY) or the poll interval passes. A failed read is
 * retried from the last delivered position with backoff; after `maxConsecutiveFailures` failures
 * in a row the error reaches the consumer.
 */
export class PostgresLogSubscription implements LogSubscription {
  private closed = false;
  private markClosed: () => void = () => undefined;
  private readonly closedSignal = new Promise<void>((resolve) => (this.markClosed = resolve));

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
    this.closed = true;
    this.markClosed();
    this.onClose(this);
  }

  private async *feed(): AsyncGenerator<RecordedEvent[]> {
    const batchSize = this.options.batchSize ?? DEFAULT_BATCH_SIZE;
    let after: LogPosition = this.options.after ?? LOG_START;
    try {
      while (!this.closed) {
        const seen = this.source.wake.current;
        const batch = await this.read(after, batchSize);
        if (this.closed) return;
        if (batch.length > 0) {
          after = batch[batch.length - 1].position;
          yield batch;
        }
        if (batch.length < batchSize) {
          await this.sleep(this.source.wake.wait(seen, this.source.pollIntervalMs));
        }
      }
    } finally {
      await this.close();
    }
  }

  private async read(after: LogPosition, maxCount: number): Promise<RecordedEvent[]> {
    for (let failures = 1; ; failures += 1) {
      try {
        return await this.source.readAll({ after, maxCount, filter: this.options.filter });
      } catch (error) {
        if (this.closed) return [];
        if (failures >= this.source.maxConsecutiveFailures) throw error;
        const backoff = Math.min(this.source.pollIntervalMs * 2 ** failures, MAX_BACKOFF_MS);
        await this.sleep(new Promise((resolve) => setTimeout(resolve, backoff).unref()));
      }
    }
  }

  private sleep(until: Promise<unknown>): Promise<unknown> {
    return Promise.race([until, this.closedSignal]);
  }
}

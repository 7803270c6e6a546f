import {
  AllStreamResolvedEvent,
  AllStreamSubscription,
  EventStoreDBClient,
} from '@eventstore/db-client';
import {
  LogPosition,
  LogSubscription,
  RecordedEvent,
  SubscribeOptions,
  compareLogPositions,
} from '../event-store.port';
import { fromPosition, passes, toEsdbFilter, toRecordedEvent } from './eventstoredb-events';

export interface ResubscribePolicy {
  resubscribeDelayMs: number;
  maxConsecutiveFailures: number;
}

const DEFAULT_BATCH_SIZE = 500;
const MAX_BACKOFF_MS = 5000;

/**
 * A catch-up subscription to $all handed over in batches: whatever arrived while the consumer
 * was busy, up to `batchSize`. The server pushes; the queue pauses it when the consumer lags.
 * On an error it resubscribes from the last delivered position (events queued before the error
 * are delivered first), so nothing is skipped and, with the position guard, nothing repeats.
 */
export class EventStoreDbLogSubscription implements LogSubscription {
  private closed = false;
  private current: AllStreamSubscription | undefined;
  private queue: RecordedEvent[] = [];
  private failure: unknown;
  private lastQueued: LogPosition | undefined;
  private wakeConsumer: (() => void) | undefined;
  private readonly batchSize: number;

  constructor(
    private readonly client: EventStoreDBClient,
    private readonly options: SubscribeOptions,
    private readonly policy: ResubscribePolicy,
    private readonly onClose: (subscription: EventStoreDbLogSubscription) => void,
  ) {
    this.batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  }

  [Symbol.asyncIterator](): AsyncIterator<RecordedEvent[]> {
    return this.feed();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.wake();
    this.onClose(this);
    await this.detach();
  }

  private async *feed(): AsyncGenerator<RecordedEvent[]> {
    let after = this.options.after;
    try {
      for (let failures = 0; !this.closed;) {
        this.open(after);
        for (;;) {
          await this.work();
          if (this.closed) return;
          if (this.queue.length === 0) break; // failed, and everything before it is delivered
          const batch = this.queue.splice(0, this.batchSize);
          if (this.queue.length < this.batchSize) this.current?.resume();
          after = batch[batch.length - 1].position;
          failures = 0;
          yield batch;
        }
        failures += 1;
        if (failures >= this.policy.maxConsecutiveFailures) throw this.failure;
        await this.backoff(failures);
      }
    } finally {
      await this.close();
    }
  }

  private open(after: LogPosition | undefined): void {
    void this.detach();
    this.failure = undefined;
    this.lastQueued = after;
    const subscription = this.client.subscribeToAll({
      fromPosition: fromPosition(after),
      filter: toEsdbFilter(this.options.filter),
    });
    subscription.on('data', (resolved: AllStreamResolvedEvent) => this.received(resolved));
    subscription.on('error', (error: Error) => this.failed(error));
    subscription.on('end', () => this.failed(new Error('EventStoreDB subscription ended')));
    this.current = subscription;
  }

  private received(resolved: AllStreamResolvedEvent): void {
    const event = toRecordedEvent(resolved);
    if (!event || !passes(event, this.options.filter)) return;
    // The server starts after `fromPosition`; the guard keeps that true across resubscriptions.
    if (this.lastQueued && compareLogPositions(event.position, this.lastQueued) <= 0) return;
    this.lastQueued = event.position;
    this.queue.push(event);
    if (this.queue.length >= this.batchSize * 4) this.current?.pause();
    this.wake();
  }

  private failed(error: Error): void {
    if (this.closed) return;
    this.failure ??= error;
    this.wake();
  }

  /** Until there is a batch to hand over, a failure, or close. */
  private work(): Promise<void> {
    if (this.closed || this.queue.length > 0 || this.failure !== undefined)
      return Promise.resolve();
    return new Promise((resolve) => (this.wakeConsumer = resolve));
  }

  private wake(): void {
    const wake = this.wakeConsumer;
    this.wakeConsumer = undefined;
    wake?.();
  }

  private async backoff(failures: number): Promise<void> {
    const delay = Math.min(this.policy.resubscribeDelayMs * 2 ** (failures - 1), MAX_BACKOFF_MS);
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, delay);
      this.wakeConsumer = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  private async detach(): Promise<void> {
    const subscription = this.current;
    this.current = undefined;
    if (!subscription) return;
    for (const name of ['data', 'end', 'error']) subscription.removeAllListeners(name);
    subscription.on('error', () => undefined); // late errors of a dropped subscription
    await subscription.unsubscribe().catch(() => undefined);
  }
}

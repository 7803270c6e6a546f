import { setTimeout as sleep } from 'node:timers/promises';
import { Logger } from '@nestjs/common';
import { EventRegistry } from '../aggregates/event-registry';
import {
  EventFilter,
  EventStore,
  LogPosition,
  LogSubscription,
  RecordedEvent,
} from '../event-store.port';
import { CheckpointMoved, Checkpoints } from './checkpoints';
import { envelope, EventEnvelope, matchesFilter } from './event-envelope';
import { SubscriptionLocks } from './subscription-locks';
import { SubscriptionProgress } from './subscription-progress';

/**
 * Applies one batch and moves the checkpoint from `from` to `to`, or throws CheckpointMoved.
 * With `store` false it leaves the checkpoint at `from` (a later batch moves it from there).
 */
export interface BatchHandler {
  readonly name: string;
  readonly filter?: EventFilter;
  readonly batchSize: number;
  /** Write endpoints wait for it: it runs on API instances (the SUBSCRIPTIONS setting). */
  readonly awaitedByWrites: boolean;
  /**
   * 0: the checkpoint moves with every batch. Otherwise batches within this many ms of the last
   * stored move are handled with `store` false, and the checkpoint catches up with the next
   * batch after that, when the log goes quiet that long, or when the runner stops: after a
   * crash, up to this much is handled again.
   */
  readonly checkpointEveryMs: number;
  handle(
    wanted: EventEnvelope[],
    from: LogPosition,
    to: LogPosition,
    store: boolean,
  ): Promise<void>;
}

export interface RunnerContext {
  store: EventStore;
  registry: EventRegistry;
  checkpoints: Checkpoints;
  locks: SubscriptionLocks;
  progress: SubscriptionProgress;
}

export interface RunnerTimings {
  /** How often a standby runner asks for the lock again (and refreshes the position it reports). */
  lockRetryMs: number;
  /** The first pause after a failed batch; it doubles per failure in a row up to maxBackoffMs. */
  backoffMs: number;
  maxBackoffMs: number;
  /** A batch with nothing wanted still stores the checkpoint this often, so restarts rescan little. */
  idleCheckpointMs: number;
}

export const DEFAULT_TIMINGS: RunnerTimings = {
  lockRetryMs: 500,
  backoffMs: 250,
  maxBackoffMs: 30_000,
  idleCheckpointMs: 5_000,
};

export type RunnerState = 'starting' | 'standby' | 'active' | 'failing' | 'stopped';

/**
 * Runs one named subscription: takes its lock, follows the log from the stored checkpoint and
 * hands each batch to its handler. The runner reads every event and filters itself, so its
 * position passes events it does not want too (read-your-writes and lag depend on that).
 * On an error it logs, backs off and resumes from the stored checkpoint: nothing is skipped.
 */
export class SubscriptionRunner {
  state: RunnerState = 'starting';
  private stopping = false;
  private loop: Promise<void> | undefined;
  private subscription: LogSubscription | undefined;
  private restartRequested = false;
  private readonly pauses = new AbortController();
  private readonly logger: Logger;

  constructor(
    readonly handler: BatchHandler,
    private readonly context: RunnerContext,
    private readonly timings: RunnerTimings = DEFAULT_TIMINGS,
  ) {
    this.logger = new Logger(`Subscription ${handler.name}`);
  }

  get name(): string {
    return this.handler.name;
  }

  start(): void {
    this.loop ??= this.run();
  }

  /** Lets the current batch finish, then stops following the log and releases the lock. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.pauses.abort();
    await this.subscription?.close();
    await this.loop;
    this.state = 'stopped';
  }

  /** Drop the current feed and resume from the stored checkpoint (a rebuild moved it). */
  async restartFromCheckpoint(): Promise<void> {
    this.restartRequested = true;
    await this.subscription?.close();
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (!this.stopping) {
      try {
        if (await this.context.locks.tryAcquire(this.name)) {
          this.state = 'active';
          const batches = await this.follow();
          failures = 0;
          // A feed that ended by itself (lock lost, store closing) is not retried in a tight loop.
          if (batches === 0 && !this.restartRequested) await this.pause(this.timings.lockRetryMs);
          this.restartRequested = false;
        } else {
          this.state = 'standby';
          await this.reportStoredPosition();
          await this.pause(this.timings.lockRetryMs);
        }
      } catch (error) {
        if (error instanceof CheckpointMoved) continue;
        failures += 1;
        this.state = 'failing';
        const delay = Math.min(
          this.timings.backoffMs * 2 ** (failures - 1),
          this.timings.maxBackoffMs,
        );
        this.logger.error(
          `Failed (${failures} in a row), retrying from the checkpoint in ${delay} ms: ${describe(error)}`,
        );
        await this.pause(delay);
      }
    }
    await this.context.locks.release(this.name).catch(() => undefined);
  }

  /** Follows the log until the feed ends; answers how many batches it handled. */
  private async follow(): Promise<number> {
    const { store, checkpoints, locks, progress } = this.context;
    let stored = (await checkpoints.load(this.name)).position;
    /** When the checkpoint was last stored (never, by this run: the first batch stores it). */
    let storedAt = 0;
    progress.report(this.name, stored);
    const subscription = store.subscribeToAll({ after: stored, batchSize: this.handler.batchSize });
    this.subscription = subscription;
    if (this.stopping) await subscription.close();
    const forgetLock = locks.onLost(() => void subscription.close());
    let batches = 0;
    /** Handled, not yet stored (a handler that stores its checkpoint lazily). */
    let handled: LogPosition | undefined;
    const markStored = (to: LogPosition): void => {
      stored = to;
      storedAt = Date.now();
      handled = undefined;
    };
    const storeHandled = async (to: LogPosition): Promise<void> => {
      await this.handler.handle([], stored, to, true);
      markStored(to);
    };
    const feed = subscription[Symbol.asyncIterator]();
    try {
      for (;;) {
        const next = feed.next();
        let result = await (handled === undefined
          ? next
          : orNothingWithin(next, storedAt + this.handler.checkpointEveryMs - Date.now()));
        if (result === undefined) {
          // The log went quiet with handled events unstored: store them now.
          await storeHandled(handled as LogPosition);
          result = await next;
        }
        if (result.done) break;
        const batch = result.value;
        batches += 1;
        const to = batch[batch.length - 1].position;
        const wanted = this.wanted(batch);
        const sinceStored = Date.now() - storedAt;
        const storing =
          wanted.length > 0
            ? sinceStored >= this.handler.checkpointEveryMs
            : sinceStored > this.timings.idleCheckpointMs;
        if (wanted.length > 0 || storing) {
          await this.handler.handle(wanted, stored, to, storing);
          if (storing) markStored(to);
          else handled = to;
        }
        progress.report(this.name, to);
        if (this.stopping) break;
      }
      return batches;
    } finally {
      forgetLock();
      this.subscription = undefined;
      await subscription.close();
      // Stopping: what was handled is stored (unless another runner has moved on meanwhile).
      if (handled !== undefined) await storeHandled(handled).catch(() => undefined);
    }
  }

  private wanted(batch: RecordedEvent[]): EventEnvelope[] {
    return batch
      .filter((event) => matchesFilter(this.handler.filter, event))
      .map((event) => envelope(this.context.registry, event));
  }

  private async reportStoredPosition(): Promise<void> {
    const { position } = await this.context.checkpoints.load(this.name);
    this.context.progress.report(this.name, position);
  }

  /** A sleep that stop() cuts short. */
  private async pause(ms: number): Promise<void> {
    await sleep(ms, undefined, { signal: this.pauses.signal }).catch(() => undefined);
  }
}

/** `promise`'s value, or undefined when it has not settled within `ms` (it keeps running). */
async function orNothingWithin<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const nothing = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), Math.max(0, ms));
  });
  try {
    return await Promise.race([promise, nothing]);
  } finally {
    clearTimeout(timer);
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

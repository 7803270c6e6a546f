import {
  compareLogPositions,
  EventFilter,
  LogPosition,
  ReadAllOptions,
  RecordedEvent,
} from '../event-store.port';
import { matchesFilter } from '../subscriptions/event-envelope';
import { FeedPage } from './postgres-log-subscription';
import { StopSignal, WakeSignal } from './wake-signal';

/** One read of the newest settled events: each with its stored size, and the held-back flag. */
export interface TailPage {
  events: Array<{ event: RecordedEvent; bytes: number }>;
  heldBack: boolean;
}

export interface TailSource {
  /** The settled events after `after`, in log order, and whether newer ones are held back. */
  readTail(after: LogPosition, maxCount: number): Promise<TailPage>;
  headPosition(): Promise<LogPosition>;
  /** Appends in this process and NOTIFYs from others. */
  readonly wake: WakeSignal;
  readonly pollIntervalMs: number;
}

export interface LogTailOptions {
  /** Events per read of the log (default 1000). */
  batchSize?: number;
  /** The most events kept for subscriptions that lag (default 10,000); the oldest go first. */
  maxEvents?: number;
  /** The most stored bytes kept (default 16 MB), so a run of large payloads cannot pile up. */
  maxBytes?: number;
}

const HELD_BACK_RETRY_MS = 5;
const MAX_BACKOFF_MS = 5000;

/**
 * The newest part of the log, read once for every subscription of the store instead of once per
 * subscription: one reader follows the log (woken like a subscription) and keeps the events it
 * read, and a subscription whose position lies inside what it keeps is served from memory.
 *
 * Why this is exact: the kept events are every settled event in (first, end], because the settled
 * part of the log only grows at its end — an event settling later belongs to a transaction that
 * was still running, whose id is at or above the horizon every kept event is below. So a slice
 * after any position in [first, end] is what the subscription's own query would have returned.
 * Outside that range, or while the reader is failing, subscriptions read the database themselves.
 * Kept events are shared by every subscription: treat them as read-only.
 *
 * What every subscription it serves has read is let go at the next read of the log (the limits
 * only bound what a lagging one holds back): kept for the last 10,000 events, the events and the
 * envelopes made from them were most of what each full garbage collection had to mark (at 1,000
 * sends/s, 67–83 MB live after one then, 55–57 MB now), and marking stalls every send in flight.
 */
export class LogTail {
  /** Signalled whenever kept events grow; subscriptions served from here sleep on it. */
  readonly grown = new WakeSignal();
  private readonly batchSize: number;
  private readonly maxEvents: number;
  private readonly maxBytes: number;
  /** Every settled event in (first, end], in log order. */
  private events: RecordedEvent[] = [];
  private sizes: number[] = [];
  private bytes = 0;
  private first: LogPosition | undefined;
  private end: LogPosition | undefined;
  private heldBack = false;
  private healthy = false;
  /** Where each subscription served from here has read up to (its last page not included). */
  private readonly readers = new Map<object, LogPosition>();
  private loop: Promise<void> | undefined;
  private readonly stopping = new StopSignal();

  constructor(
    private readonly source: TailSource,
    options: LogTailOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 1000;
    this.maxEvents = options.maxEvents ?? 10_000;
    this.maxBytes = options.maxBytes ?? 16 * 1024 * 1024;
  }

  /** Starts following the log from its head (idempotent). */
  start(): void {
    if (this.stopping.isStopped) return;
    this.loop ??= this.follow();
  }

  async stop(): Promise<void> {
    this.healthy = false;
    this.stopping.stop();
    this.grown.notify();
    await this.loop;
  }

  /**
   * The page `reader` at `after` would read, from memory; undefined when the kept range does not
   * cover `after` (or the reader is not healthy), so the caller reads the database.
   */
  serve(options: ReadAllOptions, reader: object): FeedPage | undefined {
    const after = options.after;
    if (!this.healthy || after === undefined || !this.covers(after)) return;
    this.readers.set(reader, after);
    const events = this.slice(this.firstAfter(after), options.maxCount, options.filter);
    return { events, heldBack: events.length < options.maxCount && this.heldBack };
  }

  /** How many events are kept now. */
  get size(): number {
    return this.events.length;
  }

  /** `reader` reads no more (its subscription closed): it holds nothing back. */
  forget(reader: object): void {
    this.readers.delete(reader);
  }

  private covers(position: LogPosition): boolean {
    const { first, end } = this;
    if (first === undefined || end === undefined) return false;
    return compareLogPositions(position, first) >= 0 && compareLogPositions(position, end) <= 0;
  }

  private slice(from: number, maxCount: number, filter: EventFilter | undefined): RecordedEvent[] {
    if (filter === undefined) return this.events.slice(from, from + maxCount);
    const found: RecordedEvent[] = [];
    for (let i = from; i < this.events.length && found.length < maxCount; i++) {
      if (matchesFilter(filter, this.events[i])) found.push(this.events[i]);
    }
    return found;
  }

  /** The index of the first kept event after `position` (binary search; kept in log order). */
  private firstAfter(position: LogPosition): number {
    let low = 0;
    let high = this.events.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (compareLogPositions(this.events[middle].position, position) <= 0) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  private async follow(): Promise<void> {
    let failures = 0;
    let retry = 0;
    while (!this.stopping.isStopped) {
      const seen = this.source.wake.current;
      let page: TailPage;
      try {
        if (this.end === undefined) this.begin(await this.source.headPosition());
        page = await this.source.readTail(this.end as LogPosition, this.batchSize);
        failures = 0;
      } catch {
        // Subscriptions read the database themselves until the reader reads again.
        this.healthy = false;
        failures += 1;
        await this.pause(Math.min(this.source.pollIntervalMs * 2 ** failures, MAX_BACKOFF_MS));
        continue;
      }
      this.keep(page);
      if (page.events.length === this.batchSize) continue;
      retry = page.heldBack ? Math.min(Math.max(retry * 2, HELD_BACK_RETRY_MS), this.pollMs) : 0;
      await this.pause(this.source.wake.wait(seen, page.heldBack ? retry : this.pollMs));
    }
  }

  private get pollMs(): number {
    return this.source.pollIntervalMs;
  }

  private begin(head: LogPosition): void {
    this.first = head;
    this.end = head;
  }

  private keep(page: TailPage): void {
    for (const { event, bytes } of page.events) {
      this.events.push(event);
      this.sizes.push(bytes);
      this.bytes += bytes;
    }
    if (page.events.length > 0) this.end = this.events[this.events.length - 1].position;
    this.heldBack = page.heldBack;
    this.healthy = true;
    this.trim();
    if (page.events.length > 0) this.grown.notify();
  }

  /**
   * Drops the events every subscription served from here has read, and past a limit the oldest
   * down to nine tenths of it (dropping the few events each read added beyond it shifted the
   * whole array on every read); the range then starts at the last one dropped.
   */
  private trim(): void {
    const keepEvents =
      this.events.length > this.maxEvents ? Math.floor(this.maxEvents * 0.9) : Infinity;
    const keepBytes = this.bytes > this.maxBytes ? this.maxBytes * 0.9 : Infinity;
    let drop = this.readByAll();
    let bytes = this.bytes;
    for (let i = 0; i < drop; i++) bytes -= this.sizes[i];
    while (
      drop < this.events.length &&
      (this.events.length - drop > keepEvents || bytes > keepBytes)
    ) {
      bytes -= this.sizes[drop];
      drop += 1;
    }
    if (drop === 0) return;
    this.first = this.events[drop - 1].position;
    this.events.splice(0, drop);
    this.sizes.splice(0, drop);
    this.bytes = bytes;
  }

  /**
   * How many of the oldest kept events every reader inside the kept range has read (none when no
   * reader is inside it: those catching up from the database may yet reach it). Readers outside
   * it are forgotten here; they are served, and counted, again once back inside.
   */
  private readByAll(): number {
    let slowest: LogPosition | undefined;
    for (const [reader, at] of this.readers) {
      if (!this.covers(at)) {
        this.readers.delete(reader);
        continue;
      }
      if (slowest === undefined || compareLogPositions(at, slowest) < 0) slowest = at;
    }
    return slowest === undefined ? 0 : this.firstAfter(slowest);
  }

  private async pause(until: Promise<unknown> | number): Promise<void> {
    const wait =
      typeof until === 'number'
        ? new Promise((resolve) => setTimeout(resolve, until).unref())
        : until;
    await this.stopping.sleep(wait);
  }
}

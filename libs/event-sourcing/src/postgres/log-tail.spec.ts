import { LOG_START, LogPosition, RecordedEvent } from '../event-store.port';
import { LogTail, TailPage, TailSource } from './log-tail';
import { WakeSignal } from './wake-signal';

function at(n: number): LogPosition {
  return { commit: BigInt(n), prepare: BigInt(n) };
}

function recorded(n: number): RecordedEvent {
  return {
    id: `event-${n}`,
    type: 'Tailed',
    data: { n },
    metadata: {},
    streamId: `tailed-${n}`,
    revision: 0n,
    position: at(n),
    created: new Date(),
  };
}

/** A log the test appends to; the tail reads it as it would read the database. */
class ScriptedLog implements TailSource {
  readonly wake = new WakeSignal();
  readonly pollIntervalMs = 1000;
  private readonly events: RecordedEvent[] = [];

  append(count: number): void {
    const from = this.events.length + 1;
    for (let n = from; n < from + count; n++) this.events.push(recorded(n));
    this.wake.notify();
  }

  async readTail(after: LogPosition, maxCount: number): Promise<TailPage> {
    const events = this.events
      .filter((event) => event.position.prepare > after.prepare)
      .slice(0, maxCount)
      .map((event) => ({ event, bytes: 100 }));
    return { events, heldBack: false };
  }

  async headPosition(): Promise<LogPosition> {
    return LOG_START;
  }
}

describe('LogTail', () => {
  let log: ScriptedLog;
  let tail: LogTail;

  beforeEach(() => {
    log = new ScriptedLog();
    tail = new LogTail(log, { maxEvents: 100 });
    tail.start();
  });
  afterEach(() => tail.stop());

  /** Appends `count` events and waits until the tail has read them. */
  async function appended(count: number): Promise<void> {
    const seen = tail.grown.current;
    log.append(count);
    await tail.grown.wait(seen, 1000);
  }

  const read = (reader: object, after: number) =>
    tail.serve({ after: at(after), maxCount: 1000 }, reader)?.events.map((e) => e.data.n);

  it('lets go of what every reader it serves has read, at its next read of the log', async () => {
    const fast = {};
    const slow = {};
    await appended(10);
    expect(read(fast, 0)).toHaveLength(10);
    expect(read(slow, 0)).toHaveLength(10);
    // Given the fast reader has read all ten and the slow one five
    expect(read(fast, 10)).toEqual([]);
    expect(read(slow, 5)).toEqual([6, 7, 8, 9, 10]);
    // When the log grows, the five both have read go
    await appended(2);
    expect(tail.size).toBe(7);
    expect(read(slow, 5)).toEqual([6, 7, 8, 9, 10, 11, 12]);
    expect(read(fast, 4)).toBeUndefined(); // no longer kept: that reader reads the database
    // And once the slow one has read everything, nothing is kept for anyone
    expect(read(slow, 12)).toEqual([]);
    expect(read(fast, 12)).toEqual([]);
    await appended(1);
    expect(tail.size).toBe(1);
  });

  it('holds nothing back for a reader that was forgotten or fell behind what it keeps', async () => {
    const gone = {};
    const current = {};
    await appended(5);
    read(gone, 0);
    read(current, 5);
    tail.forget(gone);
    await appended(1);
    expect(tail.size).toBe(1);
    expect(read(current, 5)).toEqual([6]);
  });

  it('keeps what nobody read yet, up to its limit', async () => {
    await appended(50);
    expect(tail.size).toBe(50);
    await appended(60);
    // Past 100 it drops the oldest down to nine tenths of the limit
    expect(tail.size).toBe(90);
    expect(read({}, 20)).toEqual(Array.from({ length: 90 }, (_, i) => 21 + i));
    expect(read({}, 19)).toBeUndefined();
  });
});

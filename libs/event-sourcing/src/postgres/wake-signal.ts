/**
 * Wakes waiting subscribers: an append in this process, a NOTIFY from another one, or close.
 * A generation counter closes the gap between "read found nothing" and "start waiting": a waiter
 * that saw an older generation returns at once instead of sleeping through the wake-up.
 */
export class WakeSignal {
  private generation = 0;
  private readonly waiters = new Set<() => void>();

  get current(): number {
    return this.generation;
  }

  notify(): void {
    this.generation += 1;
    const waiters = [...this.waiters];
    this.waiters.clear();
    for (const wake of waiters) wake();
  }

  /** Resolves on the next notify after `seen`, or after `timeoutMs` at the latest. */
  wait(seen: number, timeoutMs: number): Promise<void> {
    if (this.generation !== seen) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      timer.unref();
      this.waiters.add(done);
    });
  }
}

/**
 * Sleeps that a stop cuts short. A race of each sleep against one long-lived "stopped" promise
 * leaks: the pending promise keeps a reaction for every race until it settles, so a subscription
 * that sleeps between reads piled one up per read for as long as it ran (megabytes a minute at a
 * thousand sends a second, all of it copied by the garbage collector). Here every sleep races a
 * promise of its own, forgotten when the sleep ends.
 */
export class StopSignal {
  private stopped = false;
  private readonly sleepers = new Set<() => void>();

  get isStopped(): boolean {
    return this.stopped;
  }

  /** Ends every sleep now and every later one at once. */
  stop(): void {
    this.stopped = true;
    for (const wake of this.sleepers) wake();
    this.sleepers.clear();
  }

  /** Resolves when `until` does, or at the stop, whichever comes first (rejects with `until`). */
  async sleep(until: Promise<unknown>): Promise<void> {
    if (this.stopped) return;
    let wake: () => void = () => undefined;
    const stopped = new Promise<void>((resolve) => (wake = resolve));
    this.sleepers.add(wake);
    try {
      await Promise.race([until, stopped]);
    } finally {
      this.sleepers.delete(wake);
    }
  }

  /** Sleepers waiting now (for tests). */
  get sleeping(): number {
    return this.sleepers.size;
  }
}

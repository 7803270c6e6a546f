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

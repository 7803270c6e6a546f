/**
 * The names of the event store's prepared statements, which carry the log's size class.
 *
 * A named statement is parsed and planned once per connection and then reused (the pools run
 * `plan_cache_mode=force_generic_plan`): no planning per call, which was a third of the
 * server's CPU at 1,000 sends/s. But a plan suits the size the log had when it was made: made
 * while `events` and `streams` were a few pages long, it scans them sequentially, and a cached
 * plan would keep doing so as the log grows. So each name ends in the log's size class — the
 * highest position this process has seen, rounded down to a power of two — and a connection
 * plans each statement again once the log has doubled: a plan is never used on a log more
 * than twice the size it was made for, and from a few hundred events on the plans are index
 * scans (test/event-sourcing/statement-plans.int-spec.ts).
 */
export class StatementNames {
  private sizeClass = 0;
  private nextClassAt = 2n;

  /** A position of the log this process saw (appended, or read in the log's order). */
  seen(position: bigint): void {
    if (position < this.nextClassAt) return;
    this.sizeClass = position.toString(2).length - 1;
    this.nextClassAt = 1n << BigInt(this.sizeClass + 1);
  }

  name(statement: string): string {
    return `${statement}_${this.sizeClass}`;
  }
}

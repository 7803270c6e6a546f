import { Pool } from 'pg';

/** Spacing of NOTIFYs under load: listeners learn of appends at most this much later. */
const MIN_INTERVAL_MS = 5;

/**
 * Tells other processes about appends with a NOTIFY sent after the append committed, not inside
 * it: a NOTIFY holds a cluster-wide lock through its transaction's commit, which would queue every
 * appending transaction behind the one before. One NOTIFY is in flight at a time and they are
 * spaced by a few ms; appends that commit meanwhile share the next one, so under load the cost
 * per append is small. If the process dies between commit and NOTIFY, the poll finds the events.
 */
export class AppendNotifier {
  private inFlight: Promise<void> | undefined;
  private pending = false;
  private latest = 0n;
  private lastSent = 0;

  /** `source` starts the payload, so this process's listener can tell its own appends. */
  constructor(
    private readonly pool: Pool,
    private readonly channel: string,
    private readonly source = '',
  ) {}

  /** `position`: the global position of the newest appended event, in the NOTIFY payload. */
  appended(position: bigint): void {
    if (position > this.latest) this.latest = position;
    this.pending = true;
    this.inFlight ??= this.send();
  }

  /** Waits for the NOTIFY in flight, so the pool can be ended after the store closes. */
  async drain(): Promise<void> {
    while (this.inFlight) await this.inFlight;
  }

  private async send(): Promise<void> {
    while (this.pending) {
      const wait = this.lastSent + MIN_INTERVAL_MS - Date.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      this.pending = false;
      this.lastSent = Date.now();
      await this.pool
        .query('SELECT pg_notify($1, $2)', [this.channel, `${this.source}${this.latest}`])
        .catch(() => undefined); // a lost wake-up costs one poll interval, never an event
    }
    this.inFlight = undefined;
  }
}

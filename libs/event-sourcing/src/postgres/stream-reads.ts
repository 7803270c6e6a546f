import { RecordedEvent } from '../event-store.port';
import {
  EventRow,
  readStreamQuery,
  readStreamsQuery,
  SqlQuery,
  toRecordedEvent,
} from './postgres-event-rows';

/** A forward read of one stream: from a revision (inclusive), at most `maxCount` events. */
export interface StreamRead {
  streamId: string;
  fromRevision: bigint;
  maxCount: number | undefined;
}

interface Pending extends StreamRead {
  resolve(events: RecordedEvent[]): void;
  reject(error: unknown): void;
}

/** Most streams read by one statement. */
const MAX_PER_STATEMENT = 200;

/**
 * Forward stream reads asked for in the same turn of the event loop — by one request folding a
 * number and a consent stream, by concurrent requests, by a dispatcher checking a batch — go to
 * the database as one statement instead of one round trip each. Each read still sees the log as
 * of a moment after it was asked, as a read of its own would.
 */
export class StreamReads {
  private pending: Pending[] = [];

  constructor(private readonly run: <R extends object>(query: SqlQuery) => Promise<R[]>) {}

  read(request: StreamRead): Promise<RecordedEvent[]> {
    return new Promise((resolve, reject) => {
      if (this.pending.length === 0) setImmediate(() => this.flush());
      this.pending.push({ ...request, resolve, reject });
    });
  }

  private flush(): void {
    const all = this.pending;
    this.pending = [];
    for (let i = 0; i < all.length; i += MAX_PER_STATEMENT) {
      void this.readTogether(all.slice(i, i + MAX_PER_STATEMENT));
    }
  }

  private async readTogether(reads: Pending[]): Promise<void> {
    try {
      if (reads.length === 1) {
        const [{ streamId, fromRevision, maxCount }] = reads;
        const rows = await this.run<EventRow>(
          readStreamQuery(streamId, { fromRevision, maxCount }),
        );
        reads[0].resolve(rows.map(toRecordedEvent));
        return;
      }
      const rows = await this.run<EventRow & { read: number }>(readStreamsQuery(reads));
      const found: RecordedEvent[][] = reads.map(() => []);
      for (const row of rows) found[row.read - 1].push(toRecordedEvent(row));
      reads.forEach((read, i) => read.resolve(found[i]));
    } catch (error) {
      for (const read of reads) read.reject(error);
    }
  }
}

import { BatchedLookup } from '@blocx/platform';
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

type Run = <R extends object>(query: SqlQuery) => Promise<R[]>;

/**
 * Forward stream reads asked for in the same turn of the event loop — by one request folding a
 * number and a consent stream, by concurrent requests, by a dispatcher checking a batch — go to
 * the database as one statement instead of one round trip each; a stream asked for twice (every
 * send of a number folds its stream) is read once. Callers share those events: they only read them.
 */
export class StreamReads {
  private readonly lookup: BatchedLookup<StreamRead, RecordedEvent[]>;

  constructor(run: Run, prepared: boolean) {
    this.lookup = new BatchedLookup(
      (reads) => readTogether(run, reads, prepared),
      200,
      ({ streamId, fromRevision, maxCount }) => `${streamId} ${fromRevision} ${maxCount ?? ''}`,
    );
  }

  read(request: StreamRead): Promise<RecordedEvent[]> {
    return this.lookup.ask(request);
  }
}

async function readTogether(
  run: Run,
  reads: StreamRead[],
  prepared: boolean,
): Promise<RecordedEvent[][]> {
  if (reads.length === 1) {
    const [{ streamId, fromRevision, maxCount }] = reads;
    const rows = await run<EventRow>(
      readStreamQuery(streamId, { fromRevision, maxCount }, prepared),
    );
    return [rows.map(toRecordedEvent)];
  }
  const rows = await run<EventRow & { read: number }>(readStreamsQuery(reads, prepared));
  const found: RecordedEvent[][] = reads.map(() => []);
  for (const row of rows) found[row.read - 1].push(toRecordedEvent(row));
  return found;
}

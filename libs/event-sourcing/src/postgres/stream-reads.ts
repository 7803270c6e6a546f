import { BatchedLookup } from '@blocx/platform';
import { RecordedEvent } from '../event-store.port';
import {
  EventRow,
  readStreamQuery,
  readStreamsQuery,
  SqlQuery,
  toRecordedEvent,
} from './postgres-event-rows';
import { StatementNames } from './statement-names';

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

  constructor(run: Run, names: StatementNames | undefined) {
    this.lookup = new BatchedLookup(
      (reads) => readTogether(run, reads, names),
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
  names: StatementNames | undefined,
): Promise<RecordedEvent[][]> {
  if (reads.length === 1) {
    const [{ streamId, fromRevision, maxCount }] = reads;
    const rows = await run<EventRow>(readStreamQuery(streamId, { fromRevision, maxCount }, names));
    return [rows.map(toRecordedEvent)];
  }
  const rows = await run<EventRow & { read: number }>(readStreamsQuery(reads, names));
  const found: RecordedEvent[][] = reads.map(() => []);
  for (const row of rows) found[row.read - 1].push(toRecordedEvent(row));
  return found;
}

import {
  EventData,
  EventFilter,
  EventMetadata,
  LogPosition,
  ReadStreamOptions,
  RecordedEvent,
} from '../event-store.port';
import { StatementNames } from './statement-names';

/** The channel `append_to_stream` notifies with the global position of the last appended event. */
export const EVENTS_CHANNEL = 'blocx_events';

/** SQLSTATE that `append_to_stream` raises on a wrong expected revision; detail = current (-1: none). */
export const WRONG_EXPECTED_REVISION_SQLSTATE = 'ES409';

export interface EventRow {
  commit: string;
  prepare: string;
  stream_id: string;
  stream_position: string;
  event_id: string;
  event_type: string;
  data: EventData;
  metadata: EventMetadata;
  created: Date;
}

export interface PositionRow {
  commit: string;
  prepare: string;
}

const COLUMNS = `transaction_id::text AS commit, global_position AS prepare, stream_id,
  stream_position, event_id, event_type, data, metadata, created`;

/** Only transactions that can no longer commit before an already visible event. */
const SETTLED = 'transaction_id < (SELECT pg_snapshot_xmin(pg_current_snapshot()))';
const NOT_SYSTEM = "left(event_type, 1) <> '$'";

export function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    id: row.event_id,
    type: row.event_type,
    data: row.data,
    metadata: row.metadata,
    streamId: row.stream_id,
    revision: BigInt(row.stream_position),
    position: toPosition(row),
    created: row.created,
  };
}

export function toPosition(row: PositionRow): LogPosition {
  return { commit: BigInt(row.commit), prepare: BigInt(row.prepare) };
}

export interface SqlQuery {
  /** Set: a prepared statement, parsed and planned once per connection. */
  name?: string;
  text: string;
  values: unknown[];
}

/** `names`: as a named statement (never on PGlite, whose connections share one session). */
export function readStreamQuery(
  streamId: string,
  options: ReadStreamOptions,
  names?: StatementNames,
): SqlQuery {
  const limit = options.maxCount ?? null;
  if (options.direction === 'backwards') {
    const upTo = options.fromRevision === undefined ? '' : 'AND stream_position <= $3';
    return {
      name: names?.name(`blocx_read_stream_back${upTo ? '_from' : ''}`),
      text: `SELECT ${COLUMNS} FROM events WHERE stream_id = $1 ${upTo}
        ORDER BY stream_position DESC LIMIT $2`,
      values: [streamId, limit, ...optional(options.fromRevision)],
    };
  }
  return {
    name: names?.name('blocx_read_stream'),
    text: `SELECT ${COLUMNS} FROM events WHERE stream_id = $1 AND stream_position >= $3
      ORDER BY stream_position LIMIT $2`,
    values: [streamId, limit, (options.fromRevision ?? 0n).toString()],
  };
}

/**
 * Several forward stream reads in one statement; each row says which read (1-based) it answers.
 * A null max count reads to the end of the stream.
 */
export function readStreamsQuery(
  reads: Array<{ streamId: string; fromRevision: bigint; maxCount: number | undefined }>,
  names?: StatementNames,
): SqlQuery {
  return {
    name: names?.name('blocx_read_streams'),
    text: `SELECT wanted.read::int AS read, found.* FROM unnest($1::text[], $2::bigint[], $3::bigint[])
        WITH ORDINALITY AS wanted(wanted_stream, from_revision, max_count, read)
      CROSS JOIN LATERAL (SELECT ${COLUMNS} FROM events
        WHERE stream_id = wanted.wanted_stream AND stream_position >= wanted.from_revision
        ORDER BY stream_position LIMIT wanted.max_count) found
      ORDER BY wanted.read, found.stream_position`,
    values: [
      reads.map((read) => read.streamId),
      reads.map((read) => read.fromRevision.toString()),
      reads.map((read) => read.maxCount ?? null),
    ],
  };
}

export function readAllQuery(after: LogPosition, maxCount: number, filter?: EventFilter): SqlQuery {
  const values: unknown[] = [after.commit.toString(), after.prepare.toString(), maxCount];
  return {
    text: `SELECT ${COLUMNS} FROM events
      WHERE (transaction_id, global_position) > ($1::xid8, $2::bigint)
        AND ${SETTLED} AND ${NOT_SYSTEM} ${filterCondition(filter, values)}
      ORDER BY transaction_id, global_position LIMIT $3`,
    values,
  };
}

/**
 * Whether committed events after `after` wait for an older transaction to end. Asked as "the
 * first such event in index order": an EXISTS gets a sequential scan of the whole log (the
 * planner expects a third of it above the horizon, and usually none is).
 */
export function heldBackQuery(after: LogPosition, filter?: EventFilter): SqlQuery {
  const values: unknown[] = [after.commit.toString(), after.prepare.toString()];
  return {
    text: `SELECT (SELECT transaction_id FROM events
      WHERE transaction_id >= (SELECT pg_snapshot_xmin(pg_current_snapshot()))
        AND (transaction_id, global_position) > ($1::xid8, $2::bigint)
        AND ${NOT_SYSTEM} ${filterCondition(filter, values)}
      ORDER BY transaction_id LIMIT 1) IS NOT NULL AS held_back`,
    values,
  };
}

/** A tail row: an event (all null when none came) with its stored size, and the held-back flag. */
export type TailRow = { [K in keyof EventRow]: EventRow[K] | null } & {
  bytes: number | null;
  held_back: boolean;
};

/**
 * readAll and the held-back check in one statement (so on one snapshot), unfiltered. Every
 * committed event at or above the horizon lies after every settled one, so the check needs no
 * position; the one row with null columns carries the flag when no event came.
 */
export function tailQuery(after: LogPosition, maxCount: number, names?: StatementNames): SqlQuery {
  return {
    name: names?.name('blocx_read_tail'),
    text: `SELECT page.*, horizon.held_back FROM (SELECT (SELECT transaction_id FROM events
        WHERE transaction_id >= (SELECT pg_snapshot_xmin(pg_current_snapshot()))
          AND ${NOT_SYSTEM} ORDER BY transaction_id LIMIT 1) IS NOT NULL AS held_back) horizon
      LEFT JOIN LATERAL (SELECT ${COLUMNS}, transaction_id,
          pg_column_size(data) + pg_column_size(metadata) AS bytes FROM events
        WHERE (transaction_id, global_position) > ($1::xid8, $2::bigint)
          AND ${SETTLED} AND ${NOT_SYSTEM}
        ORDER BY transaction_id, global_position LIMIT $3) page ON true
      ORDER BY page.transaction_id, page.prepare`,
    values: [after.commit.toString(), after.prepare.toString(), maxCount],
  };
}

export const HEAD_POSITION_SQL = `SELECT transaction_id::text AS commit, global_position AS prepare
  FROM events WHERE ${SETTLED} AND ${NOT_SYSTEM}
  ORDER BY transaction_id DESC, global_position DESC LIMIT 1`;

function filterCondition(filter: EventFilter | undefined, values: unknown[]): string {
  if (!filter) return '';
  if ('streamPrefixes' in filter) {
    values.push(filter.streamPrefixes.map((prefix) => `${escapeLike(prefix)}%`));
    return `AND stream_id LIKE ANY($${values.length}::text[])`;
  }
  values.push(filter.eventTypes);
  return `AND event_type = ANY($${values.length}::text[])`;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}

function optional(revision: bigint | undefined): string[] {
  return revision === undefined ? [] : [revision.toString()];
}

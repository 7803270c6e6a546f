import { EventToAppend, ExpectedRevision, UnchangedStream } from '../event-store.port';
import { SqlQuery } from './postgres-event-rows';
import { StatementNames } from './statement-names';

/** One append: the events as a JSON array, as `append_to_stream` takes them. */
export interface AppendCall {
  streamId: string;
  expected: ExpectedRevision;
  eventsJson: string;
  count: number;
  /** Set: as a named prepared statement, parsed and planned once per connection. */
  names: StatementNames | undefined;
}

/** All null when the fast path moved no stream row. */
export interface AppendRow {
  revision: string | null;
  transaction_id: string | null;
  global_position: string | null;
}

/** The whole decision (expectation, idempotent retry, WrongExpectedVersion) in the database. */
export function functionAppendQuery(call: AppendCall, notifyInTransaction: boolean): SqlQuery {
  return {
    name: call.names?.name('blocx_append_to_stream'),
    text: 'SELECT revision, transaction_id, global_position FROM append_to_stream($1, $2, $3, $4)',
    values: [call.streamId, String(call.expected), call.eventsJson, notifyInTransaction],
  };
}

/** $1 stream, $3 event count, $4 expected revision; yields `before`, the revision it moved from. */
const MOVE_FROM_REVISION = `UPDATE streams SET revision = revision + $3::bigint
  WHERE stream_id = $1 AND revision = $4::bigint RETURNING revision - $3::bigint AS before`;
const CREATE_STREAM = `INSERT INTO streams (stream_id, revision) VALUES ($1, $3::bigint - 1)
  ON CONFLICT (stream_id) DO NOTHING RETURNING -1::bigint AS before`;

function fastAppendText(move: string): string {
  return `WITH moved AS (${move}), inserted AS (
      INSERT INTO events (stream_id, stream_position, event_id, event_type, data, metadata)
      SELECT $1, moved.before + x.ord, (x.doc->>'id')::uuid, x.doc->>'type',
             x.doc->'data', x.doc->'metadata'
      FROM moved, jsonb_array_elements($2::jsonb) WITH ORDINALITY AS x(doc, ord)
      ORDER BY x.ord
      RETURNING global_position)
    SELECT (SELECT before FROM moved) + $3::bigint AS revision,
      CASE WHEN count(*) > 0 THEN pg_current_xact_id()::text END AS transaction_id,
      max(global_position) AS global_position
    FROM inserted`;
}

/**
 * The two common appends, an exact revision and a new stream, as one statement that costs a
 * fifth less than the function: it moves the stream row only when the expectation holds (a
 * concurrent append waits on that row, then finds it moved). When it moves nothing, the
 * function gives the verdict: a retry of an earlier append, or WrongExpectedVersion.
 */
export function fastAppendQuery(call: AppendCall): SqlQuery | undefined {
  const { streamId, expected, eventsJson, count, names } = call;
  if (typeof expected === 'bigint') {
    return {
      name: names?.name('blocx_append_at_revision'),
      text: fastAppendText(MOVE_FROM_REVISION),
      values: [streamId, eventsJson, count, expected.toString()],
    };
  }
  if (expected !== 'no_stream') return undefined;
  return {
    name: names?.name('blocx_append_new_stream'),
    text: fastAppendText(CREATE_STREAM),
    values: [streamId, eventsJson, count],
  };
}

/** One append of a combined statement: an exact revision, or -1 for a new stream. */
export interface CombinedAppend {
  streamId: string;
  expected: bigint | 'no_stream';
  events: EventToAppend[];
  /** Streams that must still be where the caller saw them (see `appendIfUnchanged`). */
  unchanged?: UnchangedStream[];
}

/** A row of the combined statement: which append (1-based) moved its stream. */
export type CombinedAppendRow = AppendRow & { append: number };

/**
 * The fast path of several appends to distinct streams in one statement and so one transaction:
 * each stream row moves only when its expectation holds, and only those streams get their events.
 * An append without a row moved nothing; the function gives its verdict afterwards.
 */
export function combinedAppendQuery(
  appends: CombinedAppend[],
  names: StatementNames | undefined,
): SqlQuery {
  const wanted = appends.map((append, i) => ({
    append: i + 1,
    stream_id: append.streamId,
    expected: append.expected === 'no_stream' ? -1 : append.expected.toString(),
    events: append.events.map(({ id, type, data, metadata }) => ({ id, type, data, metadata })),
    count: append.events.length,
    unchanged: (append.unchanged ?? []).map(({ streamId, revision }) => ({
      stream_id: streamId,
      revision: revision === 'no_stream' ? -1 : revision.toString(),
    })),
  }));
  return {
    name: names?.name('blocx_append_combined'),
    text: `WITH wanted AS (
        SELECT * FROM jsonb_to_recordset($1::jsonb)
          AS w(append int, stream_id text, expected bigint, events jsonb, count bigint,
            unchanged jsonb)
        WHERE NOT EXISTS (
          SELECT 1 FROM jsonb_to_recordset(w.unchanged) AS u(stream_id text, revision bigint)
          WHERE coalesce(
            (SELECT seen.revision FROM streams seen WHERE seen.stream_id = u.stream_id), -1
          ) <> u.revision)
      ), moved AS (
        UPDATE streams SET revision = streams.revision + wanted.count FROM wanted
        WHERE wanted.expected >= 0 AND streams.stream_id = wanted.stream_id
          AND streams.revision = wanted.expected AND streams.stream_id = ANY($2::text[])
        RETURNING wanted.append, streams.revision - wanted.count AS before
      ), created AS (
        INSERT INTO streams (stream_id, revision)
        SELECT stream_id, count - 1 FROM wanted WHERE expected = -1
        ON CONFLICT (stream_id) DO NOTHING RETURNING stream_id
      ), appended AS (
        SELECT append, before FROM moved
        UNION ALL
        SELECT wanted.append, -1::bigint FROM created JOIN wanted USING (stream_id)
      ), inserted AS (
        INSERT INTO events (stream_id, stream_position, event_id, event_type, data, metadata)
        SELECT wanted.stream_id, appended.before + x.ord, (x.doc->>'id')::uuid, x.doc->>'type',
               x.doc->'data', x.doc->'metadata'
        FROM appended JOIN wanted USING (append),
             jsonb_array_elements(wanted.events) WITH ORDINALITY AS x(doc, ord)
        ORDER BY appended.append, x.ord
        RETURNING stream_id, global_position
      )
      SELECT appended.append, appended.before + wanted.count AS revision,
        pg_current_xact_id()::text AS transaction_id,
        (SELECT max(global_position) FROM inserted WHERE inserted.stream_id = wanted.stream_id)
          AS global_position
      FROM appended JOIN wanted USING (append)`,
    // The stream ids again as an array: an index condition, where the join alone may get a
    // sequential scan of streams from a planner that cannot see into the JSON.
    values: [JSON.stringify(wanted), appends.map((append) => append.streamId)],
  };
}

import { ExpectedRevision } from '../event-store.port';
import { SqlQuery } from './postgres-event-rows';

/** One append: the events as a JSON array, as `append_to_stream` takes them. */
export interface AppendCall {
  streamId: string;
  expected: ExpectedRevision;
  eventsJson: string;
  count: number;
  /** As a named prepared statement: parsed and planned once per connection. */
  prepared: boolean;
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
    name: call.prepared ? 'blocx_append_to_stream' : undefined,
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
  const { streamId, expected, eventsJson, count, prepared } = call;
  if (typeof expected === 'bigint') {
    return {
      name: prepared ? 'blocx_append_at_revision' : undefined,
      text: fastAppendText(MOVE_FROM_REVISION),
      values: [streamId, eventsJson, count, expected.toString()],
    };
  }
  if (expected !== 'no_stream') return undefined;
  return {
    name: prepared ? 'blocx_append_new_stream' : undefined,
    text: fastAppendText(CREATE_STREAM),
    values: [streamId, eventsJson, count],
  };
}

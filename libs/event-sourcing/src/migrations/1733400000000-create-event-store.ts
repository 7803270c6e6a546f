import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The PostgreSQL event store: `events` (the log) and `streams` (current revision per stream),
 * and `append_to_stream`, which does a whole append in one statement so that an append costs one
 * round trip. Readers order by (transaction_id, global_position) and stop below the oldest
 * running transaction, so an event committed late is never skipped.
 */
export class CreateEventStore1733400000000 implements MigrationInterface {
  name = 'CreateEventStore1733400000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE events (
        global_position bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        transaction_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
        stream_id text NOT NULL,
        stream_position bigint NOT NULL,
        event_id uuid NOT NULL UNIQUE,
        event_type text NOT NULL,
        data jsonb NOT NULL,
        metadata jsonb NOT NULL,
        created timestamptz NOT NULL DEFAULT now(),
        UNIQUE (stream_id, stream_position)
      )`);
    await runner.query(
      'CREATE INDEX events_transaction_order ON events (transaction_id, global_position)',
    );
    await runner.query(`
      CREATE TABLE streams (
        stream_id text PRIMARY KEY,
        revision bigint NOT NULL
      )`);
    await runner.query(EARLIER_APPEND);
    await runner.query(APPEND_TO_STREAM);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP FUNCTION append_to_stream(text, text, jsonb, boolean)');
    await runner.query('DROP FUNCTION event_store_earlier_append(text, text, jsonb)');
    await runner.query('DROP TABLE streams');
    await runner.query('DROP TABLE events');
  }
}

/**
 * The result of an earlier append of exactly these events at this expectation, or no row:
 * a retried append must answer as the first one did instead of writing the events twice.
 */
const EARLIER_APPEND = `
  CREATE FUNCTION event_store_earlier_append(p_stream_id text, p_expected text, p_events jsonb)
  RETURNS TABLE (revision bigint, transaction_id text, global_position bigint)
  LANGUAGE sql STABLE AS $$
    WITH wanted AS (
      SELECT (doc->>'id')::uuid AS event_id, ord
      FROM jsonb_array_elements(p_events) WITH ORDINALITY AS x(doc, ord)
    ), found AS (
      SELECT w.ord, e.stream_position, e.transaction_id, e.global_position
      FROM wanted w
      JOIN events e ON e.event_id = w.event_id AND e.stream_id = p_stream_id
    ), head AS (
      SELECT stream_position - 1 AS before FROM found WHERE ord = 1
    )
    SELECT f.stream_position, f.transaction_id::text, f.global_position
    FROM found f, head
    WHERE (SELECT count(*) FROM found) = jsonb_array_length(p_events)
      AND NOT EXISTS (SELECT 1 FROM found g WHERE g.stream_position <> head.before + g.ord)
      AND CASE p_expected
        WHEN 'any' THEN true
        WHEN 'no_stream' THEN head.before = -1
        WHEN 'stream_exists' THEN head.before >= 0
        ELSE head.before = p_expected::bigint
      END
    ORDER BY f.ord DESC
    LIMIT 1
  $$`;

/**
 * p_expected: 'any' | 'no_stream' | 'stream_exists' | a revision in decimal. The expectation is
 * checked by the same statement that locks and moves the stream row, so concurrent appends queue
 * on that row and exactly one of them finds the revision it expected. Raises SQLSTATE ES409
 * (detail: the current revision, -1 for none) on a wrong expectation. p_notify: NOTIFY inside
 * this transaction; callers that notify after commit pass false, because a NOTIFY holds a global
 * lock through the commit and so serialises every appending transaction.
 */
const APPEND_TO_STREAM = `
  CREATE FUNCTION append_to_stream(p_stream_id text, p_expected text, p_events jsonb, p_notify boolean)
  RETURNS TABLE (revision bigint, transaction_id text, global_position bigint)
  LANGUAGE plpgsql AS $$
  #variable_conflict use_column
  DECLARE
    v_count bigint := jsonb_array_length(p_events);
    v_current bigint;
    v_last bigint;
  BEGIN
    -- A retry at these expectations would pass the check below: tell it by its first event id.
    IF p_expected IN ('any', 'stream_exists') AND EXISTS (
      SELECT 1 FROM events e WHERE e.event_id = (p_events->0->>'id')::uuid
    ) THEN
      v_current := NULL;
    ELSIF p_expected = 'no_stream' THEN
      INSERT INTO streams (stream_id, revision) VALUES (p_stream_id, v_count - 1)
        ON CONFLICT (stream_id) DO NOTHING RETURNING -1 INTO v_current;
    ELSIF p_expected = 'any' THEN
      INSERT INTO streams AS s (stream_id, revision) VALUES (p_stream_id, v_count - 1)
        ON CONFLICT (stream_id) DO UPDATE SET revision = s.revision + v_count
        RETURNING s.revision - v_count INTO v_current;
    ELSIF p_expected = 'stream_exists' THEN
      UPDATE streams s SET revision = s.revision + v_count WHERE s.stream_id = p_stream_id
        RETURNING s.revision - v_count INTO v_current;
    ELSE
      UPDATE streams s SET revision = s.revision + v_count
        WHERE s.stream_id = p_stream_id AND s.revision = p_expected::bigint
        RETURNING s.revision - v_count INTO v_current;
    END IF;
    -- No row moved: a wrong expectation, or a retry of an append that already succeeded.
    IF v_current IS NULL THEN
      RETURN QUERY SELECT * FROM event_store_earlier_append(p_stream_id, p_expected, p_events);
      IF FOUND THEN RETURN; END IF;
      SELECT s.revision INTO v_current FROM streams s WHERE s.stream_id = p_stream_id;
      RAISE EXCEPTION 'wrong expected revision for stream %', p_stream_id
        USING ERRCODE = 'ES409', DETAIL = coalesce(v_current, -1)::text;
    END IF;
    INSERT INTO events (stream_id, stream_position, event_id, event_type, data, metadata)
      SELECT p_stream_id, v_current + x.ord, (x.doc->>'id')::uuid, x.doc->>'type',
             x.doc->'data', x.doc->'metadata'
      FROM jsonb_array_elements(p_events) WITH ORDINALITY AS x(doc, ord)
      ORDER BY x.ord;
    -- The rows took their positions in order, so this session's last one is the last event's.
    v_last := currval('events_global_position_seq');
    IF p_notify THEN PERFORM pg_notify('blocx_events', v_last::text); END IF;
    revision := v_current + v_count;
    transaction_id := pg_current_xact_id()::text;
    global_position := v_last;
    RETURN NEXT;
  END$$`;

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
    // revision -1 stands for "no event yet": the row exists only inside an append that creates it.
    await runner.query(`
      CREATE TABLE streams (
        stream_id text PRIMARY KEY,
        revision bigint NOT NULL
      )`);
    await runner.query(EXPECTATION_HOLDS);
    await runner.query(EARLIER_APPEND);
    await runner.query(APPEND_TO_STREAM);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP FUNCTION append_to_stream(text, text, jsonb)');
    await runner.query('DROP FUNCTION event_store_earlier_append(text, text, jsonb)');
    await runner.query('DROP FUNCTION event_store_expectation_holds(text, bigint)');
    await runner.query('DROP TABLE streams');
    await runner.query('DROP TABLE events');
  }
}

/** p_expected: 'any' | 'no_stream' | 'stream_exists' | a revision in decimal; -1 = no stream. */
const EXPECTATION_HOLDS = `
  CREATE FUNCTION event_store_expectation_holds(p_expected text, p_current bigint)
  RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE p_expected
      WHEN 'any' THEN true
      WHEN 'no_stream' THEN p_current = -1
      WHEN 'stream_exists' THEN p_current >= 0
      ELSE p_current = p_expected::bigint
    END
  $$`;

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

/** Raises SQLSTATE ES409 (detail: the current revision, -1 for none) on a wrong expectation. */
const APPEND_TO_STREAM = `
  CREATE FUNCTION append_to_stream(p_stream_id text, p_expected text, p_events jsonb)
  RETURNS TABLE (revision bigint, transaction_id text, global_position bigint)
  LANGUAGE plpgsql AS $$
  #variable_conflict use_column
  DECLARE
    v_current bigint;
    v_count bigint := jsonb_array_length(p_events);
    v_last bigint;
  BEGIN
    INSERT INTO streams (stream_id, revision) VALUES (p_stream_id, -1)
      ON CONFLICT (stream_id) DO NOTHING;
    SELECT s.revision INTO v_current FROM streams s WHERE s.stream_id = p_stream_id FOR UPDATE;
    -- With 'any' the check always passes, so a retry is told apart by its first event id.
    IF NOT event_store_expectation_holds(p_expected, v_current) OR p_expected = 'any' AND EXISTS (
      SELECT 1 FROM events e WHERE e.event_id = (p_events->0->>'id')::uuid
    ) THEN
      RETURN QUERY SELECT * FROM event_store_earlier_append(p_stream_id, p_expected, p_events);
      IF FOUND THEN RETURN; END IF;
      RAISE EXCEPTION 'wrong expected revision for stream %', p_stream_id
        USING ERRCODE = 'ES409', DETAIL = v_current::text;
    END IF;
    UPDATE streams s SET revision = v_current + v_count WHERE s.stream_id = p_stream_id;
    WITH inserted AS (
      INSERT INTO events (stream_id, stream_position, event_id, event_type, data, metadata)
        SELECT p_stream_id, v_current + x.ord, (x.doc->>'id')::uuid, x.doc->>'type',
               x.doc->'data', x.doc->'metadata'
        FROM jsonb_array_elements(p_events) WITH ORDINALITY AS x(doc, ord)
        ORDER BY x.ord
        RETURNING events.global_position
    )
    SELECT max(i.global_position) INTO v_last FROM inserted i;
    PERFORM pg_notify('blocx_events', v_last::text);
    RETURN QUERY SELECT v_current + v_count, pg_current_xact_id()::text, v_last;
  END
  $$`;

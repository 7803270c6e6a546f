import { randomUUID } from 'node:crypto';
import { Pool, PoolClient } from 'pg';
import { EventToAppend } from '../../libs/event-sourcing/src/event-store.port';
import {
  combinedAppendQuery,
  fastAppendQuery,
} from '../../libs/event-sourcing/src/postgres/append-statements';
import { PostgresEventStore } from '../../libs/event-sourcing/src/postgres/postgres-event-store';
import {
  readStreamQuery,
  readStreamsQuery,
  SqlQuery,
  tailQuery,
} from '../../libs/event-sourcing/src/postgres/postgres-event-rows';
import { StatementNames } from '../../libs/event-sourcing/src/postgres/statement-names';
import { SERVER_SESSION_OPTIONS } from '../../libs/platform/src/database/database.module';
import { TestDatabase, usingRealPostgres } from '../support/test-database';
import { eventStoreDatabase } from './postgres-event-store.fixture';

function event(): EventToAppend {
  return { id: randomUUID(), type: 'Planned', data: { text: 'Your code is 123456' }, metadata: {} };
}

/** A parameter as a literal of EXPLAIN EXECUTE (arrays as array constants). */
function literal(client: PoolClient, value: unknown): string {
  if (value === null) return 'NULL';
  if (Array.isArray(value)) {
    return client.escapeLiteral(
      `{${value.map((v) => (v === null ? 'NULL' : `"${v}"`)).join(',')}}`,
    );
  }
  return client.escapeLiteral(String(value));
}

/**
 * Named statements keep generic plans (the service's pools run plan_cache_mode=
 * force_generic_plan). A plan made while the log was small scans it sequentially; the names
 * carry the log's size class, so once the log has grown the statements are planned again, and
 * these plans are index scans.
 */
describe('Generic plans of the event store on PostgreSQL', () => {
  let database: TestDatabase | undefined;
  let pool: Pool;
  let store: PostgresEventStore;

  beforeAll(async () => {
    if (!(await usingRealPostgres())) return;
    database = await eventStoreDatabase('postgres');
    // One connection: the statements the store prepared are those EXPLAIN EXECUTE finds.
    pool = new Pool({ connectionString: database.url, max: 1, options: SERVER_SESSION_OPTIONS });
    pool.on('error', () => undefined);
    store = new PostgresEventStore(pool, {
      preparedStatements: true,
      listen: false,
      notify: false,
      sharedTail: false,
    });
  }, 120_000);

  afterAll(async () => {
    await store?.close();
    await pool?.end();
    await database?.drop();
  });

  /** Every hot statement of the store, run once through it. */
  async function runEveryStatement(): Promise<void> {
    const stream = `planned-${randomUUID()}`;
    const first = await store.appendToStream(stream, [event()], {
      expectedRevision: 'no_stream',
    });
    await store.appendToStream(stream, [event()], {
      expectedRevision: first.nextExpectedRevision,
    });
    // Concurrent appends to distinct streams, and reads, share a statement.
    await Promise.all(
      [1, 2].map(() =>
        store.appendToStream(`planned-${randomUUID()}`, [event()], {
          expectedRevision: 'no_stream',
        }),
      ),
    );
    await store.readStream(stream);
    await Promise.all([store.readStream(stream), store.readStream(`planned-${randomUUID()}`)]);
    await store.readTail({ commit: 0n, prepare: 0n }, 100);
  }

  /** `count` more streams of two events each, written directly. */
  async function grow(count: number): Promise<void> {
    await pool.query(
      `WITH grown AS (
        INSERT INTO streams (stream_id, revision)
        SELECT 'grown-' || gen_random_uuid(), 1 FROM generate_series(1, $1::int) RETURNING stream_id)
      INSERT INTO events (stream_id, stream_position, event_id, event_type, data, metadata)
      SELECT stream_id, p, gen_random_uuid(), 'Grown', '{"text": "Your code is 123456"}', '{}'
      FROM grown, generate_series(0, 1) p`,
      [count],
    );
  }

  /** The statements the store prepared at the log's current size, as it would run them. */
  function statementsAt(names: StatementNames): SqlQuery[] {
    const append = {
      streamId: 'planned-x',
      eventsJson: JSON.stringify([event()]),
      count: 1,
      names,
    };
    return [
      readStreamQuery('planned-x', { fromRevision: 0n }, names),
      readStreamsQuery(
        [
          { streamId: 'planned-x', fromRevision: 0n, maxCount: undefined },
          { streamId: 'planned-y', fromRevision: 2n, maxCount: undefined },
        ],
        names,
      ),
      tailQuery({ commit: 1n, prepare: 1n }, 100, names),
      fastAppendQuery({ ...append, expected: 3n }) as SqlQuery,
      fastAppendQuery({ ...append, expected: 'no_stream' }) as SqlQuery,
      combinedAppendQuery(
        [
          { streamId: 'planned-x', expected: 'no_stream', events: [event()] },
          { streamId: 'planned-y', expected: 2n, events: [event()] },
        ],
        names,
      ),
    ];
  }

  async function cachedPlans(names: StatementNames): Promise<Map<string, string>> {
    const client = await pool.connect();
    try {
      const { rows } = await client.query<{ name: string }>(
        'SELECT name FROM pg_prepared_statements',
      );
      const prepared = new Set(rows.map((row) => row.name));
      const plans = new Map<string, string>();
      for (const statement of statementsAt(names)) {
        const name = statement.name as string;
        expect(prepared).toContain(name);
        const values = statement.values.map((value) => literal(client, value)).join(', ');
        const plan = await client.query(`EXPLAIN EXECUTE ${name}(${values})`);
        plans.set(name, plan.rows.map((row) => row['QUERY PLAN']).join('\n'));
      }
      return plans;
    } finally {
      client.release();
    }
  }

  it('plans each statement again once the log has doubled: index scans on a grown log', async () => {
    if (database === undefined) return;
    // A young database: a few hundred events, analyzed (as autovacuum does early on).
    await grow(300);
    await pool.query('ANALYZE events; ANALYZE streams');
    for (let n = 0; n < 3; n++) await runEveryStatement();
    const young = new StatementNames();
    young.seen((await store.headPosition()).prepare);

    // The log grows a hundredfold before the next ANALYZE (autovacuum runs a minute apart).
    await grow(30_000);
    // The store learns the log's size from what it appends and reads (here, the head).
    const grown = new StatementNames();
    grown.seen((await store.headPosition()).prepare);
    expect(grown.name('s')).not.toBe(young.name('s'));
    await runEveryStatement();

    for (const [name, plan] of await cachedPlans(grown)) {
      expect({ name, plan }).toEqual({ name, plan: expect.stringMatching(/Index/) });
      expect({ name, plan }).toEqual({
        name,
        plan: expect.not.stringMatching(/Seq Scan on (events|streams)/),
      });
    }
  }, 60_000);
});

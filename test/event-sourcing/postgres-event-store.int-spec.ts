import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { Client, Pool } from 'pg';
import { PostgresEventStore } from '@blocx/event-sourcing';
import { TestDatabase } from '../support/test-database';
import { eventStoreContract } from './event-store.contract';
import {
  crossStoreArrivalMs,
  eventStoreDatabase,
  postgresEventStoreFixture,
} from './postgres-event-store.fixture';

/** Jest registers tests synchronously, so whether the server answers is asked synchronously. */
function serverAnswers(url: string): boolean {
  const probe = `const { Client } = require(process.argv[1]);
    const client = new Client({ connectionString: process.argv[2], connectionTimeoutMillis: 2000 });
    client.connect().then(() => client.end()).then(() => process.exit(0), () => process.exit(1));`;
  const run = spawnSync(process.execPath, ['-e', probe, require.resolve('pg'), url], {
    timeout: 5000,
  });
  return run.status === 0;
}

const url = process.env.DATABASE_URL;
const reachable = url !== undefined && serverAnswers(url);
if (reachable) {
  eventStoreContract('PostgreSQL', () => postgresEventStoreFixture('postgres'));
} else {
  process.stdout.write(
    `PostgreSQL contract suite skipped: DATABASE_URL ${url ? 'does not answer' : 'not set'}\n`,
  );
  it.skip('PostgreSQL contract suite (no reachable DATABASE_URL)', () => undefined);
}

describe('PostgreSQL store across processes', () => {
  const test = reachable ? it : it.skip;
  let database: TestDatabase;
  beforeAll(async () => {
    if (reachable) database = await eventStoreDatabase('postgres');
  });
  afterAll(() => database?.drop());

  test('NOTIFY wakes a subscriber of another store long before its poll', async () => {
    expect(await crossStoreArrivalMs(database, { pollIntervalMs: 5000 })).toBeLessThan(1000);
  });

  test('an event held back by an older open transaction arrives soon after that one ends', async () => {
    const elapsed = await crossStoreArrivalMs(database, { pollIntervalMs: 5000 }, 800);
    expect(elapsed).toBeGreaterThanOrEqual(800);
    expect(elapsed).toBeLessThan(800 + 1000);
  });
});

describe('PostgreSQL multi-stream append and deadlocks', () => {
  const test = reachable ? it : it.skip;
  let database: TestDatabase;
  let pool: Pool;
  let store: PostgresEventStore;
  beforeAll(async () => {
    if (!reachable) return;
    database = await eventStoreDatabase('postgres');
    pool = new Pool({ connectionString: database.url, max: 8 });
    store = new PostgresEventStore(pool, { notify: false, listen: false });
  });
  afterAll(async () => {
    if (!reachable) return;
    await store.close();
    await pool.end();
    await database.drop();
  });

  const event = (type: string) => ({ id: randomUUID(), type, data: {}, metadata: {} });

  test('runs again, whole, when PostgreSQL picks it as a deadlock victim', async () => {
    const [a, b] = [`deadlock-a-${randomUUID()}`, `deadlock-b-${randomUUID()}`];
    for (const stream of [a, b]) {
      await store.appendToStream(stream, [event('Opened')], { expectedRevision: 'no_stream' });
    }
    // Another writer holds b's row; the append takes a's, then waits for b's.
    const other = new Client({ connectionString: database.url });
    await other.connect();
    await other.query('BEGIN');
    await other.query('SELECT 1 FROM streams WHERE stream_id = $1 FOR UPDATE', [b]);
    const appended = store.appendToStreams([
      { streamId: a, events: [event('Moved')], expectedRevision: 0n },
      { streamId: b, events: [event('Moved')], expectedRevision: 0n },
    ]);
    await waitUntil(async () => (await lockWaiters(pool)) === 1);
    // Now the other writer wants a's row: a cycle. The append waited first, so its deadlock
    // check runs first and PostgreSQL rolls it back; the other writer gets the row and commits.
    await other.query('UPDATE streams SET revision = revision WHERE stream_id = $1', [a]);
    await other.query('COMMIT');
    await other.end();
    // The append ran again after the rollback and wrote both streams.
    const results = await appended;
    expect(results.map((result) => result.nextExpectedRevision)).toEqual([1n, 1n]);
    for (const stream of [a, b]) {
      expect((await store.readStream(stream)).map((e) => e.type)).toEqual(['Opened', 'Moved']);
    }
  }, 20_000);
});

/** Backends of this database waiting for a row or table lock. */
async function lockWaiters(pool: Pool): Promise<number> {
  const { rows } = await pool.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM pg_stat_activity
     WHERE datname = current_database() AND wait_event_type = 'Lock'`,
  );
  return rows[0].n;
}

async function waitUntil(condition: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import {
  EventToAppend,
  LogPosition,
  RecordedEvent,
} from '../../libs/event-sourcing/src/event-store.port';
import {
  PostgresEventStore,
  PostgresEventStoreOptions,
} from '../../libs/event-sourcing/src/postgres/postgres-event-store';
import { TestDatabase, usingRealPostgres } from '../support/test-database';
import { eventStoreDatabase } from './postgres-event-store.fixture';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function event(n: number): EventToAppend {
  return { id: randomUUID(), type: 'Tailed', data: { n }, metadata: {} };
}

/** Counts the statements that read the log per subscription (not the shared tail's own read). */
function countFeedReads(pool: Pool): () => number {
  let reads = 0;
  const query = pool.query.bind(pool) as (...args: unknown[]) => unknown;
  (pool as unknown as { query: unknown }).query = (...args: unknown[]) => {
    const text = (args[0] as { text?: string }).text ?? String(args[0]);
    if (text.includes('(transaction_id, global_position) >') && !text.includes('LATERAL')) {
      reads += 1;
    }
    return query(...args);
  };
  return () => reads;
}

/** Follows a subscription, optionally slowly, until it has `count` events. */
async function collect(
  store: PostgresEventStore,
  after: LogPosition,
  count: number,
  perBatchMs = 0,
): Promise<RecordedEvent[]> {
  const seen: RecordedEvent[] = [];
  const subscription = store.subscribeToAll({ after, batchSize: 4 });
  const deadline = Date.now() + 20_000;
  for await (const batch of subscription) {
    seen.push(...batch);
    if (seen.length >= count || Date.now() > deadline) break;
    if (perBatchMs > 0) await sleep(perBatchMs);
  }
  await subscription.close();
  return seen;
}

async function readAllOnce(store: PostgresEventStore, after: LogPosition) {
  const all: RecordedEvent[] = [];
  for (let from = after; ;) {
    const page = await store.readAll({ after: from, maxCount: 100 });
    if (page.length === 0) return all;
    all.push(...page);
    from = page[page.length - 1].position;
  }
}

/**
 * The log after `after` once `count` events are readable. readAll stops below the oldest open
 * transaction of the whole server, so another suite's transaction can hold it back for a moment.
 */
async function readAllAfter(store: PostgresEventStore, after: LogPosition, count: number) {
  for (let tries = 0; ; tries++) {
    const all = await readAllOnce(store, after);
    if (all.length >= count || tries >= 100) return all;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe.each(['postgres', 'pglite'] as const)('Shared log tail on %s', (kind) => {
  let database: TestDatabase;
  const stores: Array<{ store: PostgresEventStore; pool: Pool }> = [];

  beforeAll(async () => {
    const real = await usingRealPostgres();
    database = await eventStoreDatabase(kind === 'postgres' && real ? 'postgres' : 'pglite');
  }, 120_000);

  afterEach(async () => {
    for (const { store, pool } of stores.splice(0)) {
      await store.close();
      await pool.end();
    }
  });
  afterAll(() => database?.drop());

  function open(options: PostgresEventStoreOptions): { store: PostgresEventStore; pool: Pool } {
    const pool = new Pool({ connectionString: database.url, max: 8 });
    pool.on('error', () => undefined);
    const opened = { store: new PostgresEventStore(pool, options), pool };
    stores.push(opened);
    return opened;
  }

  it('ten subscriptions at the head are served by one reader, each seeing every event once in order', async () => {
    const { store, pool } = open({});
    const feedReads = countFeedReads(pool);
    const head = await store.headPosition();
    const followers = Array.from({ length: 10 }, () => collect(store, head, 60));
    await sleep(400); // the tail has read the head; every subscription is served from it
    const before = feedReads();
    for (let i = 0; i < 20; i++) {
      await store.appendToStream(`tail-${randomUUID()}`, [event(i), event(i), event(i)], {
        expectedRevision: 'no_stream',
      });
    }
    const delivered = await Promise.all(followers);
    const readsWhileFollowing = feedReads() - before;
    const expected = (await readAllAfter(store, head, 60)).map((e) => e.id);
    expect(expected).toHaveLength(60);
    for (const seen of delivered) expect(seen.map((e) => e.id)).toEqual(expected);
    expect(readsWhileFollowing).toBe(0);
  });

  it('a subscription left behind the kept events catches up from the database, without gaps or repeats', async () => {
    const { store, pool } = open({ sharedTail: { maxEvents: 5, batchSize: 3 } });
    const feedReads = countFeedReads(pool);
    const head = await store.headPosition();
    const slow = collect(store, head, 45, 40);
    const fast = collect(store, head, 45);
    for (let i = 0; i < 15; i++) {
      await store.appendToStream(`tail-${randomUUID()}`, [event(i), event(i), event(i)], {
        expectedRevision: 'no_stream',
      });
    }
    const [fastSeen, slowSeen] = await Promise.all([fast, slow]);
    const caughtUpFromDatabase = feedReads();
    const expected = (await readAllAfter(store, head, 45)).map((e) => e.id);
    expect(expected).toHaveLength(45);
    expect(fastSeen.map((e) => e.id)).toEqual(expected);
    expect(slowSeen.map((e) => e.id)).toEqual(expected);
    expect(caughtUpFromDatabase).toBeGreaterThan(0);
  });

  it('without the shared tail every subscription reads the database and sees the same log', async () => {
    const { store, pool } = open({ sharedTail: false });
    const feedReads = countFeedReads(pool);
    const head = await store.headPosition();
    const follower = collect(store, head, 10);
    for (let i = 0; i < 10; i++) {
      await store.appendToStream(`tail-${randomUUID()}`, [event(i)], {
        expectedRevision: 'no_stream',
      });
    }
    const expected = (await readAllAfter(store, head, 10)).map((e) => e.id);
    expect((await follower).map((e) => e.id)).toEqual(expected);
    expect(feedReads()).toBeGreaterThan(0);
  });
});

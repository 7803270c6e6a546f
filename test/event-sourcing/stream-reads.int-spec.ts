import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { EventToAppend } from '../../libs/event-sourcing/src/event-store.port';
import { PostgresEventStore } from '../../libs/event-sourcing/src/postgres/postgres-event-store';
import { TestDatabase, usingRealPostgres } from '../support/test-database';
import { eventStoreDatabase } from './postgres-event-store.fixture';

function events(count: number): EventToAppend[] {
  return Array.from({ length: count }, (_, n) => ({
    id: randomUUID(),
    type: 'Read',
    data: { n },
    metadata: {},
  }));
}

/** Counts the statements that read events by stream. */
function countStreamReads(pool: Pool): () => number {
  let reads = 0;
  const query = pool.query.bind(pool) as (...args: unknown[]) => unknown;
  (pool as unknown as { query: unknown }).query = (...args: unknown[]) => {
    const text = (args[0] as { text?: string }).text ?? String(args[0]);
    if (/stream_id = (\$1|wanted\.wanted_stream)/.test(text)) reads += 1;
    return query(...args);
  };
  return () => reads;
}

describe.each(['postgres', 'pglite'] as const)('Coalesced stream reads on %s', (kind) => {
  let database: TestDatabase;
  let pool: Pool;

  beforeAll(async () => {
    const real = await usingRealPostgres();
    database = await eventStoreDatabase(kind === 'postgres' && real ? 'postgres' : 'pglite');
    pool = new Pool({ connectionString: database.url, max: 4 });
    pool.on('error', () => undefined);
  }, 120_000);

  afterAll(async () => {
    await pool?.end();
    await database?.drop();
  });

  it('reads asked for together go as one statement and answer as reads of their own', async () => {
    const together = new PostgresEventStore(pool, { listen: false, sharedTail: false });
    const alone = new PostgresEventStore(pool, { listen: false, coalesceStreamReads: false });
    const streams = [`read-${randomUUID()}`, `read-${randomUUID()}`, `read-${randomUUID()}`];
    await together.appendToStream(streams[0], events(5), { expectedRevision: 'no_stream' });
    await together.appendToStream(streams[1], events(3), { expectedRevision: 'no_stream' });
    const asks = [
      { stream: streams[0], options: {} },
      { stream: streams[0], options: { fromRevision: 2n, maxCount: 2 } },
      { stream: streams[1], options: { maxCount: 10 } },
      { stream: streams[2], options: {} }, // no such stream: empty
      { stream: streams[1], options: { direction: 'backwards' as const } },
    ];
    const reads = countStreamReads(pool);
    const answered = await Promise.all(
      asks.map(({ stream, options }) => together.readStream(stream, options)),
    );
    // The four forward reads share one statement; the backwards read has its own.
    expect(reads()).toBe(2);
    const expected = await Promise.all(
      asks.map(({ stream, options }) => alone.readStream(stream, options)),
    );
    expect(answered).toEqual(expected);
    expect(answered.map((found) => found.map((e) => e.revision))).toEqual([
      [0n, 1n, 2n, 3n, 4n],
      [2n, 3n],
      [0n, 1n, 2n],
      [],
      [2n, 1n, 0n],
    ]);
    await Promise.all([together.close(), alone.close()]);
  });
});

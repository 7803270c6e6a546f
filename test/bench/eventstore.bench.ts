/**
 * npm run bench:eventstore — the PostgreSQL event store on the server at DATABASE_URL
 * (default postgres://postgres@127.0.0.1:5432/test), in a database of its own, dropped after.
 *
 * Prints append events/s with 1 and 16 writers beside a plain single-row INSERT through the same
 * pool at the same concurrency (the ratio is the figure; goal >= 0.6), then subscription
 * catch-up events/s over the whole log. BENCH_SECONDS: timed seconds of each kind.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Client, Pool } from 'pg';
import { DataSource } from 'typeorm';
import { LOG_START } from '../../libs/event-sourcing/src/event-store.port';
import { eventSourcingMigrations } from '../../libs/event-sourcing/src/migrations';
import { PostgresEventStore } from '../../libs/event-sourcing/src/postgres/postgres-event-store';

const SERVER = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CATCH_UP_EVENTS = Number(process.env.BENCH_CATCH_UP_EVENTS ?? 200_000);
const WRITER_COUNTS = [1, 16];

type Operation = (writer: number) => Promise<unknown>;

function payload() {
  return {
    data: {
      profileId: randomUUID(),
      name: 'Outbound alerts',
      webhookUrl: 'https://example.test/hook',
    },
    metadata: { correlation_id: randomUUID(), causation_id: randomUUID(), account_id: 'acc_bench' },
  };
}

async function onServer(sql: string): Promise<void> {
  const admin = new Client({ connectionString: SERVER });
  await admin.connect();
  await admin.query(sql);
  await admin.end();
}

async function prepare(url: string): Promise<void> {
  const dataSource = new DataSource({ type: 'postgres', url, migrations: eventSourcingMigrations });
  await dataSource.initialize();
  await dataSource.runMigrations();
  await dataSource.query(`CREATE TABLE plain_inserts (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, stream_id text NOT NULL,
    data jsonb NOT NULL, metadata jsonb NOT NULL, created timestamptz NOT NULL DEFAULT now())`);
  await dataSource.destroy();
}

interface Tally {
  operations: number;
  seconds: number;
}

/** `writers` loops, each awaiting its own operation, for `seconds`; adds to `tally`. */
async function run(writers: number, seconds: number, operation: Operation, tally: Tally) {
  const started = performance.now();
  const deadline = started + seconds * 1000;
  const counts = await Promise.all(
    Array.from({ length: writers }, async (_, writer) => {
      let done = 0;
      while (performance.now() < deadline) {
        await operation(writer);
        done += 1;
      }
      return done;
    }),
  );
  tally.operations += counts.reduce((sum, count) => sum + count, 0);
  tally.seconds += (performance.now() - started) / 1000;
}

function plainInsert(pool: Pool): Operation {
  return (writer) => {
    const { data, metadata } = payload();
    return pool.query('INSERT INTO plain_inserts (stream_id, data, metadata) VALUES ($1, $2, $3)', [
      `benchPlain-${writer}`,
      data,
      metadata,
    ]);
  };
}

/** One event per append, each writer to its own stream, with the exact expected revision. */
function eventAppend(store: PostgresEventStore, writers: number): Operation {
  const next = Array.from({ length: writers }, () => 0n);
  const phase = randomBytes(3).toString('hex');
  return async (writer) => {
    const revision = next[writer];
    await store.appendToStream(
      `benchWriter-${phase}_${writer}`,
      [{ id: randomUUID(), type: 'MessagingProfileCreated', ...payload() }],
      { expectedRevision: revision === 0n ? 'no_stream' : revision - 1n },
    );
    next[writer] = revision + 1n;
  };
}

/** Alternates one-second rounds of both, so a load swing on the machine hits both alike. */
async function compareAppends(pool: Pool, store: PostgresEventStore): Promise<void> {
  for (const writers of WRITER_COUNTS) {
    const plain: Tally = { operations: 0, seconds: 0 };
    const appends: Tally = { operations: 0, seconds: 0 };
    const [insert, append] = [plainInsert(pool), eventAppend(store, writers)];
    await run(writers, 1, insert, { operations: 0, seconds: 0 }); // warm-up
    await run(writers, 1, append, { operations: 0, seconds: 0 });
    for (let round = 0; round < SECONDS; round += 1) {
      await run(writers, 1, insert, plain);
      await run(writers, 1, append, appends);
    }
    const [appendRate, plainRate] = [appends, plain].map((t) => t.operations / t.seconds);
    const line = [
      `writers=${String(writers).padStart(2)}`,
      `append ${appendRate.toFixed(0).padStart(6)} events/s`,
      `plain INSERT ${plainRate.toFixed(0).padStart(6)} rows/s`,
      `ratio ${(appendRate / plainRate).toFixed(2)} (goal >= 0.6)`,
    ];
    console.log(line.join('  '));
  }
}

/** Grows the log to `CATCH_UP_EVENTS` with 100-event appends from 4 writers. */
async function seed(store: PostgresEventStore, pool: Pool): Promise<number> {
  const { rows } = await pool.query<{ count: string }>('SELECT count(*) FROM events');
  const missing = Math.max(0, CATCH_UP_EVENTS - Number(rows[0].count));
  const appendsPerWriter = Math.ceil(missing / 100 / 4);
  await Promise.all(
    Array.from({ length: 4 }, async (_, writer) => {
      for (let i = 0; i < appendsPerWriter; i += 1) {
        const events = Array.from({ length: 100 }, () => ({
          id: randomUUID(),
          type: 'MessageQueued',
          ...payload(),
        }));
        const expectedRevision = i === 0 ? 'no_stream' : BigInt(i * 100 - 1);
        await store.appendToStream(`benchSeed-${writer}`, events, { expectedRevision });
      }
    }),
  );
  const after = await pool.query<{ count: string }>('SELECT count(*) FROM events');
  return Number(after.rows[0].count);
}

async function catchUp(store: PostgresEventStore, total: number, batchSize: number): Promise<void> {
  const started = performance.now();
  const subscription = store.subscribeToAll({ after: LOG_START, batchSize });
  let read = 0;
  for await (const batch of subscription) {
    read += batch.length;
    if (read >= total) break;
  }
  await subscription.close();
  const seconds = (performance.now() - started) / 1000;
  const perSecond = (read / seconds).toFixed(0);
  console.log(
    `catch-up  batchSize=${batchSize}  ${read} events in ${seconds.toFixed(2)} s  ${perSecond} events/s`,
  );
}

async function main(): Promise<void> {
  const database = `blocx_bench_${randomBytes(4).toString('hex')}`;
  const url = new URL(SERVER);
  url.pathname = `/${database}`;
  await onServer(`CREATE DATABASE ${database}`);
  const pool = new Pool({ connectionString: url.toString(), max: 16 });
  // pool.end() resolves before its sockets close; DROP … FORCE may still cut one.
  pool.on('error', () => undefined);
  const store = new PostgresEventStore(pool, { preparedStatements: true });
  try {
    await prepare(url.toString());
    console.log(
      `event store benchmark on ${SERVER.replace(/\/\/[^@]*@/, '//')} (${SECONDS} s of each)`,
    );
    await compareAppends(pool, store);
    const total = await seed(store, pool);
    for (const batchSize of [500, 2000]) await catchUp(store, total, batchSize);
  } finally {
    await store.close();
    await pool.end();
    await onServer(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});

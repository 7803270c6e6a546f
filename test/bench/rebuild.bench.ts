/**
 * npm run bench:rebuild — rebuilds a projection from a log of BENCH_REBUILD_EVENTS events
 * (default 1,000,000) on the PostgreSQL at DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test),
 * in a database of its own, dropped after. Prints events/s; the goal is >= 20,000.
 *
 * The projection writes one row per event and one upserted total per stream, a batch at a time
 * (unnest arrays), as a read model on a hot path should.
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { Client, Pool } from 'pg';
import { DataSource, MigrationInterface, QueryRunner } from 'typeorm';
import { DomainEvent } from '../../libs/event-sourcing/src/aggregates/domain-event';
import { EventRegistry } from '../../libs/event-sourcing/src/aggregates/event-registry';
import { eventSourcingMigrations } from '../../libs/event-sourcing/src/migrations';
import { PostgresEventStore } from '../../libs/event-sourcing/src/postgres/postgres-event-store';
import { Projection, TableNames } from '../../libs/event-sourcing/src/projections/projection';
import { ReadModelWrites } from '../../libs/event-sourcing/src/projections/read-model-writes';
import { ProjectionRebuilder } from '../../libs/event-sourcing/src/projections/projection-rebuilder';
import { EventEnvelope } from '../../libs/event-sourcing/src/subscriptions/event-envelope';
import { subscriptionMigrations } from '../../libs/event-sourcing/src/subscriptions';
import { SubscriptionHost } from '../../libs/event-sourcing/src/subscriptions/subscription-host';
import { SubscriptionProgress } from '../../libs/event-sourcing/src/subscriptions/subscription-progress';

const SERVER = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const EVENTS = Number(process.env.BENCH_REBUILD_EVENTS ?? 1_000_000);
const STREAMS = 10_000;
const SEED_CHUNK = 100_000;

class MessageBilled extends DomainEvent<{ messageId: string; cents: number; billedAt: string }> {}

class CreateBillingReadModels1733500000009 implements MigrationInterface {
  name = 'CreateBillingReadModels1733500000009';
  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE billed_messages (
      message_id uuid PRIMARY KEY, account text NOT NULL, cents int NOT NULL, billed_at timestamptz NOT NULL)`);
    await runner.query(`CREATE TABLE account_bills (
      account text PRIMARY KEY, messages int NOT NULL, cents bigint NOT NULL)`);
  }
  async down(): Promise<void> {}
}

type BillingTable = 'billed_messages' | 'account_bills';

class BillingProjection extends Projection<BillingTable> {
  readonly name = 'bench.billing';
  readonly tables = ['billed_messages', 'account_bills'] as const;
  override readonly filter = { streamPrefixes: ['billing-'] };

  apply(events: EventEnvelope[], writes: ReadModelWrites, t: TableNames<BillingTable>): void {
    const billed = events.flatMap((e) =>
      e.event instanceof MessageBilled ? [{ e, data: e.event.data }] : [],
    );
    writes.add(
      `INSERT INTO ${t.billed_messages} (message_id, account, cents, billed_at)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::int[], $4::timestamptz[])`,
      [
        billed.map((b) => b.data.messageId),
        billed.map((b) => b.e.streamId),
        billed.map((b) => b.data.cents),
        billed.map((b) => b.data.billedAt),
      ],
    );
    const perAccount = new Map<string, { messages: number; cents: number }>();
    for (const { e, data } of billed) {
      const sum = perAccount.get(e.streamId) ?? { messages: 0, cents: 0 };
      sum.messages += 1;
      sum.cents += data.cents;
      perAccount.set(e.streamId, sum);
    }
    const accounts = [...perAccount.keys()];
    writes.add(
      `INSERT INTO ${t.account_bills} (account, messages, cents)
       SELECT * FROM unnest($1::text[], $2::int[], $3::bigint[])
       ON CONFLICT (account) DO UPDATE SET messages = ${t.account_bills}.messages + excluded.messages,
         cents = ${t.account_bills}.cents + excluded.cents`,
      [
        accounts,
        accounts.map((a) => perAccount.get(a)?.messages ?? 0),
        accounts.map((a) => perAccount.get(a)?.cents ?? 0),
      ],
    );
  }
}

async function onServer(sql: string): Promise<void> {
  const admin = new Client({ connectionString: SERVER });
  await admin.connect();
  await admin.query(sql);
  await admin.end();
}

/** A million events straight into the log, 100,000 per transaction (so they span several xids). */
async function seed(pool: Pool): Promise<void> {
  for (let from = 0; from < EVENTS; from += SEED_CHUNK) {
    await pool.query(
      `INSERT INTO events (stream_id, stream_position, event_id, event_type, data, metadata)
       SELECT 'billing-' || (g % $3), g / $3, gen_random_uuid(), 'MessageBilled',
         jsonb_build_object('messageId', gen_random_uuid(), 'cents', g % 97,
           'billedAt', to_char(timestamptz '2025-01-01' + g * interval '1 second', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')),
         jsonb_build_object('schema_version', 1, 'correlation_id', gen_random_uuid(), 'account_id', 'acc_bench')
       FROM generate_series($1::bigint, $2::bigint) AS g`,
      [from, Math.min(from + SEED_CHUNK, EVENTS) - 1, STREAMS],
    );
  }
}

async function main(): Promise<void> {
  const name = `blocx_bench_rebuild_${randomBytes(4).toString('hex')}`;
  const url = new URL(SERVER);
  url.pathname = `/${name}`;
  await onServer(`CREATE DATABASE ${name}`);
  const pool = new Pool({ connectionString: url.toString(), max: 4 });
  // pool.end() resolves before its sockets close; the forced DROP DATABASE may still cut one.
  pool.on('error', () => undefined);
  const store = new PostgresEventStore(pool, { listen: false });
  try {
    const migrations = [
      ...eventSourcingMigrations,
      ...subscriptionMigrations,
      CreateBillingReadModels1733500000009,
    ];
    const dataSource = new DataSource({
      type: 'postgres',
      url: url.toString(),
      migrations,
      logging: false,
    });
    await dataSource.initialize();
    await dataSource.runMigrations();
    await dataSource.destroy();
    const seeding = performance.now();
    await seed(pool);
    await pool.query('VACUUM ANALYZE events');
    process.stdout.write(
      `seeded ${EVENTS} events in ${((performance.now() - seeding) / 1000).toFixed(1)} s\n`,
    );

    const registry = new EventRegistry();
    registry.register(MessageBilled);
    const host = new SubscriptionHost(pool, store, registry, new SubscriptionProgress());
    host.registerProjection(new BillingProjection());
    const report = await new ProjectionRebuilder(pool, store, registry, host).rebuild(
      'bench.billing',
    );
    const { rows } = await pool.query<{ n: string }>('SELECT count(*) AS n FROM billed_messages');
    if (Number(rows[0].n) !== EVENTS)
      throw new Error(`read model has ${rows[0].n} rows, expected ${EVENTS}`);
    const rate = Math.round(report.events / report.seconds);
    process.stdout.write(
      `rebuild: ${report.events} events in ${report.seconds.toFixed(1)} s = ${rate} events/s (goal >= 20000: ${rate >= 20_000 ? 'met' : 'NOT met'})\n`,
    );
    await host.onModuleDestroy();
  } finally {
    await store.close();
    await pool.end();
    await onServer(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});

/**
 * The process the crash test kills: it appends under load and projects at the same time
 * (`work`), catches the projection up and exits (`drain`), or rebuilds it from scratch (`rebuild`).
 * Transpiled by crash.int-spec.ts and run from dist/, outside Jest.
 */
import 'reflect-metadata';
import { randomInt } from 'node:crypto';
import { Pool } from 'pg';
import {
  compareLogPositions,
  DomainEvent,
  EventEnvelope,
  EventRegistry,
  PostgresEventStore,
  Projection,
  ProjectionRebuilder,
  SubscriptionHost,
  SubscriptionProgress,
  ReadModelWrites,
  TableNames,
} from '@blocx/event-sourcing';

export class Deposited extends DomainEvent<{ amount: number }> {}

type CrashTable = 'crash_totals' | 'crash_applications';

/** Sums per stream, and how many times each event was applied (exactly once, or the test fails). */
export class CrashTotalsProjection extends Projection<CrashTable> {
  readonly name = 'crash-totals';
  readonly tables = ['crash_totals', 'crash_applications'] as const;
  override readonly filter = { streamPrefixes: ['crash-'] };
  override readonly batchSize = 40;

  apply(events: EventEnvelope[], writes: ReadModelWrites, t: TableNames<CrashTable>): void {
    for (const envelope of events) {
      const amount = envelope.event instanceof Deposited ? envelope.event.data.amount : 0;
      writes.add(
        `INSERT INTO ${t.crash_applications} (event_id, applied) VALUES ($1, 1)
         ON CONFLICT (event_id) DO UPDATE SET applied = ${t.crash_applications}.applied + 1`,
        [envelope.id],
      );
      writes.add(
        `INSERT INTO ${t.crash_totals} (stream, events, total) VALUES ($1, 1, $2)
         ON CONFLICT (stream) DO UPDATE SET events = ${t.crash_totals}.events + 1,
           total = ${t.crash_totals}.total + $2`,
        [envelope.streamId, amount],
      );
    }
  }
}

async function appendForever(store: PostgresEventStore, registry: EventRegistry): Promise<never> {
  for (;;) {
    const events = Array.from({ length: randomInt(1, 4) }, () =>
      registry.toAppend(new Deposited({ amount: randomInt(1, 1000) }), { correlation_id: 'crash' }),
    );
    await store.appendToStream(`crash-${randomInt(0, 20)}`, events, { expectedRevision: 'any' });
  }
}

async function drain(store: PostgresEventStore, progress: SubscriptionProgress): Promise<void> {
  const head = await store.headPosition();
  for (;;) {
    const at = progress.position('crash-totals');
    if (at !== undefined && compareLogPositions(at, head) >= 0) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function main(): Promise<void> {
  const [url, mode] = process.argv.slice(2);
  const pool = new Pool({ connectionString: url, max: 8 });
  const store = new PostgresEventStore(pool);
  const registry = new EventRegistry();
  registry.register(Deposited);
  const host = new SubscriptionHost(pool, store, registry, new SubscriptionProgress());
  host.registerProjection(new CrashTotalsProjection());
  if (mode === 'rebuild') {
    const report = await new ProjectionRebuilder(pool, store, registry, host).rebuild(
      'crash-totals',
    );
    process.stdout.write(`rebuilt ${report.events}\n`);
  } else {
    host.startAll();
    if (mode === 'work') {
      process.stdout.write('ready\n');
      await Promise.all([1, 2, 3, 4].map(() => appendForever(store, registry)));
    }
    await drain(store, host.progress);
    process.stdout.write('drained\n');
  }
  await host.onModuleDestroy();
  await store.close();
  await pool.end();
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);

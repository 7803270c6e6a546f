/**
 * npm run bench:send (after `npm run build`: the worker runs from dist/) — POST /messaging/send's
 * work (every check and the append, then the wait for the read models) through the command bus
 * of the real application, on the PostgreSQL at DATABASE_URL (default
 * postgres://postgres@127.0.0.1:5432/test) in a database of its own, in two topologies:
 *   - one instance doing everything (API, read models, dispatcher, carrier reports, webhooks);
 *   - an API instance (SUBSCRIPTIONS=api, this process) beside a worker process
 *     (SUBSCRIPTIONS=worker) on the same machine and database.
 * For each: sends at saturation for BENCH_SECONDS (default 10) with each number of senders in
 * BENCH_SEND_CONCURRENCY (default "64,256": 64 keep the dispatcher up with the sends on these two
 * cores; 256 saturate the accepting side), while the pipeline works on what they send (goal
 * ≥ 3,000 sends/s and ≥ 0.3 of a plain single-row INSERT from Node at the same concurrency,
 * measured in the same run), with how long the pipeline then needs until the carrier reported on
 * every one of them; before those, a fixed 1,000 sends/s, latency from the scheduled start (goal
 * p99 ≤ 25 ms).
 * Once: STOP → opted out and the reply queued (the inbound command's latency) at 50/s
 * (goal p99 ≤ 50 ms).
 */
import 'reflect-metadata';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { CommandBus } from '@nestjs/cqrs';
import { Pool } from 'pg';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { EventStore, ReadModelWaiter, SubscriptionHost } from '@blocx/event-sourcing';
import { ReceiveInboundMessage, SendMessage } from '@blocx/messaging';
import { loadSettings, PG_POOL } from '@blocx/platform';
import { createHttpServer } from '../../apps/api/src/http-server';
import { startServiceProcess } from '../support/service-process';
import { openLine, percentile, recipients, SERVER, withDatabase } from './bench-support';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
/** Saturation is measured at each of these numbers of concurrent senders (and the INSERT too). */
const CONCURRENCIES = (process.env.BENCH_SEND_CONCURRENCY ?? '64,256').split(',').map(Number);
const FIXED_RATE = 1000;
const WARM_UP_SECONDS = 3;
const STOP_RATE = 50;
const STOPS = Number(process.env.BENCH_STOPS ?? 500);
const OPERATOR_KEY = 'bench-operator-key-0123456789';

interface Run {
  count: number;
  seconds: number;
  latencies: number[];
  /** Operations that failed (a 503 read_model_lagging under overload), by error code. */
  failures: Map<string, number>;
}

function failed(failures: Map<string, number>) {
  return (error: unknown) => {
    const code = (error as { code?: string }).code ?? String(error);
    failures.set(code, (failures.get(code) ?? 0) + 1);
  };
}

function describeRun(name: string, run: Run): string {
  const sorted = [...run.latencies].sort((a, b) => a - b);
  const rate = sorted.length / run.seconds;
  const failures = [...run.failures].map(([code, n]) => `${n} ${code}`).join(', ');
  return (
    `${name}: ${sorted.length} of ${run.count} in ${run.seconds.toFixed(1)} s = ${rate.toFixed(0)}/s, ` +
    `p50 ${percentile(sorted, 50).toFixed(1)} ms, p99 ${percentile(sorted, 99).toFixed(1)} ms` +
    (failures ? `, failed: ${failures}` : '')
  );
}

/** Valid US numbers, many area codes, for recipients (consent is read per pair). */
/** `workers` loops, each awaiting its own operation, for `seconds`. */
async function saturate(workers: number, seconds: number, operation: () => Promise<unknown>) {
  const latencies: number[] = [];
  const failures = new Map<string, number>();
  let count = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (performance.now() < deadline) {
        const at = performance.now();
        count += 1;
        await operation().then(() => latencies.push(performance.now() - at), failed(failures));
      }
    }),
  );
  return { count, seconds: (performance.now() - started) / 1000, latencies, failures };
}

/** Operations started on a fixed schedule; latency counts from the scheduled start (no coordinated omission). */
async function fixedRate(rate: number, total: number, operation: (i: number) => Promise<unknown>) {
  const latencies: number[] = [];
  const failures = new Map<string, number>();
  const pending: Promise<unknown>[] = [];
  const started = performance.now();
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    pending.push(
      operation(i).then(() => latencies.push(performance.now() - due), failed(failures)),
    );
  }
  await Promise.all(pending);
  return { count: total, seconds: (performance.now() - started) / 1000, latencies, failures };
}

/**
 * Waits until the carrier has reported on every message (delivered or failed; bounded), so that
 * phases do not overlap: the pipeline is quiet when the next one starts.
 */
async function drain(pool: Pool, limitSeconds = 180): Promise<number> {
  const started = performance.now();
  while (performance.now() - started < limitSeconds * 1000) {
    const { rows } = await pool.query(
      `SELECT count(*)::int AS n FROM messages WHERE status IN ('queued', 'sent')`,
    );
    if (rows[0].n === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return (performance.now() - started) / 1000;
}

/**
 * Waits until every subscription this process runs has caught up with the log (bounded): after a
 * burst the processors that nothing waits for (webhooks) may still be working through it, and
 * the next phase should not measure that.
 */
async function catchUp(app: NestFastifyApplication, limitSeconds = 60): Promise<number> {
  const host = app.get(SubscriptionHost);
  const active = host.progress.names().filter((name) => host.runner(name)?.state === 'active');
  const head = await app.get(EventStore).headPosition();
  const started = performance.now();
  // Past the limit the phase starts anyway (what was still behind shows in its figures).
  await app
    .get(ReadModelWaiter)
    .waitFor(head, active, limitSeconds * 1000)
    .catch(() => undefined);
  return (performance.now() - started) / 1000;
}

/** The service in this process, on the bench's database, running the `subscriptions` given. */
async function startApi(databaseUrl: string, subscriptions: string) {
  const settings = loadSettings({
    DATABASE_URL: databaseUrl,
    DATA_DIR: mkdtempSync(join(tmpdir(), 'blocx-bench-')),
    ADMIN_API_KEY: OPERATOR_KEY,
    LOG_LEVEL: 'warn',
    HOST: '127.0.0.1',
    PORT: '0',
    SUBSCRIPTIONS: subscriptions,
  });
  const app = await createHttpServer(settings);
  await app.listen(0, '127.0.0.1');
  return app;
}

/**
 * The fixed rate, then saturation at each concurrency, of `send`; each phase starts with the
 * pipeline quiet. Answers the accepted sends per second at each concurrency. Above what the
 * pipeline sustains on the same cores, sends are accepted faster than the carrier gets them and
 * reports on them: the time the pipeline then needs to catch up, and the end-to-end rate, are
 * printed too.
 */
async function measureSends(
  label: string,
  app: NestFastifyApplication,
  send: () => Promise<unknown>,
): Promise<Map<number, number>> {
  const pool = app.get<Pool>(PG_POOL);
  // Warm-up: past the start-up transients of a fresh process (compilation, and the first full
  // collections while the heap finds its size: a worker started just before measured its second
  // one 0.8 s into the fixed rate, and ~60 sends waited for it).
  await saturate(CONCURRENCIES[0], WARM_UP_SECONDS, send);
  await drain(pool);
  await catchUp(app);
  // The fixed rate first: measured right after a burst of 256 senders (once the carrier had
  // reported on all of it), its p99 was 57 ms twice: the burst leaves background work behind.
  const steady = await fixedRate(FIXED_RATE, FIXED_RATE * SECONDS, send);
  console.log(
    describeRun(`${label}: sends at a fixed ${FIXED_RATE}/s`, steady) + ' (goal p99 ≤ 25 ms)',
  );
  console.log(`  (the carrier reported on every one ${(await drain(pool)).toFixed(1)} s after)`);
  await catchUp(app);
  const rates = new Map<number, number>();
  for (const concurrency of CONCURRENCIES) {
    let poolWaits = 0;
    const probe = setInterval(() => (poolWaits = Math.max(poolWaits, pool.waitingCount)), 100);
    const sends = await saturate(concurrency, SECONDS, send);
    clearInterval(probe);
    console.log(
      describeRun(`${label}: sends at saturation, ${concurrency} senders`, sends) +
        ` (up to ${poolWaits} waiting for a connection; ${pool.totalCount} of the pool's ` +
        `${pool.options.max} opened)`,
    );
    const behind = await drain(pool);
    const settled = await catchUp(app);
    const reported = sends.latencies.length / (sends.seconds + behind);
    console.log(
      `  (the carrier reported on every one ${behind.toFixed(1)} s after the phase: ` +
        `${reported.toFixed(0)}/s end to end; the other subscriptions here caught up ` +
        `${settled.toFixed(1)} s later)`,
    );
    rates.set(concurrency, sends.latencies.length / sends.seconds);
  }
  return rates;
}

async function main(): Promise<void> {
  await withDatabase(async (databaseUrl) => {
    let app = await startApi(databaseUrl, 'all');
    const { accountId, from } = await openLine(app, OPERATOR_KEY);
    const to = recipients(20_000);
    let next = 0;
    const sendThrough = (commands: CommandBus) => () =>
      commands.execute(
        new SendMessage({
          accountId,
          from,
          to: to[next++ % to.length],
          text: 'Your code is 123456',
        }),
      );
    console.log(
      `bench:send on ${new URL(SERVER).host}, ${CONCURRENCIES.join(' and ')} concurrent, ` +
        `${SECONDS} s each`,
    );

    // 1. One instance does everything: API, read models, dispatcher, carrier reports, webhooks.
    let pool = app.get<Pool>(PG_POOL);
    const alone = await measureSends('one instance', app, sendThrough(app.get(CommandBus)));
    const handsets = recipients(20_000 + STOPS).slice(20_000);
    const stops = await fixedRate(STOP_RATE, STOPS, (i) =>
      app
        .get(CommandBus)
        .execute(new ReceiveInboundMessage({ from: handsets[i], to: from, text: 'STOP' })),
    );
    console.log(
      describeRun(`STOP → opted out + reply queued at ${STOP_RATE}/s`, stops) +
        ' (goal p99 ≤ 50 ms)',
    );

    // The baseline, on a quiet service (a dispatcher still draining would slow it down).
    await pool.query(`CREATE TABLE bench_inserts (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      account_id text NOT NULL, body jsonb NOT NULL, created_at timestamptz NOT NULL DEFAULT now())`);
    const insertRates = new Map<number, number>();
    for (const concurrency of CONCURRENCIES) {
      const inserts = await saturate(concurrency, SECONDS, () =>
        pool.query('INSERT INTO bench_inserts (account_id, body) VALUES ($1, $2)', [
          accountId,
          { from, to: to[next++ % to.length], text: 'Your code is 123456' },
        ]),
      );
      console.log(describeRun(`plain INSERT at saturation, ${concurrency} senders`, inserts));
      insertRates.set(concurrency, inserts.latencies.length / inserts.seconds);
    }
    await app.close();

    // 2. The scale-out topology on the same machine: this process is an API instance (read
    // models), a second process is the worker (dispatcher, carrier reports, webhook jobs).
    app = await startApi(databaseUrl, 'api');
    const profile = process.env.BENCH_WORKER_CPU_PROF; // a folder for the worker's CPU profile
    const worker = await startServiceProcess(
      {
        DATABASE_URL: databaseUrl,
        DATA_DIR: mkdtempSync(join(tmpdir(), 'blocx-bench-worker-')),
        ADMIN_API_KEY: OPERATOR_KEY,
        SUBSCRIPTIONS: 'worker',
      },
      // As `npm start` runs it (fewer scavenges and fewer full collections under load).
      [
        '--max-semi-space-size=64',
        '--heap-growing-percent=900',
        ...(profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : []),
      ],
    );
    pool = app.get<Pool>(PG_POOL);
    const split = await measureSends('API + worker', app, sendThrough(app.get(CommandBus)));
    await worker.stop('SIGTERM');
    await app.close();

    for (const concurrency of CONCURRENCIES) {
      const ratio = (rates: Map<number, number>) =>
        ((rates.get(concurrency) ?? 0) / (insertRates.get(concurrency) ?? 1)).toFixed(2);
      console.log(
        `sends / INSERT, ${concurrency} senders: one instance ${ratio(alone)}, ` +
          `API + worker ${ratio(split)} (goal ≥ 0.3; goal ≥ 3,000 sends/s)`,
      );
    }
    // Let the closed connections go before the database is dropped under them.
    await new Promise((resolve) => setTimeout(resolve, 500));
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

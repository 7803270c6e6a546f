/**
 * A profiling aid beside bench:send (not a benchmark with goals): runs SendMessage like it, at
 * saturation or at PROFILE_RATE sends/s, and prints where the time goes — statements per send by
 * kind (every connection of the process), the time of each step of a send, how long an append
 * takes to reach the shared log tail, the read models and the dispatcher, CPU of this process
 * and of the server, and the server's table statistics (sequential scans show there). Run after
 * `npm run bench:send` compiled it (or `npx tsc -p test/bench/tsconfig.json`):
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test [PROFILE_RATE=1000] [PROFILE_STOP=a,b] \
 *     TS_NODE_BASEURL=dist/bench node -r tsconfig-paths/register dist/bench/test/bench/send-profile.bench.js
 * Add `--cpu-prof` to node for a CPU profile of the process, PROFILE_HEAP=file for a heap profile.
 * At a fixed rate it also tells how many of the slowest sends a garbage-collection pause held up.
 */
import 'reflect-metadata';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  monitorEventLoopDelay,
  performance,
  PerformanceEntry,
  PerformanceObserver,
} from 'node:perf_hooks';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { Client, Pool } from 'pg';
import { SendMessage } from '@blocx/messaging';
import { EventStore, ReadModelWaiter, SubscriptionHost } from '@blocx/event-sourcing';
import { loadSettings, PG_POOL } from '@blocx/platform';
import { createHttpServer } from '../../apps/api/src/http-server';
import { NumberLines } from '../../libs/messaging/src/lines/number-lines';
import { SendingLines } from '../../libs/messaging/src/lines/sending-lines';
import { SendingProfiles } from '../../libs/messaging/src/lines/sending-profiles';
import { LogTail } from '../../libs/event-sourcing/src/postgres/log-tail';
import { SubscriptionProgress } from '../../libs/event-sourcing/src/subscriptions/subscription-progress';
import { openLine, recipients, withDatabase } from './bench-support';

/** When each appended position (prepare) was appended, reached the tail, reached each projection. */
const appendedAt = new Map<string, number>();

function traceLatencies(): void {
  const tail = LogTail.prototype as unknown as {
    keep: (page: { events: Array<{ event: { position: { prepare: bigint } } }> }) => void;
  };
  const keep = tail.keep;
  tail.keep = function (this: unknown, page) {
    const now = performance.now();
    for (const { event } of page.events) {
      const at = appendedAt.get(String(event.position.prepare));
      if (at !== undefined) add(stepStats, 'append -> tail has it', now - at);
    }
    return keep.call(this, page);
  };
  const progress = SubscriptionProgress.prototype as unknown as {
    report: (name: string, p: { prepare: bigint }) => void;
  };
  const report = progress.report;
  const lastSeen = new Map<string, bigint>();
  progress.report = function (this: unknown, name, position) {
    const now = performance.now();
    if (
      name === 'messaging.messages' ||
      name === 'messaging.report' ||
      name === 'messaging.dispatcher'
    ) {
      const from = lastSeen.get(name) ?? position.prepare;
      for (let p = from + 1n; p <= position.prepare; p++) {
        const at = appendedAt.get(String(p));
        if (at !== undefined) add(stepStats, `append -> ${name} passed it`, now - at);
      }
      lastSeen.set(name, position.prepare);
    }
    return report.call(this, name, position);
  };
}

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONCURRENCY = Number(process.env.BENCH_SEND_CONCURRENCY ?? 64);

interface Stat {
  n: number;
  ms: number;
  samples: number[];
}
const queryStats = new Map<string, Stat>();
const stepStats = new Map<string, Stat>();
let counting = false;

function add(map: Map<string, Stat>, key: string, ms: number) {
  if (!counting) return;
  const s = map.get(key) ?? { n: 0, ms: 0, samples: [] };
  s.n += 1;
  s.ms += ms;
  s.samples.push(ms);
  map.set(key, s);
}

function p99(stat: Stat): string {
  const sorted = [...stat.samples].sort((a, b) => a - b);
  return sorted[Math.floor(0.99 * (sorted.length - 1))].toFixed(1);
}

/** Statement texts with their whitespace collapsed (done once per text: the bench allocates less). */
const collapsed = new Map<string, string>();

function kindOf(text: string, values: unknown[] | undefined): string {
  let t = collapsed.get(text);
  if (t === undefined) {
    t = text.replace(/\s+/g, ' ').trim();
    if (collapsed.size < 10_000) collapsed.set(text, t);
  }
  if (t.startsWith('WITH moved')) return 'append (fast)';
  if (t.includes('append_to_stream')) return 'append (function)';
  if (t.includes('FROM events WHERE stream_id')) {
    return `readStream ${String(values?.[0]).split('-')[0]}`;
  }
  if (t.startsWith('SELECT advance_checkpoint')) {
    return `checkpoint (+ writes) ${t.split("'")[1]}`;
  }
  if (t.includes('FROM events WHERE (transaction_id')) return 'readAll';
  if (t.includes('held_back')) return 'heldBack';
  if (t.includes('subscription_checkpoints')) return 'checkpoint';
  if (t.startsWith('SELECT pg_notify')) return 'notify';
  return t.slice(0, 60);
}

function instrumentQueries(): void {
  const proto = Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = proto.query;
  proto.query = function (this: Client, ...args: unknown[]) {
    const first = args[0] as string | { text: string; values?: unknown[] };
    const text = typeof first === 'string' ? first : (first?.text ?? '?');
    const queryValues = (typeof first === 'string' ? args[1] : first?.values) as
      unknown[] | undefined;
    const started = performance.now();
    const last = args.length - 1;
    if (typeof args[last] === 'function') {
      const callback = args[last] as (...a: unknown[]) => unknown;
      args[last] = (...a: unknown[]) => {
        add(queryStats, kindOf(text, queryValues), performance.now() - started);
        return callback(...a);
      };
    }
    const result = original.apply(this, args);
    if (result && typeof (result as Promise<unknown>).then === 'function') {
      (result as Promise<unknown>).then(
        () => add(queryStats, kindOf(text, queryValues), performance.now() - started),
        () => add(queryStats, kindOf(text, queryValues), performance.now() - started),
      );
    }
    return result;
  };
  const poolProto = Pool.prototype as unknown as { connect: (...args: unknown[]) => unknown };
  const connect = poolProto.connect;
  poolProto.connect = function (this: Pool, ...args: unknown[]) {
    const started = performance.now();
    const result = connect.apply(this, args) as Promise<unknown> | undefined;
    result?.then?.(
      () => add(stepStats, 'pool.connect wait', performance.now() - started),
      () => undefined,
    );
    return result;
  };
}

/** Batches and wanted events per batch, and the time a batch takes, of every subscription. */
const batchStats = new Map<string, { batches: number; events: number; ms: number }>();
const SUBSCRIPTIONS = [
  'messaging.messages',
  'messaging.report',
  'messaging.dispatcher',
  'messaging.simulator-delivery-reports',
  'messaging.webhooks',
  'messaging.keyword-replies',
  'consent.opt_outs',
  'numbers.number-move-saga',
  'numbers.phone_numbers',
  'numbers.campaigns',
  'profiles.messaging_profiles',
];

function traceBatches(host: SubscriptionHost): void {
  for (const name of SUBSCRIPTIONS) {
    const handler = host.runner(name)?.handler as
      { handle: (wanted: unknown[], ...rest: unknown[]) => Promise<void> } | undefined;
    if (handler === undefined) continue;
    const handle = handler.handle.bind(handler);
    handler.handle = async (wanted, ...rest) => {
      const started = performance.now();
      try {
        return await handle(wanted, ...rest);
      } finally {
        if (counting) {
          const stat = batchStats.get(name) ?? { batches: 0, events: 0, ms: 0 };
          stat.batches += 1;
          stat.events += wanted.length;
          stat.ms += performance.now() - started;
          batchStats.set(name, stat);
        }
      }
    };
  }
}

function timeMethod(target: object, method: string, label: string): void {
  const holder = target as Record<string, (...args: unknown[]) => Promise<unknown>>;
  const original = holder[method];
  holder[method] = async function (this: unknown, ...args: unknown[]) {
    const started = performance.now();
    try {
      return await original.apply(this, args);
    } finally {
      add(stepStats, label, performance.now() - started);
    }
  };
}

function postgresCpuSeconds(): number {
  let ticks = 0;
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      if (!readFileSync(`/proc/${pid}/comm`, 'utf8').startsWith('postgres')) continue;
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // gone
    }
  }
  return ticks / 100;
}

/**
 * Garbage-collection pauses by kind (count per second, median and p90 ms), and at a fixed rate
 * how many of the slowest 1 % of sends had a pause inside them and how much of their time it was.
 */
function describeGcPauses(
  pauses: Array<{ start: number; ms: number; kind: number }>,
  spans: Array<[number, number]>,
  seconds: number,
): void {
  const kinds = new Map([
    [1, 'scavenge'],
    [2, 'mark-compact'],
    [4, 'incremental marking'],
    [8, 'weak callbacks'],
  ]);
  for (const [kind, name] of kinds) {
    const ms = pauses.filter((p) => p.kind === kind).map((p) => p.ms);
    if (ms.length === 0) continue;
    ms.sort((a, b) => a - b);
    const at = (q: number) => ms[Math.floor(q * (ms.length - 1))].toFixed(1);
    console.log(
      `GC ${name}: ${(ms.length / seconds).toFixed(1)}/s, median ${at(0.5)} ms, p90 ${at(0.9)} ms, ` +
        `max ${at(1)} ms`,
    );
  }
  if (spans.length === 0) return;
  const slowest = [...spans].sort((a, b) => b[1] - b[0] - (a[1] - a[0]));
  const inside = ([from, to]: [number, number]) =>
    pauses
      .filter((p) => p.start < to && p.start + p.ms > from)
      .reduce((sum, p) => sum + Math.min(to, p.start + p.ms) - Math.max(from, p.start), 0);
  const share = (group: Array<[number, number]>) => {
    const held = group.map(inside);
    const hit = held.filter((ms) => ms > 0).length;
    const time = group.reduce((sum, [from, to]) => sum + to - from, 0);
    return (
      `${((100 * hit) / group.length).toFixed(0)} % had a GC pause inside, ` +
      `GC was ${((100 * held.reduce((a, b) => a + b, 0)) / time).toFixed(0)} % of their time`
    );
  };
  const slow = slowest.slice(0, Math.max(1, Math.floor(spans.length / 100)));
  console.log(`slowest 1 % of sends: ${share(slow)}; all sends: ${share(spans)}`);
}

/**
 * PROFILE_HEAP=file: a sampling heap profile (open it in Chrome DevTools) of what the process
 * allocates in one second, from the 5th second of the measured run: every allocation, or with
 * PROFILE_HEAP_LIVE=1 (and node --expose-gc) only what is still alive after a full collection
 * at its end — what the scavenges copy.
 */
async function sampleHeap(file: string, live: boolean): Promise<void> {
  const session = new Session();
  session.connect();
  const post = (method: string, params: object = {}) =>
    new Promise<unknown>((resolve, reject) =>
      session.post(method, params, (error, result) => (error ? reject(error) : resolve(result))),
    );
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  await sleep(5000);
  await post('HeapProfiler.startSampling', {
    samplingInterval: 1024,
    includeObjectsCollectedByMajorGC: !live,
    includeObjectsCollectedByMinorGC: !live,
  });
  await sleep(1000);
  if (live) (global as unknown as { gc: () => void }).gc();
  const { profile } = (await post('HeapProfiler.getSamplingProfile')) as { profile: unknown };
  writeFileSync(file, JSON.stringify(profile));
  session.disconnect();
}

async function main(): Promise<void> {
  instrumentQueries();
  timeMethod(NumberLines.prototype, 'current', 'number stream fold');
  timeMethod(SendingProfiles.prototype, 'current', 'profile stream fold');
  timeMethod(SendingLines.prototype, 'check', 'line check (number+profile)');
  timeMethod(ReadModelWaiter.prototype, 'waitFor', 'read-your-writes wait');
  await withDatabase(async (databaseUrl) => {
    const settings = loadSettings({
      DATABASE_URL: databaseUrl,
      DATA_DIR: mkdtempSync(join(tmpdir(), 'blocx-prof-')),
      ADMIN_API_KEY: 'bench-operator-key-0123456789',
      LOG_LEVEL: 'error',
      HOST: '127.0.0.1',
      PORT: '0',
    });
    const app = await createHttpServer(settings);
    await app.listen(0, '127.0.0.1');
    const { accountId, from } = await openLine(app, 'bench-operator-key-0123456789');
    // PROFILE_STOP=name,name stops those subscriptions (e.g. the dispatcher) to see their share.
    const host = app.get(SubscriptionHost);
    for (const stopped of (process.env.PROFILE_STOP ?? '').split(',').filter(Boolean)) {
      await host.runner(stopped)?.stop();
    }
    traceBatches(host);
    const commands = app.get(CommandBus);
    const queries = app.get(QueryBus);
    timeMethod(Object.getPrototypeOf(app.get(EventStore)), 'appendToStream', 'append');
    const storeProto = Object.getPrototypeOf(app.get(EventStore)) as Record<
      string,
      (...a: unknown[]) => Promise<{ position: { prepare: bigint } }>
    >;
    const appendToStream = storeProto.appendToStream;
    storeProto.appendToStream = async function (this: unknown, ...args: unknown[]) {
      const result = await appendToStream.apply(this, args);
      appendedAt.set(String(result.position.prepare), performance.now());
      return result;
    };
    traceLatencies();
    const executeQuery = queries.execute.bind(queries);
    (queries as unknown as { execute: unknown }).execute = async (query: object) => {
      const started = performance.now();
      try {
        return await executeQuery(query as never);
      } finally {
        add(stepStats, `query ${query.constructor.name}`, performance.now() - started);
      }
    };
    const pool = app.get<Pool>(PG_POOL);
    const to = recipients(20_000);
    let next = 0;
    let sends = 0;
    const send = async () => {
      const started = performance.now();
      await commands.execute(
        new SendMessage({
          accountId,
          from,
          to: to[next++ % to.length],
          text: 'Your code is 123456',
        }),
      );
      add(stepStats, 'whole send', performance.now() - started);
      if (counting) sends += 1;
    };
    const rate = Number(process.env.PROFILE_RATE ?? 0);
    const latencies: number[] = [];
    /** Each send's scheduled start and end, to tell how many slow ones a GC pause held up. */
    const spans: Array<[number, number]> = [];
    const fixed = async (seconds: number) => {
      const started = performance.now();
      const pending: Promise<unknown>[] = [];
      for (let i = 0; i < rate * seconds; i++) {
        const due = started + (i * 1000) / rate;
        const wait = due - performance.now();
        if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
        pending.push(
          send().then(() => {
            if (!counting) return;
            latencies.push(performance.now() - due);
            spans.push([due, performance.now()]);
          }),
        );
      }
      await Promise.all(pending);
    };
    const saturate = async (seconds: number) => {
      const deadline = performance.now() + seconds * 1000;
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          while (performance.now() < deadline) await send().catch(() => undefined);
        }),
      );
    };
    const run = (seconds: number) => (rate > 0 ? fixed(seconds) : saturate(seconds));
    await run(1);
    counting = true;
    let waiting = 0;
    let samples = 0;
    const probe = setInterval(() => {
      waiting += pool.waitingCount;
      samples += 1;
    }, 50);
    const pauses: Array<{ start: number; ms: number; kind: number }> = [];
    const gcObserver = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        const { detail } = entry as PerformanceEntry & { detail?: { kind?: number } };
        const kind = detail?.kind ?? 0;
        pauses.push({ start: entry.startTime, ms: entry.duration, kind });
      }
    });
    gcObserver.observe({ entryTypes: ['gc'] });
    const loopDelay = monitorEventLoopDelay({ resolution: 5 });
    loopDelay.enable();
    const cpuBefore = process.cpuUsage();
    const pgBefore = postgresCpuSeconds();
    const started = performance.now();
    const heapFile = process.env.PROFILE_HEAP;
    const heap = heapFile ? sampleHeap(heapFile, process.env.PROFILE_HEAP_LIVE === '1') : undefined;
    await run(SECONDS);
    await heap;
    const cpu = process.cpuUsage(cpuBefore);
    console.log(
      `node CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s (system ${(cpu.system / 1e6).toFixed(1)} s), postgres CPU ${(postgresCpuSeconds() - pgBefore).toFixed(1)} s`,
    );
    const seconds = (performance.now() - started) / 1000;
    counting = false;
    clearInterval(probe);
    console.log(`${sends} sends in ${seconds.toFixed(1)} s = ${(sends / seconds).toFixed(0)}/s`);
    loopDelay.disable();
    const ms = (ns: number) => (ns / 1e6).toFixed(1);
    console.log(
      `event loop delay: p50 ${ms(loopDelay.percentile(50))} p99 ${ms(loopDelay.percentile(99))} max ${ms(loopDelay.max)} ms`,
    );
    latencies.sort((a, b) => a - b);
    if (rate > 0) {
      const at = (p: number) => latencies[Math.floor((p / 100) * latencies.length)].toFixed(1);
      console.log(
        `at ${rate}/s from the scheduled start: p50 ${at(50)} p90 ${at(90)} p99 ${at(99)} ms`,
      );
    }
    gcObserver.disconnect();
    describeGcPauses(pauses, spans, seconds);
    console.log(`mean pool waiting count ${(waiting / samples).toFixed(1)}`);
    console.log('\nqueries (all connections) per send, mean ms:');
    for (const [k, s] of [...queryStats].sort((a, b) => b[1].n - a[1].n)) {
      console.log(
        `  ${(s.n / sends).toFixed(2).padStart(6)}  ${(s.ms / s.n).toFixed(1).padStart(6)} ms  ${k}`,
      );
    }
    console.log('\nsteps, per send, mean and p99 ms:');
    for (const [k, s] of [...stepStats].sort((a, b) => b[1].ms - a[1].ms)) {
      const mean = (s.ms / s.n).toFixed(1).padStart(6);
      console.log(
        `  ${(s.n / sends).toFixed(2).padStart(6)}  ${mean}  ${p99(s).padStart(6)} ms  ${k}`,
      );
    }
    console.log('\nsubscriptions: batches, wanted events per batch, ms per batch:');
    for (const [k, b] of [...batchStats].sort((x, y) => y[1].ms - x[1].ms)) {
      console.log(
        `  ${String(b.batches).padStart(6)}  ${(b.events / b.batches).toFixed(1).padStart(6)}  ` +
          `${(b.ms / b.batches).toFixed(1).padStart(6)} ms  ${k}`,
      );
    }
    const { rows: tables } = await pool.query(
      `SELECT relname, n_tup_ins, n_tup_upd, n_tup_hot_upd, n_tup_del, n_dead_tup, seq_scan, idx_scan,
        autovacuum_count, autoanalyze_count FROM pg_stat_user_tables ORDER BY n_tup_ins + n_tup_upd DESC LIMIT 12`,
    );
    console.table(tables);
    const { rows: db } = await pool.query(
      `SELECT xact_commit, xact_rollback, blks_read, blks_hit, tup_returned, tup_fetched, tup_inserted, tup_updated
       FROM pg_stat_database WHERE datname = current_database()`,
    );
    console.table(db);
    await app.close();
    await new Promise((resolve) => setTimeout(resolve, 500));
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

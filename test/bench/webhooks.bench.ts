/**
 * npm run bench:webhooks — signed webhook deliveries to a receiver on loopback, on the PostgreSQL at
 * DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test) in a database of its own:
 *   1. throughput: BENCH_WEBHOOKS_JOBS (default 5,000) due jobs, delivered as fast as they go (goal ≥ 2,000/s);
 *   2. latency: jobs enqueued at 500/s for 10 s, enqueue-to-receipt p50/p99 (goal p99 ≤ 100 ms).
 * The receiver verifies nothing (signing cost is in the worker); the tests verify signatures.
 */
import 'reflect-metadata';
import { Injectable } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { ScheduleModule } from '@nestjs/schedule';
import { Test } from '@nestjs/testing';
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { loadSettings, PlatformModule } from '@blocx/platform';
import { WebhookTarget, WebhookTargets, webhooksMigrations, WebhooksModule } from '@blocx/webhooks';
import { DeliveryStore } from '../../libs/webhooks/src/deliveries/delivery-store';
import { DeliveryWorker } from '../../libs/webhooks/src/deliveries/delivery-worker';

const SERVER = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const JOBS = Number(process.env.BENCH_WEBHOOKS_JOBS ?? 5_000);
const RATE_PER_SECOND = 500;
const LATENCY_SECONDS = 10;
const ACCOUNT = randomUUID();
const PROFILE = randomUUID();
let receiverUrl = '';

@Injectable()
class LoopbackTarget extends WebhookTargets {
  async current(): Promise<WebhookTarget> {
    return { webhookUrl: receiverUrl, failoverUrl: null, events: ['message.delivered'] };
  }
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function withDatabase<T>(run: (url: string) => Promise<T>): Promise<T> {
  const name = `blocx_bench_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: SERVER });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(SERVER);
  url.pathname = `/${name}`;
  try {
    return await run(url.toString());
  } finally {
    await admin.query(`DROP DATABASE ${name} WITH (FORCE)`);
    await admin.end();
  }
}

async function main(): Promise<void> {
  const received = new Map<string, number>();
  let waiting: (() => void) | undefined;
  let expected = 0;
  const receiver = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      received.set(String(request.headers['webhook-id']), performance.now());
      response.writeHead(204).end();
      if (received.size >= expected) waiting?.();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;

  await withDatabase(async (databaseUrl) => {
    const settings = loadSettings({
      DATABASE_URL: databaseUrl,
      DATA_DIR: mkdtempSync(join(tmpdir(), 'blocx-bench-')),
      ADMIN_API_KEY: 'bench-operator-key-0123456789',
      LOG_LEVEL: 'warn',
    });
    const app = await Test.createTestingModule({
      imports: [
        PlatformModule.forRoot({ settings, migrations: webhooksMigrations }),
        ScheduleModule.forRoot(),
        CqrsModule.forRoot(),
        WebhooksModule.forRoot(LoopbackTarget),
      ],
    }).compile();
    await app.init();
    const store = app.get(DeliveryStore);
    const worker = app.get(DeliveryWorker);
    const job = () => {
      const eventId = randomUUID();
      const delivery = {
        id: randomUUID(),
        accountId: ACCOUNT,
        messagingProfileId: PROFILE,
        eventId,
        eventType: 'message.delivered',
        occurredAt: new Date(),
        payload: { id: randomUUID(), status: 'delivered', text: 'Your code is 123456' },
      };
      return { eventId, delivery };
    };

    // 1. Throughput: jobs enqueued in the future, made due at once, then drained.
    const future = new Date(Date.now() + 3_600_000);
    for (let i = 0; i < JOBS; i += 100) {
      await Promise.all(
        Array.from({ length: Math.min(100, JOBS - i) }, () =>
          store.enqueue(job().delivery, future),
        ),
      );
    }
    const pool = new Client({ connectionString: databaseUrl });
    await pool.connect();
    expected = JOBS;
    const allIn = new Promise<void>((resolve) => (waiting = resolve));
    const started = performance.now();
    await pool.query(`UPDATE webhook_deliveries SET next_attempt_at = now() - interval '1 second'`);
    worker.wake();
    await allIn;
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `throughput: ${JOBS} signed deliveries in ${seconds.toFixed(2)} s = ${(JOBS / seconds).toFixed(0)} deliveries/s (goal ≥ 2,000/s)`,
    );

    // 2. Latency at a fixed rate.
    received.clear();
    const sentAt = new Map<string, number>();
    const total = RATE_PER_SECOND * LATENCY_SECONDS;
    expected = total;
    const latencyDone = new Promise<void>((resolve) => (waiting = resolve));
    const begin = performance.now();
    for (let i = 0; i < total; i++) {
      const due = begin + (i * 1000) / RATE_PER_SECOND;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      const { eventId, delivery } = job();
      sentAt.set(eventId, performance.now());
      void store.enqueue(delivery, new Date()).then(() => worker.wake());
    }
    await latencyDone;
    const latencies = [...sentAt]
      .map(([id, at]) => (received.get(id) ?? Infinity) - at)
      .sort((a, b) => a - b);
    console.log(
      `latency at ${RATE_PER_SECOND}/s for ${LATENCY_SECONDS} s: p50 ${percentile(latencies, 50).toFixed(1)} ms, ` +
        `p99 ${percentile(latencies, 99).toFixed(1)} ms, max ${latencies[latencies.length - 1].toFixed(1)} ms (goal p99 ≤ 100 ms)`,
    );
    await pool.end();
    await app.close();
  });
  receiver.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

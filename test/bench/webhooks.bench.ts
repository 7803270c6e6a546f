/**
 * npm run bench:webhooks — signed webhooks from the real application (in this process) to a receiver
 * on loopback, on the PostgreSQL at DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test) in a
 * database of its own:
 *   1. delivery throughput: BENCH_WEBHOOKS_JOBS (default 5,000) due delivery jobs, drained as fast as
 *      they go (goal ≥ 2,000 signed deliveries/s);
 *   2. event-to-receipt: `MessageReceived` events appended to the log at 500/s for 10 s; each goes
 *      through the durable webhook processor, the job table and the worker (goal p99 ≤ 100 ms).
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { EventRegistry, EventStore } from '@blocx/event-sourcing';
import { MessageReceived } from '@blocx/messaging';
import { loadSettings } from '@blocx/platform';
import { createHttpServer } from '../../apps/api/src/http-server';
import { DeliveryStore } from '../../libs/webhooks/src/deliveries/delivery-store';
import { DeliveryWorker } from '../../libs/webhooks/src/deliveries/delivery-worker';
import { ApiClient } from '../support/api-client';
import { percentile, withDatabase } from './bench-support';

const JOBS = Number(process.env.BENCH_WEBHOOKS_JOBS ?? 5_000);
const RATE_PER_SECOND = 500;
const SECONDS = 10;
const OPERATOR_KEY = 'bench-operator-key-0123456789';

/** Records when each webhook-id arrived; resolves `until(n)` once n have. */
async function startReceiver() {
  const received = new Map<string, number>();
  const waiters: Array<{ count: number; resolve: () => void }> = [];
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      received.set(String(request.headers['webhook-id']), performance.now());
      response.writeHead(204).end();
      for (const waiter of waiters.filter((w) => received.size >= w.count)) waiter.resolve();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    received,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`,
    until: (count: number) => new Promise<void>((resolve) => waiters.push({ count, resolve })),
    close: () => server.close(),
  };
}

async function main(): Promise<void> {
  const receiver = await startReceiver();
  await withDatabase(async (databaseUrl) => {
    const settings = loadSettings({
      DATABASE_URL: databaseUrl,
      DATA_DIR: mkdtempSync(join(tmpdir(), 'blocx-bench-')),
      ADMIN_API_KEY: OPERATOR_KEY,
      LOG_LEVEL: 'warn',
    });
    const app = await createHttpServer(settings);
    await app.listen(0, '127.0.0.1');
    const { port } = app.getHttpServer().address() as AddressInfo;
    const operator = new ApiClient(`http://127.0.0.1:${port}`, OPERATOR_KEY);
    const account = (await operator.post('/accounts', { name: 'Bench' })).body.data;
    const client = operator.withKey(account.api_key);
    const profile = (
      await client.post('/messaging-profiles', { name: 'Bench', webhook_url: receiver.url })
    ).body.data;
    const owner = { accountId: account.id as string, profileId: profile.id as string };

    // 1. Delivery throughput: jobs made due all at once, then drained.
    const store = app.get(DeliveryStore, { strict: false });
    const future = new Date(Date.now() + 3_600_000);
    for (let i = 0; i < JOBS; i += 500) {
      const jobs = Array.from({ length: Math.min(500, JOBS - i) }, () => ({
        id: randomUUID(),
        accountId: owner.accountId,
        messagingProfileId: owner.profileId,
        eventId: randomUUID(),
        eventType: 'message.delivered',
        occurredAt: new Date(),
        payload: { id: randomUUID(), status: 'delivered', text: 'Your code is 123456' },
      }));
      await store.enqueue(jobs, future);
    }
    const sql = new Client({ connectionString: databaseUrl });
    await sql.connect();
    const allIn = receiver.until(JOBS);
    const started = performance.now();
    await sql.query(`UPDATE webhook_deliveries SET next_attempt_at = now() - interval '1 second'`);
    app.get(DeliveryWorker, { strict: false }).wake();
    await allIn;
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `delivery throughput: ${JOBS} signed deliveries in ${seconds.toFixed(2)} s = ` +
        `${(JOBS / seconds).toFixed(0)}/s (goal ≥ 2,000/s)`,
    );
    await sql.end();

    // 2. Event to receipt at a fixed rate: an inbound message event appended to the log.
    const events = app.get(EventStore, { strict: false });
    const registry = app.get(EventRegistry, { strict: false });
    const appendedAt = new Map<string, number>();
    const total = RATE_PER_SECOND * SECONDS;
    const allReceived = receiver.until(JOBS + total);
    const begin = performance.now();
    const appends: Promise<unknown>[] = [];
    for (let i = 0; i < total; i++) {
      const wait = begin + (i * 1000) / RATE_PER_SECOND - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      const messageId = randomUUID();
      const event = new MessageReceived({
        messageId,
        ...owner,
        from: '+14155550188',
        to: '+14155550123',
        text: 'Hello',
        encoding: 'GSM-7',
        parts: 1,
        receivedAt: new Date().toISOString(),
      });
      const toAppend = registry.toAppend(event, { account_id: owner.accountId });
      appendedAt.set(toAppend.id, performance.now());
      appends.push(
        events.appendToStream(`message-${messageId}`, [toAppend], {
          expectedRevision: 'no_stream',
        }),
      );
    }
    await Promise.all(appends);
    await allReceived;
    const latencies = [...appendedAt]
      .map(([id, at]) => (receiver.received.get(id) ?? Infinity) - at)
      .sort((a, b) => a - b);
    console.log(
      `event to receipt at ${RATE_PER_SECOND} events/s for ${SECONDS} s: p50 ${percentile(latencies, 50).toFixed(1)} ms, ` +
        `p99 ${percentile(latencies, 99).toFixed(1)} ms, max ${latencies[latencies.length - 1].toFixed(1)} ms ` +
        '(goal p99 ≤ 100 ms)',
    );
    await app.close();
  });
  receiver.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

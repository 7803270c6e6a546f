import { Injectable } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { ScheduleModule } from '@nestjs/schedule';
import { Test, TestingModule } from '@nestjs/testing';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Webhook } from 'standardwebhooks';
import { Clock, loadSettings, PlatformModule } from '@blocx/platform';
import { WebhookTarget, WebhookTargets, webhooksMigrations, WebhooksModule } from '@blocx/webhooks';
import { DeliveryStore, DeliveryRow } from '../../libs/webhooks/src/deliveries/delivery-store';
import { DeliveryWorker } from '../../libs/webhooks/src/deliveries/delivery-worker';
import { WebhookSecrets } from '../../libs/webhooks/src/secrets/webhook-secrets';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { WebhookReceiver } from '../support/webhook-receiver';

const ALL_EVENTS = ['message.sent', 'message.delivered', 'message.failed', 'message.received'];
const targets = new Map<string, WebhookTarget>();

@Injectable()
class ConfiguredTargets extends WebhookTargets {
  async current(_accountId: string, profileId: string): Promise<WebhookTarget | undefined> {
    return targets.get(profileId);
  }
}

interface Worker {
  module: TestingModule;
  store: DeliveryStore;
  worker: DeliveryWorker;
  secrets: WebhookSecrets;
  close(): Promise<void>;
}

async function startWorker(database: TestDatabase, env: Record<string, string>): Promise<Worker> {
  const dataDir = mkdtempSync(join(tmpdir(), 'blocx-wh-'));
  const settings = loadSettings({
    DATABASE_URL: database.url,
    DATA_DIR: dataDir,
    ADMIN_API_KEY: 'webhook-test-operator-key',
    LOG_LEVEL: 'silent',
    SECRET_KEY: 'ab'.repeat(32),
    WEBHOOK_RETRY_SCHEDULE: '300ms,300ms',
    WEBHOOK_TIMEOUT_MS: '400',
    ...env,
  });
  const module = await Test.createTestingModule({
    imports: [
      PlatformModule.forRoot({ settings, migrations: webhooksMigrations }),
      ScheduleModule.forRoot(),
      CqrsModule.forRoot(),
      WebhooksModule.forRoot(ConfiguredTargets),
    ],
  }).compile();
  await module.init();
  return {
    module,
    store: module.get(DeliveryStore),
    worker: module.get(DeliveryWorker),
    secrets: module.get(WebhookSecrets),
    close: async () => {
      await module.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

describe('webhook delivery (real HTTP receivers on loopback)', () => {
  let database: TestDatabase;
  let app: Worker;
  let primary: WebhookReceiver;
  let failover: WebhookReceiver;
  const accountId = randomUUID();

  beforeAll(async () => {
    database = await createTestDatabase();
    app = await startWorker(database, {});
  });
  afterAll(async () => {
    await app.close();
    await database.drop();
  });
  beforeEach(async () => {
    [primary, failover] = await Promise.all([WebhookReceiver.start(), WebhookReceiver.start()]);
  });
  afterEach(async () => {
    await Promise.all([primary.close(), failover.close()]);
  });

  function profileWith(target: Partial<WebhookTarget>): string {
    const profileId = randomUUID();
    targets.set(profileId, {
      webhookUrl: primary.url,
      failoverUrl: null,
      events: ALL_EVENTS,
      ...target,
    });
    return profileId;
  }

  async function enqueue(
    profileId: string,
    eventType = 'message.delivered',
    worker = app,
  ): Promise<string> {
    const eventId = randomUUID();
    await worker.store.enqueue(
      [
        {
          id: randomUUID(),
          accountId,
          messagingProfileId: profileId,
          eventId,
          eventType,
          occurredAt: new Date('2026-12-04T10:00:00Z'),
          payload: { id: 'msg-1', status: 'delivered' },
        },
      ],
      worker.module.get(Clock).now(),
    );
    worker.worker.wake();
    return eventId;
  }

  async function settled(eventId: string, worker = app): Promise<DeliveryRow> {
    for (let i = 0; i < 100; i++) {
      const { rows } = await worker.store.list({ accountId, limit: 250, offset: 0 });
      const row = rows.find((r) => r.event_id === eventId);
      if (row && row.status !== 'pending') return row;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`delivery of ${eventId} did not settle`);
  }

  it('POSTs the event signed per Standard Webhooks, verified by the reference library', async () => {
    const profileId = profileWith({});
    const eventId = await enqueue(profileId);
    const [hook] = await primary.waitFor(1);
    const secret = await app.secrets.current(accountId, profileId, new Date());
    const verified = new Webhook(secret).verify(hook.body, hook.headers as Record<string, string>);
    expect(verified).toEqual({
      data: {
        record_type: 'event',
        id: eventId,
        event_type: 'message.delivered',
        occurred_at: '2026-12-04T10:00:00.000Z',
        payload: { id: 'msg-1', status: 'delivered' },
      },
      meta: { attempt: 1, delivered_to: primary.url },
    });
    expect(hook.headers['webhook-id']).toBe(eventId);
    const wrong = 'whsec_' + Buffer.alloc(32, 1).toString('base64');
    expect(() =>
      new Webhook(wrong).verify(hook.body, hook.headers as Record<string, string>),
    ).toThrow();
    const row = await settled(eventId);
    expect(row.status).toBe('delivered');
    expect(row.attempts).toEqual([
      expect.objectContaining({ url: primary.url, status_code: 200, error: null }),
    ]);
  });

  it('goes to the failover URL at once when the primary answers 500', async () => {
    primary.respondWith = 500;
    const eventId = await enqueue(profileWith({ failoverUrl: failover.url }));
    const [hook] = await failover.waitFor(1);
    expect(JSON.parse(hook.body).meta).toEqual({ attempt: 2, delivered_to: failover.url });
    const row = await settled(eventId);
    expect(row.status).toBe('delivered');
    expect(row.attempts.map((a) => [a.url, a.status_code])).toEqual([
      [primary.url, 500],
      [failover.url, 200],
    ]);
  });

  it('goes to the failover URL when the primary port is closed', async () => {
    const closed = await WebhookReceiver.start();
    const closedUrl = closed.url;
    await closed.close();
    const eventId = await enqueue(
      profileWith({ webhookUrl: closedUrl, failoverUrl: failover.url }),
    );
    const row = await settled(eventId);
    expect(row.status).toBe('delivered');
    expect(row.attempts[0]).toEqual(expect.objectContaining({ url: closedUrl, status_code: null }));
    expect(row.attempts[0].error).toMatch(/ECONNREFUSED/);
  });

  it('retries on the schedule with the same webhook-id until it succeeds', async () => {
    primary.respondWith = 503;
    const eventId = await enqueue(profileWith({}));
    await primary.waitFor(2);
    primary.respondWith = 200;
    const hooks = await primary.waitFor(3);
    expect(hooks.map((h) => h.headers['webhook-id'])).toEqual([eventId, eventId, eventId]);
    expect(hooks.map((h) => JSON.parse(h.body).meta.attempt)).toEqual([1, 2, 3]);
    expect(hooks[1].at - hooks[0].at).toBeGreaterThanOrEqual(250);
    expect((await settled(eventId)).status).toBe('delivered');
  });

  it('counts a slow receiver as failed after the timeout, then fails when the schedule is exhausted', async () => {
    primary.respondWith = 'hang';
    const eventId = await enqueue(profileWith({}));
    const row = await settled(eventId);
    expect(row.status).toBe('failed');
    expect(row.attempts).toHaveLength(3);
    expect(row.attempts[0].error).toMatch(/timeout/);
  });

  it('reads the URL at each try, so an edit reaches a pending delivery', async () => {
    primary.respondWith = 500;
    const profileId = profileWith({});
    const eventId = await enqueue(profileId);
    await primary.waitFor(1);
    targets.set(profileId, { webhookUrl: failover.url, failoverUrl: null, events: ALL_EVENTS });
    const [hook] = await failover.waitFor(1);
    expect(JSON.parse(hook.body).meta).toEqual({ attempt: 2, delivered_to: failover.url });
    expect((await settled(eventId)).status).toBe('delivered');
  });

  it('sends nothing for an event the profile no longer subscribes to', async () => {
    const eventId = await enqueue(profileWith({ events: ['message.received'] }), 'message.sent');
    const row = await settled(eventId);
    expect(row.status).toBe('failed');
    expect(row.attempts).toEqual([]);
    expect(primary.received).toHaveLength(0);
  });

  it('enqueues an event once however often it is replayed', async () => {
    const profileId = profileWith({});
    const job = {
      id: randomUUID(),
      accountId,
      messagingProfileId: profileId,
      eventId: randomUUID(),
      eventType: 'message.sent',
      occurredAt: new Date(),
      payload: {},
    };
    expect(await app.store.enqueue([job], new Date())).toBe(1);
    expect(await app.store.enqueue([{ ...job, id: randomUUID() }, job], new Date())).toBe(0);
  });

  it('signs under the new and the previous secret for a day after a rotation', async () => {
    const profileId = profileWith({});
    const before = await app.secrets.current(accountId, profileId, new Date());
    const after = await app.secrets.rotate(accountId, profileId, new Date());
    expect(after).not.toBe(before);
    await enqueue(profileId);
    const [hook] = await primary.waitFor(1);
    expect(String(hook.headers['webhook-signature']).split(' ')).toHaveLength(2);
    for (const secret of [before, after]) {
      expect(() =>
        new Webhook(secret).verify(hook.body, hook.headers as Record<string, string>),
      ).not.toThrow();
    }
    const tomorrow = new Date(Date.now() + 24 * 3_600_000 + 1000);
    expect(await app.secrets.signing(accountId, profileId, tomorrow)).toEqual([after]);
  });

  it('refuses private targets when private networks are not allowed (literal and resolved)', async () => {
    // Its own database: the permissive worker above would otherwise claim these jobs too.
    const ownDatabase = await createTestDatabase();
    const guarded = await startWorker(ownDatabase, { WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'false' });
    try {
      const port = new URL(primary.url).port;
      for (const url of [primary.url, `http://localhost:${port}/hooks`]) {
        const eventId = await enqueue(profileWith({ webhookUrl: url }), 'message.sent', guarded);
        const row = await settled(eventId, guarded);
        expect(row.status).toBe('failed');
        expect(row.attempts[0].error).toMatch(/^refused: .* non-public address/);
      }
      expect(primary.received).toHaveLength(0);
    } finally {
      await guarded.close();
      await ownDatabase.drop();
    }
  });
});

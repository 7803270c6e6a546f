import { ApiClient } from '../support/api-client';
import { restartableService } from '../support/restartable-service';
import { WebhookReceiver } from '../support/webhook-receiver';
import { Client, openLine, usNumber } from './messaging/messaging-fixture';

/** A service killed with SIGKILL in the middle of an HTTP attempt loses no webhook. */
describe('webhook delivery across kill -9', () => {
  const restartable = restartableService({
    SECRET_KEY: 'cd'.repeat(32),
    WEBHOOK_TIMEOUT_MS: '1000',
    WEBHOOK_RETRY_SCHEDULE: '1s',
  });
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    receiver = await WebhookReceiver.start();
  });
  afterAll(() => receiver.close());

  it('delivers, after a restart, the event whose attempt was in flight, with the same webhook-id', async () => {
    const first = await restartable.start();
    const operator = new ApiClient(first.baseUrl, restartable.operatorKey);
    const created = (await operator.post('/accounts', { name: 'Hooks' })).body.data;
    const account = Object.assign(new ApiClient(first.baseUrl, created.api_key), {
      accountId: created.id as string,
    }) as Client;
    const line = await openLine(account, {
      profile: { webhook_url: receiver.url, webhook_events: ['message.sent'] },
    });
    receiver.respondWith = 'hang';
    const sent = await account.post('/messaging/send', {
      from: line.number,
      to: usNumber(),
      text: 'Hi',
    });
    expect(sent.status).toBe(202);
    const [inFlight] = await receiver.waitFor(1);
    await first.stop('SIGKILL');
    receiver.respondWith = 200;

    const second = await restartable.start();
    try {
      const [, retried] = await receiver.waitFor(2, 30_000);
      expect(retried.headers['webhook-id']).toBe(inFlight.headers['webhook-id']);
      expect(JSON.parse(retried.body).data.payload.id).toBe(sent.body.data.id);
      const deliveries = new ApiClient(second.baseUrl, created.api_key);
      let listed = await deliveries.get(
        `/webhook-deliveries?messaging_profile_id=${line.profileId}`,
      );
      for (let i = 0; i < 50 && listed.body.data[0]?.status !== 'delivered'; i++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        listed = await deliveries.get(`/webhook-deliveries?messaging_profile_id=${line.profileId}`);
      }
      expect(listed.body.meta.total).toBe(1);
      expect(listed.body.data[0]).toMatchObject({
        status: 'delivered',
        event_id: inFlight.headers['webhook-id'],
      });
    } finally {
      await second.stop();
    }
  }, 90_000);
});

import { Webhook } from 'standardwebhooks';
import { startTestService, TestService } from '../../support/test-service';
import { WebhookReceiver } from '../../support/webhook-receiver';
import { Client, expectOk, inbound, openLine, usNumber } from './messaging-fixture';

describe('message webhooks over HTTP', () => {
  let service: TestService;
  let alice: Client;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    [service, receiver] = await Promise.all([startTestService(), WebhookReceiver.start()]);
    alice = await service.newAccount('Alice');
  });
  afterAll(async () => {
    await service.close();
    await receiver.close();
  });

  function events(since: number) {
    return receiver.received.slice(since).map((hook) => JSON.parse(hook.body).data);
  }

  it('posts message.sent and message.delivered, signed, soon after the send', async () => {
    const line = await openLine(alice, { profile: { webhook_url: receiver.url } });
    const secret = await expectOk(
      alice.get(`/messaging-profiles/${line.profileId}/webhook-secret`),
      200,
    );
    const since = receiver.received.length;
    const started = Date.now();
    const sent = await expectOk(
      alice.post('/messaging/send', { from: line.number, to: usNumber(), text: 'Hi' }),
      202,
    );
    // The contract's 2 s is for an idle service; timings stay out of pass/fail on a shared machine,
    // so the bound is generous and the figure is printed.
    const hooks = await receiver.waitFor(since + 2, 10_000);
    console.log(`send → message.sent and message.delivered webhooks: ${Date.now() - started} ms`);
    // Deliveries run concurrently: their arrival order is not part of the contract.
    const byType = (type: string) => events(since).find((event) => event.event_type === type);
    const [first, second] = [byType('message.sent'), byType('message.delivered')];
    expect(first).toMatchObject({
      record_type: 'event',
      event_type: 'message.sent',
      payload: { id: sent.id, status: 'sent', messaging_profile_id: line.profileId },
    });
    expect(second).toMatchObject({
      event_type: 'message.delivered',
      payload: { id: sent.id, status: 'delivered' },
    });
    const verifier = new Webhook(secret.secret as string);
    for (const hook of hooks.slice(since)) {
      expect(() =>
        verifier.verify(hook.body, hook.headers as Record<string, string>),
      ).not.toThrow();
    }
    const ids = hooks.slice(since).map((hook) => hook.headers['webhook-id']);
    expect(ids.sort()).toEqual([first.id, second.id].sort());
    expect(first.id).not.toBe(second.id);
  });

  it('posts message.received and message.failed; not the events the profile leaves out', async () => {
    const line = await openLine(alice, {
      profile: {
        webhook_url: receiver.url,
        webhook_events: ['message.received', 'message.failed'],
      },
    });
    const since = receiver.received.length;
    const handset = usNumber();
    await expectOk(inbound(service.operator, handset, line.number, 'Hello there'), 202);
    await expectOk(
      alice.post('/messaging/send', { from: line.number, to: '+12025550999', text: 'Hi' }),
      202,
    );
    await receiver.waitFor(since + 2);
    const types = events(since).map((event) => event.event_type);
    expect(types.sort()).toEqual(['message.failed', 'message.received']);
    const received = events(since).find((event) => event.event_type === 'message.received');
    expect(received.payload).toMatchObject({
      direction: 'inbound',
      from: handset,
      to: line.number,
      text: 'Hello there',
      status: 'received',
    });
  });
});

import { randomUUID } from 'node:crypto';
import { EventRegistry, EventStore } from '@blocx/event-sourcing';
import { MessageQueued, MessageSent } from '@blocx/messaging';
import { startTestService, TestService } from '../../support/test-service';
import { awaitStatus, Client, openLine, usNumber } from './messaging-fixture';

describe("the simulator's delivery reports", () => {
  let service: TestService;
  let alice: Client;

  beforeAll(async () => {
    service = await startTestService();
    alice = await service.newAccount('Alice');
  });
  afterAll(() => service.close());

  /** A message the simulator took before its references kept their verdict (`sim-<id>`). */
  async function sentWithOldReference(to: string): Promise<string> {
    const line = await openLine(alice);
    const messageId = randomUUID();
    const owner = { messageId, accountId: alice.accountId, profileId: line.profileId };
    const at = new Date().toISOString();
    const events = [
      new MessageQueued({
        ...owner,
        from: line.number,
        to,
        text: 'Sent before the upgrade',
        encoding: 'GSM-7',
        parts: 1,
        purpose: 'send',
        queuedAt: at,
      }),
      new MessageSent({
        ...owner,
        carrier: 'simulator',
        carrierMessageId: `sim-${messageId}`,
        sentAt: at,
      }),
    ];
    const registry = service.app.get(EventRegistry);
    await service.app.get(EventStore).appendToStream(
      `message-${messageId}`,
      events.map((event) => registry.toAppend(event, { account_id: alice.accountId })),
      { expectedRevision: 'no_stream' },
    );
    return messageId;
  }

  it('reports a message sent under an older reference from its destination', async () => {
    const rejected = await sentWithOldReference('+12025550999');
    const delivered = await sentWithOldReference(usNumber());
    expect(await awaitStatus(alice, rejected, ['delivered', 'failed'])).toMatchObject({
      status: 'failed',
      errors: [expect.objectContaining({ code: 'carrier_rejected' })],
    });
    expect((await awaitStatus(alice, delivered, ['delivered', 'failed'])).status).toBe('delivered');
  });

  it('keeps its verdict in the reference of what it takes now', async () => {
    const line = await openLine(alice);
    const send = (to: string) =>
      alice.post('/messaging/send', { from: line.number, to, text: 'Hi' });
    const [rejected, delivered] = await Promise.all([send('+12025550999'), send(usNumber())]);
    for (const [response, outcome] of [
      [rejected, 'failed'],
      [delivered, 'delivered'],
    ] as const) {
      const id = response.body.data.id as string;
      expect((await awaitStatus(alice, id, ['delivered', 'failed'])).status).toBe(outcome);
      const history = await alice.get(`/messages/${id}/status-history`);
      const sent = (history.body.data.events as Array<Record<string, unknown>>).find(
        (event) => event.status === 'sent',
      );
      expect(sent?.carrier_message_id).toBe(`sim-${outcome}-${id}`);
    }
  });
});

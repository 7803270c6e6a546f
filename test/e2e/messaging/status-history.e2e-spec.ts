import { randomUUID } from 'node:crypto';
import { ApiResponse } from '../../support/api-client';
import { startTestService, TestService } from '../../support/test-service';
import {
  awaitStatus,
  Client,
  expectError,
  expectOk,
  inbound,
  ISO,
  Line,
  openLine,
  usNumber,
} from './messaging-fixture';

interface StatusEvent {
  status: string;
  occurred_at: string;
  errors: { code: string; title: string; detail: string }[];
  carrier: string | null;
  carrier_message_id: string | null;
}

describe('a message’s status history over HTTP', () => {
  let service: TestService;
  let alice: Client;
  let bob: Client;
  let line: Line;

  beforeAll(async () => {
    service = await startTestService();
    [alice, bob] = await Promise.all([service.newAccount('Alice'), service.newAccount('Bob')]);
    line = await openLine(alice);
  });
  afterAll(() => service.close());

  /** Sends to `to` and waits until the carrier's report has settled the message. */
  async function sendSettled(to: string): Promise<string> {
    const sent = await expectOk(
      alice.post('/messaging/send', { from: line.number, to, text: 'Your code is 1234' }),
      202,
    );
    await awaitStatus(alice, sent.id as string, ['delivered', 'failed']);
    return sent.id as string;
  }

  const historyOf = (client: Client, messageId: string) =>
    client.get(`/messages/${messageId}/status-history`);
  const errorOf = (response: ApiResponse) => ({
    status: response.status,
    errors: response.body.errors,
  });

  it('replays a delivered message as queued → sent → delivered, in time order', async () => {
    const messageId = await sendSettled(usNumber());
    const history = await expectOk(historyOf(alice, messageId), 200);
    expect(history).toMatchObject({ message_id: messageId, status: 'delivered' });
    const events = history.events as StatusEvent[];
    expect(events).toEqual([
      {
        status: 'queued',
        occurred_at: expect.stringMatching(ISO),
        errors: [],
        carrier: null,
        carrier_message_id: null,
      },
      {
        status: 'sent',
        occurred_at: expect.stringMatching(ISO),
        errors: [],
        carrier: 'simulator',
        carrier_message_id: expect.stringMatching(/.+/),
      },
      {
        status: 'delivered',
        occurred_at: expect.stringMatching(ISO),
        errors: [],
        carrier: null,
        carrier_message_id: null,
      },
    ]);
    const times = events.map((event) => event.occurred_at);
    expect([...times].sort()).toEqual(times);
    const message = (await alice.get(`/messages/${messageId}`)).body.data;
    expect([times[0], times[2]]).toEqual([message.created_at, message.updated_at]);
  });

  it('ends a carrier rejection with failed and its carrier_rejected error', async () => {
    const messageId = await sendSettled('+12025550999');
    const history = await expectOk(historyOf(alice, messageId), 200);
    expect(history.status).toBe('failed');
    const events = history.events as StatusEvent[];
    expect(events[0].status).toBe('queued');
    expect(events.at(-1)).toEqual({
      status: 'failed',
      occurred_at: expect.stringMatching(ISO),
      errors: [{ code: 'carrier_rejected', title: expect.any(String), detail: expect.any(String) }],
      carrier: null,
      carrier_message_id: null,
    });
  });

  it('has just received for an inbound message', async () => {
    const received = await expectOk(
      inbound(service.operator, usNumber(), line.number, 'See you at 5'),
      202,
    );
    const history = await expectOk(historyOf(alice, received.id as string), 200);
    expect(history).toEqual({
      message_id: received.id,
      status: 'received',
      events: [
        {
          status: 'received',
          occurred_at: received.created_at,
          errors: [],
          carrier: null,
          carrier_message_id: null,
        },
      ],
    });
  });

  it('answers 404 message_not_found for another account’s, an unknown or a malformed id', async () => {
    const messageId = await sendSettled(usNumber());
    expectError(await historyOf(bob, messageId), 404, 'message_not_found');
    expectError(await historyOf(alice, randomUUID()), 404, 'message_not_found');
    const malformed = await historyOf(alice, 'not-a-uuid');
    expectError(malformed, 404, 'message_not_found');
    expect(errorOf(malformed)).toEqual(errorOf(await alice.get('/messages/not-a-uuid')));
  });

  it('is documented in the OpenAPI document', async () => {
    const document = (await service.operator.get('/openapi.json')).body;
    expect(Object.keys(document.paths['/messages/{id}/status-history'])).toEqual(['get']);
    expect(Object.keys(document.components.schemas.MessageStatusEventResponse.properties)).toEqual([
      'status',
      'occurred_at',
      'errors',
      'carrier',
      'carrier_message_id',
    ]);
  });
});
